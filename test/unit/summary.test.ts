import { describe, expect, test } from '@jest/globals';
import { emptyOutputs } from '../../src/outputs/collect.js';
import { SUMMARY_LIMIT, escapeMarkdown, renderSummary } from '../../src/report/summary.js';
import type { RunResult } from '../../src/sandbox/result.js';

const result = (over: Partial<RunResult> = {}): RunResult => ({
  schemaVersion: 1,
  runId: 'r',
  status: 'failed',
  exitCode: 3,
  commandExitCode: 3,
  durationMs: 1500,
  image: { ref: 'img:1', id: null },
  engine: { name: 'docker', version: '20.10', runtime: 'default' },
  user: '65534:65534',
  network: 'none',
  egress: null,
  limits: {
    timeoutMs: 60000,
    memoryBytes: 2 ** 31,
    memorySwapBytes: 2 ** 31,
    cpus: 2,
    pids: 512,
    nofile: 8192,
    fsizeBytes: 2 ** 32,
    tmpSizeBytes: 2 ** 29,
    readOnlyRoot: true,
    capabilities: [],
    noNewPrivileges: true,
  },
  volumes: [{ mount: '/work', sizeBytes: 2 ** 30, backend: 'loop', enforced: true }],
  loosened: [],
  notes: [],
  outputs: emptyOutputs(),
  state: null,
  annotations: [],
  annotationsDropped: 0,
  timings: { prepareMs: 1, commandMs: 2, collectMs: 3, cleanupMs: 4 },
  logTruncated: false,
  logBytes: { shown: 10, dropped: 0 },
  ...over,
});

describe('escapeMarkdown', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['a|b', 'a\\|b'],
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['[x](javascript:1)', '\\[x\\]\\(javascript:1\\)'],
    ['new\nline', 'new\\x0aline'],
    ['plain', 'plain'],
  ])('%j → %j', (a, b) => expect(escapeMarkdown(a)).toBe(b));
});

describe('renderSummary', () => {
  test('status, exit code, duration, limits and volumes', () => {
    const md = renderSummary(result());
    expect(md).toMatch(/sandbox-action: failed \(exit 3\) in 1\.5 s/);
    expect(md).toContain('| memory (swap equal) | 2.0 GiB |');
    expect(md).toContain('| /work | 1.0 GiB (loop) |');
    expect(md).toContain('network **none**');
  });
  test('loosened options and unenforced caps stand out', () => {
    const md = renderSummary(
      result({
        loosened: [{ option: '--allow-root', effect: 'the command may run as uid 0' }],
        volumes: [{ mount: '/work', sizeBytes: 1, backend: 'unbounded', enforced: false }],
      }),
    );
    expect(md).toContain('**Loosened:**');
    expect(md).toContain('`--allow-root`');
    expect(md).toContain('**not enforced**');
  });
  test('hostile names from the build render as text', () => {
    const o = emptyOutputs('/x');
    o.collected = true;
    o.skippedCount = 1;
    o.skippedByReason = { symlink: 1 };
    o.skipped = [{ path: '<img src=x onerror=alert(1)>|x', reason: 'symlink' }];
    const md = renderSummary(result({ outputs: o }));
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;\\|x');
  });
  test('stays under 1 MiB with ten thousand long skipped names', () => {
    const o = emptyOutputs('/x');
    o.collected = true;
    o.skippedCount = 10_000;
    o.skipped = Array.from({ length: 10_000 }, (_, i) => ({
      path: `${'n'.repeat(250)}${i}`,
      reason: 'symlink' as const,
    }));
    const md = renderSummary(
      result({ outputs: o, notes: Array.from({ length: 5000 }, () => 'x'.repeat(300)) }),
    );
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(md).toMatch(/summary cut at 1 MiB/);
  });
});
