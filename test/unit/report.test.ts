/**
 * The privileged report path: strict reading of result files, the check's decision (fail closed on every shard
 * attack), the commit from the event only, Checks API shapes and limits, sent to a local Checks API stand-in.
 */
import { shardable } from '../../src/cli/shard.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readResultFiles, reportCommand } from '../../src/cli/report.js';
import { BATCH, SUMMARY_MAX, buildCheck } from '../../src/report/checks.js';
import { decideCheck, type ResultFile } from '../../src/verdict/check.js';
import { checkName, subjectFromEvent, type CheckSubject } from '../../src/verdict/event.js';
import { LIMITS, readResult } from '../../src/verdict/schema.js';
import { shardTargets } from '../../src/verdict/shards.js';
import { startChecksApi, type ChecksApi } from '../helpers/checks-api.js';
import { HEAD, OTHER, ann, judge, prTargetEvent, result } from '../helpers/results.js';

const buf = (o: unknown) => Buffer.from(JSON.stringify(o));
const subject: CheckSubject = {
  event: 'pull_request_target',
  repository: 'o/r',
  headSha: HEAD,
  baseRef: 'main',
  baseSha: 'b'.repeat(40),
  headRepository: 'fork/r',
  pr: 5,
};
const target = { owner: 'o', repo: 'r', headSha: HEAD, name: 'sandbox / verify (main)' };

describe('readResult', () => {
  test('a valid result', () => expect(readResult(buf(result()))).toMatchObject({ ok: true }));
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
      /100000 entries, above 10000/,
    ],
    ['unknown status', result({ status: 'passed' }), /status/],
    ['the old schema', result({ schemaVersion: 1 }), /schemaVersion/],
    ['line 0', result({ annotations: [ann(0, { startLine: 0 })] }), /startLine/],
    ['end before start', result({ annotations: [ann(5, { endLine: 2 })] }), /ends before/],
    ['bad level', result({ annotations: [ann(0, { level: 'error' })] }), /level/],
    [
      'huge message',
      result({ annotations: [ann(0, { message: 'x'.repeat(LIMITS.message + 1) })] }),
      /message/,
    ],
    ['exit code not a number', result({ exitCode: '0; rm -rf /' }), /exitCode/],
    ['no verdict', result({ verdict: undefined }), /verdict/],
    [
      'an unknown judge',
      result({ verdict: { passed: true, judges: [judge('trust-me')] } }),
      /not a known judge/,
    ],
    ['a head that is not a commit', result({}, { headSha: 'main' }), /headSha/],
    ['a shard past the count', result({}, { shard: { index: 3, count: 2 } }), /shard\.index/],
    ['not an object', [1, 2], /not an object/],
  ])('%s is rejected', (_n, value, re) => {
    const v = readResult(buf(value));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(re);
  });
  test('invalid UTF-8 and non-JSON are rejected', () => {
    const b = Buffer.concat([
      Buffer.from('{"schemaVersion":2,"x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expect(readResult(b)).toEqual({ ok: false, reason: 'the file is not valid UTF-8' });
    expect(readResult(Buffer.from('{nope'))).toEqual({ ok: false, reason: 'the file is not JSON' });
  });
  test('passed is recomputed from the judges: a file that says passed over a failed judge is not believed', () => {
    const v = readResult(buf(result({ verdict: { passed: true, judges: [judge('exit-code', false)] } })));
    expect(v.ok && v.value.verdict.passed).toBe(false);
    // Control: the same file with the judge passing reads as passed.
    const w = readResult(buf(result({ verdict: { passed: false, judges: [judge('exit-code', true)] } })));
    expect(w.ok && w.value.verdict.passed).toBe(true);
  });
  test('unknown fields are dropped, never passed on', () => {
    const v = readResult(buf(result({ head_sha: OTHER, pr: 99, annotations: [ann(0, { extra: '<x>' })] })));
    expect(v.ok && JSON.stringify(v.value)).not.toMatch(/head_sha|extra|99|dddd/);
  });
});

const file = (name: string, o: unknown): ResultFile => ({ name, read: readResult(buf(o)) });
const shard = (
  i: number,
  n: number,
  over: Record<string, unknown> = {},
  subj: Record<string, unknown> = {},
) => file(`sandbox-result-${i}/result.json`, result(over, { shard: { index: i, count: n }, ...subj }));

describe('decideCheck fails closed', () => {
  test('every shard once, for this head and base, all passing: success (the control for every row below)', () => {
    const d = decideCheck(subject, 2, [shard(0, 2), shard(1, 2)], ['exit-code']);
    expect(d).toMatchObject({ conclusion: 'success', reasons: [] });
    expect(d.title).toBe('passed: 2 shards, judged by exit-code');
  });
  test.each<[string, ResultFile[], RegExp]>([
    ['a missing shard', [shard(0, 2)], /^shard 1: no result/],
    [
      'a duplicated shard',
      [shard(0, 2), shard(1, 2), { ...shard(1, 2), name: 'copy/result.json' }],
      /^shard 1: 2 results/,
    ],
    [
      'a shard for another head',
      [shard(0, 2), shard(1, 2, {}, { headSha: OTHER })],
      /commit d{40}, not the head c{40}/,
    ],
    [
      'a shard for another base',
      [shard(0, 2), shard(1, 2, {}, { baseRef: 'release' })],
      /base release, not main/,
    ],
    [
      'a shard merged into another base commit',
      [shard(0, 2), shard(1, 2, {}, { baseSha: OTHER })],
      /base commit d{40}, not b{40}/,
    ],
    [
      'a shard that names no base commit',
      [shard(0, 2), shard(1, 2, {}, { baseSha: null })],
      /base commit none/,
    ],
    [
      'a shard for another repository',
      [shard(0, 2), shard(1, 2, {}, { repository: 'x/y' })],
      /repository x\/y, not o\/r/,
    ],
    ['a shard of another shard count', [shard(0, 2), shard(1, 3)], /shard 1 of 3, but 2 shards are expected/],
    [
      'an invalid result file',
      [shard(0, 2), { name: 'sandbox-result-1/result.json', read: readResult(Buffer.from('{')) }],
      /invalid result/,
    ],
    ['no result at all', [], /^shard 0: no result/],
    [
      'a failed shard',
      [
        shard(0, 2),
        shard(1, 2, { status: 'failed', verdict: { passed: false, judges: [judge('exit-code', false)] } }),
      ],
      /shard 1: failed/,
    ],
    [
      'a shard whose run died (status error)',
      [shard(0, 2), shard(1, 2, { status: 'error', error: 'ENOSPC' })],
      /shard 1: error: ENOSPC/,
    ],
    [
      'a succeeded status over a failed judge',
      [shard(0, 2), shard(1, 2, { verdict: { passed: true, judges: [judge('exit-code', false)] } })],
      /judge exit-code/,
    ],
    [
      'a verdict with no decisive judge',
      [shard(0, 2), shard(1, 2, { verdict: { passed: true, judges: [] } })],
      /no judge decided/,
    ],
    [
      'a shard without its index when several are expected',
      [shard(0, 2), file('x/result.json', result({}, { shard: null }))],
      /no shard index/,
    ],
  ])('%s fails the check, named', (_n, files, re) => {
    const d = decideCheck(subject, 2, files, ['exit-code']);
    expect(d.conclusion).toBe('failure');
    expect(d.reasons.join('\n')).toMatch(re);
  });
  test('a required judge that did not run fails; one that ran advisory only fails too; present and passing succeeds', () => {
    const without = decideCheck(subject, 1, [shard(0, 1)], ['junit']);
    expect(without.reasons).toEqual(['shard 0: the junit judge this check requires did not run']);
    const advisory = decideCheck(
      subject,
      1,
      [
        shard(0, 1, {
          verdict: { passed: true, judges: [judge('exit-code'), judge('junit', true, { advisory: true })] },
        }),
      ],
      ['junit'],
    );
    expect(advisory.conclusion).toBe('failure');
    const withJunit = decideCheck(
      subject,
      1,
      [shard(0, 1, { verdict: { passed: true, judges: [judge('exit-code'), judge('junit')] } })],
      ['junit'],
    );
    expect(withJunit.conclusion).toBe('success');
  });
  test('an advisory judge that failed does not fail the check (it annotates)', () => {
    const a = ann(1, { title: 'lean-audit: axioms', level: 'warning' });
    const d = decideCheck(
      subject,
      1,
      [
        shard(0, 1, {
          verdict: {
            passed: true,
            judges: [judge('exit-code'), judge('lean-audit', false, { advisory: true, annotations: [a] })],
          },
        }),
      ],
      [],
    );
    expect(d.conclusion).toBe('success');
    expect(d.annotations).toHaveLength(1);
  });
  test('build-log annotations always say where they come from, whatever title the file gave them', () => {
    const d = decideCheck(
      subject,
      1,
      [shard(0, 1, { annotations: [ann(0, { title: 'info(proof.audit.ok)' })] })],
      [],
    );
    expect(d.annotations.map((a) => a.title)).toEqual(['build log: info(proof.audit.ok)']);
  });
  test('text from results is escaped in the summary', () => {
    const d = decideCheck(subject, 1, [shard(0, 1, { status: 'error', error: '<img src=x>' })], []);
    expect(d.summary).toContain('&lt;img src=x&gt;');
    expect(d.summary).not.toContain('<img');
  });
});

describe('subjectFromEvent: the commit comes from the event, and only two events make a verdict', () => {
  test('pull_request_target: head, base and repository from the event', () => {
    expect(subjectFromEvent('pull_request_target', prTargetEvent())).toEqual({ ok: true, subject });
  });
  test('push: the pushed commit against its branch', () => {
    const r = subjectFromEvent('push', {
      ref: 'refs/heads/main',
      after: HEAD,
      repository: { full_name: 'o/r' },
    });
    expect(r).toMatchObject({ ok: true, subject: { event: 'push', headSha: HEAD, baseRef: 'main' } });
  });
  test.each([
    ['pull_request', prTargetEvent(), /pull_request: GitHub runs the pull request's own copy/],
    [
      'workflow_run',
      { workflow_run: { head_sha: HEAD } },
      /workflow_run: a verdict is made only on pull_request_target/,
    ],
    ['issue_comment', {}, /issue_comment/],
    ['pull_request_target', prTargetEvent({ head: 'not-a-sha' }), /no head commit/],
    ['pull_request_target', { ...prTargetEvent(), repository: {} }, /no repository/],
  ])('%s is refused', (name, payload, re) => {
    const r = subjectFromEvent(name, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(re);
  });
  test('the check name carries the base branch: one head against two bases makes two checks', () => {
    expect(checkName('sandbox / verify', { baseRef: 'main' })).toBe('sandbox / verify (main)');
    expect(checkName('sandbox / verify', { baseRef: 'release/1.x' })).not.toBe(
      checkName('sandbox / verify', { baseRef: 'main' }),
    );
  });
});

describe('buildCheck', () => {
  const decided = (files: ResultFile[]) => decideCheck(subject, 1, files, []);
  test('130 annotations: a create with 50 and two updates (50, 30)', () => {
    const p = buildCheck(
      target,
      decided([shard(0, 1, { annotations: Array.from({ length: 130 }, (_, i) => ann(i)) })]),
    );
    expect(p.create.output.annotations).toHaveLength(BATCH);
    expect(p.updates.map((u) => u.output.annotations.length)).toEqual([50, 30]);
    expect(p.create.head_sha).toBe(HEAD);
  });
  test('an oversized summary is cut to 65,535 with a note', () => {
    const many = Array.from({ length: 30 }, () => judge('exit-code', true, { summary: 'y'.repeat(4000) }));
    const p = buildCheck(target, decided([shard(0, 1, { verdict: { passed: true, judges: many } })]));
    expect(p.create.output.summary.length).toBe(SUMMARY_MAX);
    expect(p.create.output.summary).toMatch(/summary cut to fit/);
  });
  test('titles at most 255; columns only on single-line annotations; levels kept', () => {
    const p = buildCheck(
      target,
      decided([
        shard(0, 1, {
          annotations: [
            ann(0, { title: 't'.repeat(900) }),
            ann(1, { endLine: 9, startColumn: 2, endColumn: 4 }),
          ],
        }),
      ]),
    );
    const [a, b] = p.create.output.annotations;
    expect(a!.title.length).toBe(255);
    expect(a!.start_column).toBe(3);
    expect(b).not.toHaveProperty('start_column');
    expect(b!.annotation_level).toBe('warning');
  });
});

describe('sandbox-action report against the local Checks API', () => {
  let api: ChecksApi;
  beforeAll(async () => {
    api = await startChecksApi({
      t0ken: { app: 'github-actions', checksWrite: true },
      ro: { app: 'github-actions', checksWrite: false },
    });
  });
  afterAll(() => api.close());
  const sink = () => {
    const chunks: string[] = [];
    const w = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
    return { w, text: () => chunks.join('') };
  };
  const dirWith = (files: Record<string, unknown>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-report-'));
    for (const [name, o] of Object.entries(files)) {
      fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), typeof o === 'string' ? o : JSON.stringify(o));
    }
    return dir;
  };
  const env = (
    dir: string,
    eventName = 'pull_request_target',
    event: unknown = prTargetEvent(),
    token = 't0ken',
  ) => {
    const ev = path.join(dir, 'event.json');
    fs.writeFileSync(ev, JSON.stringify(event));
    return {
      GITHUB_TOKEN: token,
      GITHUB_API_URL: api.url,
      GITHUB_EVENT_PATH: ev,
      GITHUB_EVENT_NAME: eventName,
    };
  };
  const report = async (args: string[], e: Record<string, string>) => {
    const err = sink();
    const out = sink();
    const code = await reportCommand(args, e, { stdout: out.w, stderr: err.w });
    return { code, err: err.text(), out: out.text() };
  };

  test('two shards, 130 annotations: 3 requests, on the event head, named with the base branch', async () => {
    api.requests.length = 0;
    const dir = dirWith({
      'sandbox-result-0/result.json': result(
        { annotations: Array.from({ length: 130 }, (_, i) => ann(i)) },
        { shard: { index: 0, count: 2 } },
      ),
      'sandbox-result-1/result.json': result({}, { shard: { index: 1, count: 2 } }),
    });
    const r = await report(['--result', dir, '--shards', '2'], env(dir));
    expect(r.code).toBe(0);
    expect(api.requests.map((g) => `${g.method} ${g.url}`)).toEqual([
      'POST /repos/o/r/check-runs',
      'PATCH /repos/o/r/check-runs/1',
      'PATCH /repos/o/r/check-runs/1',
    ]);
    expect(api.requests[0]!.body).toMatchObject({
      head_sha: HEAD,
      name: 'sandbox / verify (main)',
      conclusion: 'success',
    });
  });

  test('a missing shard is a failed check naming it (and not a skipped folder)', async () => {
    api.requests.length = 0;
    const dir = dirWith({
      'sandbox-result-0/result.json': result({}, { shard: { index: 0, count: 2 } }),
      'sandbox-result-1/log.txt': 'the run died before writing a result',
    });
    const r = await report(['--result', dir, '--shards', '2'], env(dir));
    expect(r.code).toBe(0);
    expect(api.requests[0]!.body).toMatchObject({ conclusion: 'failure' });
    expect(JSON.stringify(api.requests[0]!.body)).toMatch(/shard 1: no result/);
  });

  test("on pull_request nothing is posted: the workflow there is the PR's own (exit 1, the reason said)", async () => {
    api.requests.length = 0;
    const dir = dirWith({ 'sandbox-result-0/result.json': result() });
    const r = await report(['--result', dir], env(dir, 'pull_request'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no check: the event is pull_request/);
    expect(api.requests).toEqual([]);
  });

  test('--preset python-tests requires its judges: an exit-code-only result fails', async () => {
    api.requests.length = 0;
    const dir = dirWith({ 'sandbox-result-0/result.json': result() });
    await report(['--result', dir, '--preset', 'python-tests'], env(dir));
    expect(api.requests[0]!.body).toMatchObject({ conclusion: 'failure' });
    expect(JSON.stringify(api.requests[0]!.body)).toMatch(/the junit judge this check requires did not run/);
  });

  test("a read-only token (a fork PR's) cannot create checks: the API refuses, report exits 1", async () => {
    const dir = dirWith({ 'sandbox-result-0/result.json': result() });
    const r = await report(['--result', dir], env(dir, 'pull_request_target', prTargetEvent(), 'ro'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the Checks API refused/);
  });

  test('a 50 MB file is rejected by its size without being read', async () => {
    api.requests.length = 0;
    const dir = dirWith({ 'sandbox-result-0/result.json': '' });
    fs.truncateSync(path.join(dir, 'sandbox-result-0/result.json'), 50 * 1024 * 1024);
    await report(['--result', dir], env(dir));
    expect(JSON.stringify(api.requests[0]!.body)).toMatch(/52428800 bytes, above/);
  });

  test('--dry-run prints the requests and sends none', async () => {
    api.requests.length = 0;
    const dir = dirWith({
      'sandbox-result-0/result.json': result({ annotations: Array.from({ length: 60 }, (_, i) => ann(i)) }),
    });
    const r = await report(['--result', dir, '--dry-run'], { ...env(dir), GITHUB_TOKEN: '' });
    expect(r.code).toBe(0);
    expect(api.requests).toHaveLength(0);
    expect((JSON.parse(r.out) as { method: string }[]).map((x) => x.method)).toEqual(['POST', 'PATCH']);
  });

  test.each([
    [[], /--result: is required/],
    [['--result', 'x', '--shards', '0'], /--shards: '0' is not a number from 1 to 256/],
    [['--result', 'x', '--require-judge', 'vibes'], /'vibes' is not a judge/],
    [['--result', 'x', '--head-sha', HEAD], /--head-sha: comes from the event on GitHub/],
  ])('bad input %j: exit 2', async (args, re) => {
    const dir = dirWith({});
    const r = await report(args, env(dir));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
  });

  test('readResultFiles: only result.json per artifact folder, no links followed', () => {
    const dir = dirWith({ 'sandbox-result-0/result.json': result(), 'sandbox-result-0/log.txt': 'x' });
    fs.symlinkSync('/etc/passwd', path.join(dir, 'sandbox-result-0', 'sandbox-result-link.json'));
    const files = readResultFiles(dir);
    expect(files.map((f) => [f.name, f.read.ok])).toEqual([
      ['sandbox-result-0/result.json', true],
      ['sandbox-result-0/sandbox-result-link.json', false],
    ]);
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
    const all = Array.from({ length: n }, (_, i) => shardTargets([...targets].reverse(), n, i)).flat();
    expect(all.sort()).toEqual([...new Set(targets)].sort());
  });
});

describe('shard targets', () => {
  test.each<[string, string[] | RegExp]>([
    ['Mathlib.Data.Nat Foo.bar', ['Mathlib.Data.Nat', 'Foo.bar']],
    ['tests/test_a.py,tests/unit', ['tests/test_a.py', 'tests/unit']],
    ['a a', ['a']],
    ['', []],
    ['../etc/passwd', /is not a Lean name or a repository path/],
    ['/abs/path', /is not a Lean name or a repository path/],
    ['--output=x', /is not a Lean name or a repository path/],
    ['a/./b', /is not a Lean name or a repository path/],
  ])('%j', (targets, want) => {
    const split = targets.split(/[\s,]+/);
    if (want instanceof RegExp) expect(() => shardable(split)).toThrow(want);
    else expect(shardable(split)).toEqual(want);
  });
});
