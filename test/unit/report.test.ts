/** The privileged report path: strict validation, Checks API shapes and limits, sent to a local test server. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readResults, reportCommand } from '../../src/cli/report.js';
import { mergeValidated, shardTargets } from '../../src/report/shards.js';
import { BATCH, SUMMARY_MAX, buildCheck } from '../../src/report/checks.js';
import { LIMITS, validateReport } from '../../src/report/schema.js';

const ann = (i: number, over: Record<string, unknown> = {}) => ({
  path: `src/f${i % 7}.lean`,
  startLine: i + 1,
  endLine: i + 1,
  startColumn: 3,
  level: i % 3 === 0 ? 'failure' : i % 3 === 1 ? 'warning' : 'notice',
  title: `t${i}`,
  message: `m${i}`,
  ...over,
});
const result = (over: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  status: 'failed',
  exitCode: 1,
  durationMs: 1234,
  summary: '',
  annotations: [ann(0)],
  ...over,
});
const buf = (o: unknown) => Buffer.from(JSON.stringify(o));
const target = { owner: 'o', repo: 'r', headSha: 'a'.repeat(40), name: 'sandbox / verify' };

describe('validateReport', () => {
  test('a valid result', () => expect(validateReport(buf(result()))).toMatchObject({ ok: true }));
  test.each([
    [
      'path traversal',
      result({ annotations: [ann(0, { path: '../../etc/passwd' })] }),
      /outside the repository/,
    ],
    ['absolute path', result({ annotations: [ann(0, { path: '/etc/passwd' })] }), /outside the repository/],
    ['newline in a path', result({ annotations: [ann(0, { path: 'a\nb' })] }), /outside the repository/],
    [
      '100,000 annotations (small enough to pass the size limit)',
      result({
        annotations: Array.from({ length: 100_000 }, () => ({
          path: 'a',
          startLine: 1,
          endLine: 1,
          level: 'notice',
          title: '',
          message: '',
        })),
      }),
      /100000 annotations, above 10000/,
    ],
    ['unknown status', result({ status: 'passed' }), /status/],
    ['wrong schema version', result({ schemaVersion: 2 }), /schemaVersion/],
    ['line 0', result({ annotations: [ann(0, { startLine: 0 })] }), /line numbers/],
    ['end before start', result({ annotations: [ann(5, { endLine: 2 })] }), /ends before/],
    ['bad level', result({ annotations: [ann(0, { level: 'error' })] }), /level/],
    [
      'huge message',
      result({ annotations: [ann(0, { message: 'x'.repeat(LIMITS.message + 1) })] }),
      /message/,
    ],
    ['exit code not a number', result({ exitCode: '0; rm -rf /' }), /exitCode/],
    ['not an object', [1, 2], /not an object/],
  ])('%s is rejected', (_n, value, re) => {
    const v = validateReport(buf(value));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(re);
  });
  test('invalid UTF-8 is rejected', () => {
    const b = Buffer.concat([
      Buffer.from('{"schemaVersion":1,"summary":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expect(validateReport(b)).toEqual({ ok: false, reason: 'the file is not valid UTF-8' });
  });
  test('not JSON', () =>
    expect(validateReport(Buffer.from('{nope'))).toEqual({ ok: false, reason: 'the file is not JSON' }));
  test('unknown fields are dropped, never passed on', () => {
    const v = validateReport(
      buf(result({ head_sha: 'b'.repeat(40), pr: 99, annotations: [ann(0, { extra: '<x>' })] })),
    );
    expect(v.ok && JSON.stringify(v.value)).not.toMatch(/head_sha|extra|99/);
  });
});

describe('buildCheck', () => {
  test('130 annotations: a create with 50 and two updates (50, 30)', () => {
    const v = validateReport(buf(result({ annotations: Array.from({ length: 130 }, (_, i) => ann(i)) })));
    const p = buildCheck(target, v);
    expect(p.create.output.annotations).toHaveLength(BATCH);
    expect(p.updates.map((u) => u.output.annotations.length)).toEqual([50, 30]);
    expect(p.create.head_sha).toBe(target.headSha);
    expect(p.conclusion).toBe('failure');
  });
  test('an oversized summary is cut to 65,535 with a note', () => {
    const p = buildCheck(target, validateReport(buf(result({ summary: 'y'.repeat(200_000) }))));
    expect(p.create.output.summary.length).toBe(SUMMARY_MAX);
    expect(p.create.output.summary).toMatch(/summary cut to fit/);
  });
  test('titles at most 255; columns only on single-line annotations; levels kept', () => {
    const v = validateReport(
      buf(
        result({
          annotations: [
            ann(0, { title: 't'.repeat(900) }),
            ann(1, { endLine: 9, startColumn: 2, endColumn: 4 }),
          ],
        }),
      ),
    );
    const [a, b] = buildCheck(target, v).create.output.annotations;
    expect(a!.title.length).toBe(255);
    expect(a!.start_column).toBe(3);
    expect(b).not.toHaveProperty('start_column');
    expect(b).not.toHaveProperty('end_column');
    expect(b!.annotation_level).toBe('warning');
  });
  test('a succeeding build concludes success', () =>
    expect(
      buildCheck(target, validateReport(buf(result({ status: 'succeeded', exitCode: 0, annotations: [] }))))
        .conclusion,
    ).toBe('success'));
  test('an invalid result becomes a failed check saying so, with the reason escaped', () => {
    const p = buildCheck(target, { ok: false, reason: 'annotation 0 has a path outside the repository <b>' });
    expect(p.conclusion).toBe('failure');
    expect(p.create.output.title).toBe('invalid result from the untrusted build');
    expect(p.create.output.summary).toContain('&lt;b&gt;');
    expect(p.create.output.annotations).toEqual([]);
  });
});

describe('sandbox-action report against a local Checks API', () => {
  const got: { method: string; url: string; body: Record<string, unknown> }[] = [];
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(text || '{}') as Record<string, unknown>;
        got.push({ method: req.method!, url: req.url!, body });
        // The shapes GitHub's Checks API takes: routes, methods, fields and limits.
        const output = body.output as
          { title: string; summary: string; annotations: { title: string }[] } | undefined;
        const okShape =
          req.headers.authorization === 'token t0ken' &&
          (!output ||
            (output.summary.length <= 65_535 &&
              output.annotations.length <= 50 &&
              output.annotations.every((a) => a.title.length <= 255)));
        if (
          req.method === 'POST' &&
          req.url === '/repos/o/r/check-runs' &&
          okShape &&
          body.head_sha &&
          body.name
        ) {
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 42 }));
        } else if (req.method === 'PATCH' && req.url === '/repos/o/r/check-runs/42' && okShape) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 42 }));
        } else {
          res
            .writeHead(422, { 'content-type': 'application/json' })
            .end(JSON.stringify({ message: 'bad shape' }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sink = () => {
    const chunks: string[] = [];
    const w = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
    return { w, text: () => chunks.join('') };
  };
  const write = (o: unknown) => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sa-report-')), 'result.json');
    fs.writeFileSync(f, typeof o === 'string' ? o : JSON.stringify(o));
    return f;
  };
  const env = (f: string) => {
    const ev = path.join(path.dirname(f), 'event.json');
    fs.writeFileSync(
      ev,
      JSON.stringify({ workflow_run: { head_sha: 'c'.repeat(40), pull_requests: [{ number: 5 }] } }),
    );
    return { GITHUB_REPOSITORY: 'o/r', GITHUB_TOKEN: 't0ken', GITHUB_API_URL: base, GITHUB_EVENT_PATH: ev };
  };

  test('130 annotations arrive in 3 requests, on the head SHA of the event, not the artifact', async () => {
    got.length = 0;
    const f = write(
      result({ head_sha: 'd'.repeat(40), annotations: Array.from({ length: 130 }, (_, i) => ann(i)) }),
    );
    const out = sink();
    const err = sink();
    expect(await reportCommand(['--result', f], env(f), { stdout: out.w, stderr: err.w })).toBe(0);
    expect(got.map((g) => `${g.method} ${g.url}`)).toEqual([
      'POST /repos/o/r/check-runs',
      'PATCH /repos/o/r/check-runs/42',
      'PATCH /repos/o/r/check-runs/42',
    ]);
    expect(got[0]!.body.head_sha).toBe('c'.repeat(40));
  });

  test.each([
    ['a path traversal', result({ annotations: [ann(0, { path: '../x' })] })],
    ['100,000 annotations', result({ annotations: Array.from({ length: 100_000 }, (_, i) => ann(i)) })],
    ['invalid JSON', '{"schemaVersion":'],
  ])('%s: a failed check, never a crash', async (_n, value) => {
    got.length = 0;
    const f = write(value);
    const err = sink();
    expect(await reportCommand(['--result', f], env(f), { stdout: sink().w, stderr: err.w })).toBe(0);
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toMatchObject({
      conclusion: 'failure',
      output: { title: 'invalid result from the untrusted build' },
    });
  });

  test('a 50 MB file is rejected by its size without being read', async () => {
    got.length = 0;
    const f = write('');
    fs.truncateSync(f, 50 * 1024 * 1024);
    expect(await reportCommand(['--result', f], env(f), { stdout: sink().w, stderr: sink().w })).toBe(0);
    expect((got[0]!.body.output as { summary: string }).summary).toMatch(/52428800 bytes, above/);
  });

  test('--dry-run prints the requests and sends none', async () => {
    got.length = 0;
    const f = write(result({ annotations: Array.from({ length: 60 }, (_, i) => ann(i)) }));
    const out = sink();
    expect(
      await reportCommand(
        ['--result', f, '--dry-run'],
        { ...env(f), GITHUB_TOKEN: '' },
        { stdout: out.w, stderr: sink().w },
      ),
    ).toBe(0);
    expect(got).toHaveLength(0);
    const reqs = JSON.parse(out.text()) as { method: string }[];
    expect(reqs.map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });

  test.each([
    [[], /--result: is required/],
    [['--result', 'x', '--repository', 'nope'], /--repository: 'nope' is not owner\/repo/],
  ])('bad input %j: exit 2', async (args, re) => {
    const err = sink();
    expect(await reportCommand(args, { GITHUB_REPOSITORY: 'o/r' }, { stdout: sink().w, stderr: err.w })).toBe(
      2,
    );
    expect(err.text()).toMatch(re);
  });
});

describe('shards', () => {
  test.each<[string[], number, string[][]]>([
    [
      ['c', 'a', 'b', 'd', 'e'],
      2,
      [
        ['a', 'c', 'e'],
        ['b', 'd'],
      ],
    ],
    [['a', 'b'], 3, [['a'], ['b'], []]],
    [['b', 'a', 'a'], 1, [['a', 'b']]],
  ])('%j over %d shards', (targets, n, want) => {
    expect(Array.from({ length: n }, (_, i) => shardTargets(targets, n, i))).toEqual(want);
    // Every target lands in exactly one shard, whatever the order given.
    const all = Array.from({ length: n }, (_, i) => shardTargets([...targets].reverse(), n, i)).flat();
    expect(all.sort()).toEqual([...new Set(targets)].sort());
  });

  test('merge: the worst status, every annotation, one summary per shard; an invalid shard fails the whole', () => {
    const ok = (o: Record<string, unknown>) => validateReport(buf(result(o)));
    const merged = mergeValidated([
      { name: 'shard-0', v: ok({ status: 'succeeded', exitCode: 0, annotations: [ann(1)] }) },
      { name: 'shard-1', v: ok({ status: 'failed', exitCode: 2, annotations: [ann(2), ann(3)] }) },
    ]);
    expect(merged.ok).toBe(true);
    if (merged.ok) {
      expect(merged.value).toMatchObject({ status: 'failed', exitCode: 2 });
      expect(merged.value.annotations).toHaveLength(3);
      expect(merged.value.summary).toMatch(/\*\*shard-0\*\*: succeeded[\s\S]*\*\*shard-1\*\*: failed/);
    }
    expect(
      mergeValidated([
        { name: 'shard-0', v: ok({}) },
        { name: 'shard-1', v: validateReport(Buffer.from('{')) },
      ]),
    ).toEqual({ ok: false, reason: expect.stringMatching(/^shard-1: /) });
    expect(mergeValidated([])).toEqual({ ok: false, reason: 'no result from any shard' });
  });

  test('report reads a directory of shard results (as the report workflow downloads them)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-shards-'));
    for (const [i, status] of ['succeeded', 'timed-out'].entries()) {
      fs.mkdirSync(path.join(dir, `sandbox-result-${i}`));
      fs.writeFileSync(
        path.join(dir, `sandbox-result-${i}`, 'result.json'),
        JSON.stringify(result({ status })),
      );
    }
    const r = readResults(dir);
    expect(r).toMatchObject({ ok: true, value: { status: 'timed-out' } });
    fs.writeFileSync(path.join(dir, 'sandbox-result-1', 'result.json'), '{"schemaVersion":1,"summary":"../');
    expect(readResults(dir)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^sandbox-result-1: /),
    });
    expect(readResults(path.join(dir, 'nope'))).toMatchObject({ ok: false });
  });
});
