import { describe, expect, test } from '@jest/globals';
import { emptyOutputs } from '../../src/outputs/collect.js';
import { SUMMARY_LIMIT, escapeMarkdown, renderSummary } from '../../src/report/summary.js';
import type { RunResult } from '../../src/verdict/schema.js';
import { suggestionLines, summaryLine } from '../../src/sandbox/summary.js';

const result = (over: Partial<RunResult> = {}): RunResult => ({
  schemaVersion: 2,
  runId: 'r',
  subject: { repository: null, headSha: null, baseSha: null, baseRef: null, shard: null },
  sandbox: null,
  verdict: { passed: false, judges: [] },
  error: null,
  status: 'failed',
  exitCode: 3,
  commandExitCode: 3,
  durationMs: 1500,
  image: { ref: 'img:1', id: null },
  engine: { name: 'docker', version: '20.10', runtime: 'default' },
  user: '65534:65534',
  network: 'none',
  egress: null,
  audit: null,
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
  volumes: [{ mount: '/work', sizeBytes: 2 ** 30, backend: 'loop', enforced: true, reserved: false }],
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
        volumes: [{ mount: '/work', sizeBytes: 1, backend: 'unbounded', enforced: false, reserved: false }],
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

describe('egress in the summary', () => {
  const egress = (
    over: Partial<NonNullable<RunResult['egress']>> = {},
  ): NonNullable<RunResult['egress']> => ({
    network: 'proxy',
    mode: 'allowlist',
    transparent: false,
    proxyImage: 'p:1',
    allowlist: ['github.com'],
    allowed: [
      {
        host: 'github.com',
        ports: [443],
        connections: 3,
        bytesUp: 2048,
        bytesDown: 3 * 1024 ** 2,
        errors: 0,
      },
    ],
    refused: [{ host: 'evil.test', port: 443, reason: 'not-allowlisted', detail: '', count: 2 }],
    refusedTotal: 2,
    bytesUp: 2048,
    bytesDown: 3 * 1024 ** 2,
    truncated: false,
    suggested: null,
    proxyExit: null,
    ...over,
  });

  test('hosts with bytes and refusals with reasons, in the summary and the one-line summary', () => {
    const r = result({ network: 'proxy', egress: egress() });
    const md = renderSummary(r);
    expect(md).toContain('**Egress** through the proxy: 1 hosts, 2.0 KiB up, 3.0 MiB down, 2 refused.');
    expect(md).toContain('| github\\.com | 443 | 3 | 2.0 KiB | 3.0 MiB |');
    expect(md).toContain('| evil\\.test | 443 | not\\-allowlisted | 2 |');
    expect(md).not.toContain('Audit run');
    expect(summaryLine(r)).toContain('egress: 1 host, 3.0 MiB, 2 refused');
  });

  test('a transparent run says so in the one-line summary', () => {
    const r = result({ network: 'proxy', egress: egress({ transparent: true }) });
    expect(summaryLine(r)).toContain('egress (transparent): 1 host, 3.0 MiB, 2 refused');
  });

  test('an audit run is marked as not locked down and carries the ready-to-paste allowlist', () => {
    const r = result({
      network: 'proxy',
      egress: egress({
        mode: 'audit',
        suggested: {
          domains: ['github.com'],
          cli: '--allow-domain github.com',
          actionInput: 'allow-domains: github.com',
        },
      }),
    });
    const md = renderSummary(r);
    expect(md).toContain('**Audit run**');
    expect(md).toContain('```yaml\nallow-domains: github.com\n```');
    expect(summaryLine(r)).toContain('egress (AUDIT: not locked down)');
    expect(suggestionLines(r)).toEqual([
      'sandbox-action: audit: the build contacted these hosts; to allow exactly them:',
      '  CLI:    --allow-domain github.com',
      '  action: allow-domains: github.com',
    ]);
  });

  test('open network is said loudly; a proxy that died is said', () => {
    expect(renderSummary(result({ network: 'open' }))).toContain('**open network access**');
    expect(summaryLine(result({ network: 'open' }))).toContain('network: OPEN (unrestricted)');
    const md = renderSummary(
      result({
        network: 'proxy',
        egress: egress({ proxyExit: 'the proxy exited with 137 while the build ran' }),
      }),
    );
    expect(md).toContain('**the proxy exited with 137 while the build ran**');
  });
});
