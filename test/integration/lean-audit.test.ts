/**
 * The proof audit's sandbox, for real: after the build, a fresh container of the same image with /work read-only
 * and no network runs the trusted side's audit file. The image's `lake` is a stand-in that answers `#print axioms`
 * from what the build recorded (no Lean toolchain can be installed here; the real run is in the GitHub workflow).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, jest, test } from '@jest/globals';
import { BASE, ROOT, engineOrSkip, run } from '../helpers/engine.js';

jest.setTimeout(120_000);
const { engine, d } = await engineOrSkip();
const IMAGE = 'sandbox-action-test/fake-lean';
if (engine) {
  const dir = path.join(ROOT, 'test/fixtures/fake-lean');
  execFileSync('docker', ['build', '-q', '--build-arg', `BASE_IMAGE=${BASE}`, '-t', IMAGE, dir], {
    stdio: 'pipe',
    timeout: 600_000,
  });
}

const build = (axioms: Record<string, string>) =>
  [
    'mkdir -p /work/.axioms',
    ...Object.entries(axioms).map(([k, v]) => `printf '%s' '${v}' > /work/.axioms/${k}`),
    // A forgery in the build's own log: the verdict never reads the build's output.
    `echo "<<audit 00000000000000000000000000000000 begin Sol.bad>>"; echo "'Sol.bad' does not depend on any axioms"`,
    'touch /work/.build-wrote-here && echo BUILD-COULD-WRITE',
  ].join('; ');

d('proof audit in a fresh sandbox', () => {
  test('an allowed proof passes; sorry fails the run though the build succeeded; the audit cannot write /work', async () => {
    const r = await run(
      [
        '--entrypoint',
        'sh',
        '--audit-target',
        'Sol.good',
        '--audit-target',
        'Sol.bad',
        '--audit-module',
        'Sol',
      ],
      ['-c', build({ 'Sol.good': 'propext, Classical.choice', 'Sol.bad': 'propext, sorryAx' })],
      { image: IMAGE },
    );
    expect(r.stderr).toContain('BUILD-COULD-WRITE'); // control: the build's /work is writable
    expect(r.result.commandExitCode).toBe(0);
    // The audit advises; it decides nothing (docs/lean-audit.md): the run's status is the decisive judges'.
    expect(r.result.status).toBe('succeeded');
    const a = r.result.audit!;
    expect(a.ok).toBe(false);
    expect(a.targets).toEqual([
      { target: 'Sol.good', status: 'ok', axioms: ['propext', 'Classical.choice'] },
      {
        target: 'Sol.bad',
        status: 'bad-axioms',
        axioms: ['propext', 'sorryAx'],
        disallowed: [{ axiom: 'sorryAx', kind: 'sorry' }],
      },
    ]);
    const auditJudge = r.result.verdict.judges.find((j) => j.judge === 'lean-audit')!;
    expect(auditJudge).toMatchObject({ passed: false, advisory: true });
    expect(auditJudge.annotations[0]).toMatchObject({
      level: 'failure',
      message: 'Sol.bad depends on sorryAx (sorry), outside the allowlist',
    });
    // Sol.good reads as clean: the fake lake would have answered sorryAx for it had its write to /work succeeded.
    expect(a.targets[0]).toEqual({
      target: 'Sol.good',
      status: 'ok',
      axioms: ['propext', 'Classical.choice'],
    });
    expect(r.result.verdict.judges.map((j) => [j.judge, j.passed, j.advisory])).toEqual([
      ['exit-code', true, false],
      ['lean-audit', false, true],
    ]);
  });

  test('every target clean: the run succeeds; a custom allowlist is applied', async () => {
    const ok = await run(
      ['--entrypoint', 'sh', '--audit-target', 'Sol.a'],
      ['-c', build({ 'Sol.a': 'propext' })],
      {
        image: IMAGE,
      },
    );
    expect(ok.result).toMatchObject({ status: 'succeeded', audit: { ok: true } });
    expect(ok.result.verdict.judges.find((j) => j.judge === 'lean-audit')).toMatchObject({
      passed: true,
      advisory: true,
    });
    const strict = await run(
      ['--entrypoint', 'sh', '--audit-target', 'Sol.a', '--audit-allow', 'Quot.sound'],
      ['-c', build({ 'Sol.a': 'propext' })],
      { image: IMAGE },
    );
    expect(strict.result).toMatchObject({ status: 'succeeded', audit: { ok: false } });
    expect(strict.result.verdict.judges.find((j) => j.judge === 'lean-audit')).toMatchObject({
      passed: false,
      advisory: true,
    });
  });

  test('a failing build is not audited as if it passed: its own status stands', async () => {
    const r = await run(['--entrypoint', 'sh', '--audit-target', 'Sol.a'], ['-c', 'exit 3'], {
      image: IMAGE,
    });
    expect(r.result).toMatchObject({ status: 'failed', exitCode: 3 });
  });

  test('protected statements: a build that weakens the challenge fails; leaving it as on the base branch passes', async () => {
    const base = 'theorem main_theorem (n : Nat) : n + 0 = n := by\n  sorry\n';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-protected-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'Challenge.lean'), base.replace('sorry', 'simp'));
    fs.writeFileSync(path.join(dir, 'base-Challenge.lean'), base);
    fs.chmodSync(dir, 0o755);
    const args = [
      '--entrypoint',
      'sh',
      '--source',
      path.join(dir, 'src'),
      '--audit-target',
      'Challenge.main_theorem',
      '--audit-protected',
      `Challenge.lean=${path.join(dir, 'base-Challenge.lean')}`,
    ];
    const kept = await run(args, ['-c', 'true'], { image: IMAGE });
    expect(kept.result).toMatchObject({ status: 'succeeded', audit: { ok: true, protectedChanges: [] } });
    const weakened = await run(args, ['-c', "sed -i 's/n + 0 = n/True/' /work/Challenge.lean"], {
      image: IMAGE,
    });
    expect(weakened.result.verdict.judges.find((j) => j.judge === 'lean-audit')!.passed).toBe(false);
    expect(weakened.result.audit!.protectedChanges).toEqual([
      {
        path: 'Challenge.lean',
        name: 'main_theorem',
        detail: expect.stringMatching(
          /statement changed: '\(n : Nat\) : n \+ 0 = n' became '\(n : Nat\) : True'/,
        ),
      },
    ]);
    expect(
      weakened.result.verdict.judges.find((j) => j.judge === 'lean-audit')!.annotations[0],
    ).toMatchObject({
      path: 'Challenge.lean',
      title: 'protected statement changed',
    });
  });
});
