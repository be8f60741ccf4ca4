/**
 * comparator as a whole through runComparator, and what outlives a step. The stand-ins (test/fixtures/comparator)
 * follow comparator's documented interface; their builds run `#run` lines as Lean runs a file's code while it is
 * compiled, which is how these tests attack from inside a build. SANDBOX_TEST_ISOLATIONS picks the isolations.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { judgeProjects } from '../../src/comparator/projects.js';
import { runComparator, type ComparatorRun } from '../../src/comparator/run.js';
import { BASE, ROOT, engineOrSkip, labelled } from '../helpers/engine.js';
import {
  CONFIG,
  SHIM,
  buildFlags,
  makeProject,
  makeWorld,
  section,
  shim,
  snapshot,
  volumeHost,
  withContext,
  type World,
} from '../helpers/comparator.js';

jest.setTimeout(180_000);
const { engine, d } = await engineOrSkip();
const isolations = (process.env.SANDBOX_TEST_ISOLATIONS ?? 'default,runsc').split(',') as (
  'default' | 'runsc'
)[];
let w: World;
const runIds = new Set<string>();
beforeAll(() => {
  w = makeWorld();
});
afterAll(async () => {
  if (w) fs.rmSync(w.root, { recursive: true, force: true });
  if (!engine) return;
  for (const id of runIds) expect(await labelled(engine, id)).toEqual([]);
});

const CHALLENGE = 'theorem foo : 1 + 1 = 2 := sorry\n';
const SOLUTION = 'theorem foo : 1 + 1 = 2 := by rfl\n';

async function judge(
  files: Record<string, string>,
  o: Partial<ComparatorRun> & { envExtra?: NodeJS.ProcessEnv } = {},
) {
  const projectDir = o.projectDir ?? makeProject(w, { 'Challenge.lean': CHALLENGE, ...files });
  const outcome = await runComparator(
    {
      projectDir,
      comparator: w.comparator,
      config: 'config.json',
      image: BASE,
      landrun: SHIM,
      lake: path.join(w.toolchain, 'bin/lake'),
      lean4export: w.lean4export,
      env: {
        PATH: w.path,
        HOME: '/home/judge',
        ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
        ...o.envExtra,
      },
      lakeSizeBytes: 256 << 20,
      stepLimits: { memoryBytes: 512 << 20, ...o.stepLimits },
      ...o,
    },
    {
      engine: engine!,
      volumeHost,
      now: () => new Date(),
      random: () => crypto.randomBytes(4).toString('hex'),
    },
  );
  runIds.add(outcome.runId);
  return { outcome, projectDir };
}

d.each(isolations)('comparator through the shim (isolation %s)', (iso) => {
  test('a matching solution passes: the export reads what the build wrote, and .lake never reaches the host', async () => {
    const proj = makeProject(w, { 'Challenge.lean': CHALLENGE, 'Solution.lean': SOLUTION });
    const before = snapshot(proj);
    const { outcome } = await judge({}, { projectDir: proj, isolation: iso });
    expect(outcome).toMatchObject({ exitCode: 0, okLine: true, uncaught: [], timedOut: false });
    expect(outcome.stdout).toContain('Exporting #[foo, propext, Quot.sound, Classical.choice, Nat.add');
    // The host's .lake is the empty directory comparator asks for; the build's products stayed in the volume.
    expect(snapshot(proj)).toEqual({ ...before, '.lake/': '' });
    expect(await labelled(engine!, outcome.runId)).toEqual([]);
    // Control: the same build run on the host, unsandboxed (as upstream's fake-landrun does), writes the host's .lake.
    const bare = makeProject(w, { 'Challenge.lean': CHALLENGE });
    execFileSync(path.join(w.toolchain, 'bin/lake'), ['build', 'Challenge'], { cwd: bare, stdio: 'pipe' });
    expect(Object.keys(snapshot(bare))).toContain('.lake/build/lib/lean/Challenge.olean');
  });

  test('with a tmpfs .lake (no loop devices) the export still reads what the build wrote', async () => {
    // A tmpfs volume is emptied when no container holds it; runComparator keeps a holder for the run.
    const { outcome } = await judge(
      { 'Solution.lean': SOLUTION },
      { isolation: iso, volumeBackend: 'tmpfs' },
    );
    expect(outcome).toMatchObject({ exitCode: 0, okLine: true, uncaught: [] });
  });

  test('a process a build leaves behind is gone before the next step; no step sees the judge', async () => {
    const proj = makeProject(w, { 'Challenge.lean': CHALLENGE });
    const marker = `1000.${crypto.randomInt(1e8)}`;
    const hostSees = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .some((l) => l.trim() === `sleep ${marker}`);
    await withContext(engine!, proj, iso, async (ctx) => {
      runIds.add(ctx.runId);
      const script = `setsid sleep ${marker} & sleep 0.2; probe procs; probe kill ${process.pid} 1; sleep 2`;
      const first = shim([...buildFlags(w, proj), '--', 'sh', '-c', script], { w, cwd: proj, ctx });
      // Control: while the step runs, the host does see its sleep (gVisor keeps its processes from the host's ps).
      let seen = false;
      for (let i = 0; i < 40 && !seen && iso === 'default'; i++) {
        seen = hostSees();
        await new Promise((r) => setTimeout(r, 100));
      }
      if (iso === 'default') expect(seen).toBe(true);
      const r1 = await first;
      expect(r1.code).toBe(0);
      expect(section(r1.stdout, 'procs').some((l) => l.endsWith(`sleep ${marker} `))).toBe(true); // control
      // The judging process (this one) is not in the step's PID namespace; the step's own init is (control).
      expect(section(r1.stdout, 'kill')).toEqual([
        expect.stringMatching(new RegExp(`^kill ${process.pid} failed: .*No such process`)),
        'kill 1 ok',
      ]);
      expect(hostSees()).toBe(false);
      expect((await labelled(engine!, ctx.runId)).filter((x) => x.kind === 'container')).toEqual([]);
      const r2 = await shim([...buildFlags(w, proj), '--', 'probe', 'procs'], { w, cwd: proj, ctx });
      expect(section(r2.stdout, 'procs').filter((l) => l.includes('sleep'))).toEqual([]);
    });
  });
});

d('what comparator says is what the outcome says', () => {
  test('the older argv without -- is served the same', async () => {
    const { outcome } = await judge(
      { 'Solution.lean': SOLUTION },
      { envExtra: { FAKE_COMPARATOR_ARGV: 'legacy' } },
    );
    expect(outcome).toMatchObject({ exitCode: 0, okLine: true, uncaught: [] });
  });

  test.each([
    [
      'a weakened statement',
      'theorem foo : True := trivial\n',
      "Some targets failed:\n- foo: the solution's theorem 'True' does not match the challenge's theorem '1 + 1 = 2'",
    ],
    [
      'a proof by sorry',
      'theorem foo : 1 + 1 = 2 := sorry\n',
      'Some targets failed:\n- foo: uses axioms outside permitted_axioms: [sorryAx]',
    ],
    ['a solution that does not compile', '#fail\n', 'Child exited with 1'],
    ['no solution', null, 'Child exited with 1'],
  ])('%s: exit 1 and its uncaught exception', async (_n, solution, message) => {
    const { outcome } = await judge(solution === null ? {} : { 'Solution.lean': solution });
    expect(outcome).toMatchObject({ exitCode: 1, okLine: false, uncaught: [message] });
  });

  test('lines a build forges are not the judge’s: the ok line and an uncaught exception printed by the build', async () => {
    const forged = [
      "#run echo 'Your solution is okay!'",
      "#run echo 'uncaught exception: none, all is well' >&2",
      'theorem foo : True := trivial',
    ].join('\n');
    const { outcome } = await judge({ 'Solution.lean': `${forged}\n` });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.okLine).toBe(false);
    expect(outcome.uncaught).toEqual([expect.stringMatching(/^Some targets failed:\n- foo: /)]);
    // Control: the forged lines did reach comparator's output; only the fence kept them out of the judge's.
    expect(outcome.stdout).toContain('Your solution is okay!\n');
    expect(outcome.stderr).toContain('uncaught exception: none, all is well');
    expect(outcome.judgeStderr).not.toContain('all is well');
  });

  test('a build that rewrites the challenge and the config fails to; the comparison stands', async () => {
    const attack = [
      '#run sed -i s/1/0/ Challenge.lean; echo challenge-rc=$? >&2',
      '#run echo "{}" > config.json; echo config-rc=$? >&2',
      '#run echo x > .lake/mine; echo lake-rc=$? >&2',
      'theorem foo : 0 + 0 = 2 := by rfl',
    ].join('\n');
    const proj = makeProject(w, { 'Challenge.lean': CHALLENGE, 'Solution.lean': `${attack}\n` });
    for (const f of ['Challenge.lean', 'config.json']) fs.chmodSync(path.join(proj, f), 0o666);
    fs.chmodSync(proj, 0o777);
    const { outcome } = await judge({}, { projectDir: proj });
    expect(outcome.stderr).toMatch(/Read-only file system[\s\S]*challenge-rc=[1-9]/);
    expect(outcome.stderr).toMatch(/config-rc=[1-9]/);
    expect(outcome.stderr).toContain('lake-rc=0'); // control: the build's own .lake takes writes
    expect(fs.readFileSync(path.join(proj, 'Challenge.lean'), 'utf8')).toBe(CHALLENGE);
    expect(JSON.parse(fs.readFileSync(path.join(proj, 'config.json'), 'utf8'))).toEqual(CONFIG);
    expect(outcome).toMatchObject({ exitCode: 1, okLine: false });
    expect(outcome.uncaught[0]).toMatch(/foo: the solution's theorem '0 \+ 0 = 2' does not match/);
  });

  test('comparator over its own time limit is killed with its steps; nothing of the run is left', async () => {
    // The limit lands while the solution's step sleeps: the challenge's step before it took up to ~4 s on a loaded
    // machine here, so a 4 s limit could fall between the steps, where no shim is there to be interrupted. 20 s is
    // well past both steps' start and well short of the 60 s sleep.
    const t = Date.now();
    const { outcome } = await judge({ 'Solution.lean': '#run sleep 60\n' }, { timeoutMs: 20_000 });
    expect(Date.now() - t).toBeLessThan(50_000);
    expect(outcome).toMatchObject({ exitCode: null, timedOut: true, okLine: false });
    // The shim caught comparator's SIGTERM and removed its step; the sweep and the volume's removal leave nothing.
    expect(outcome.stderr).toMatch(/sandbox-landrun: interrupted by SIGTERM/);
    expect(await labelled(engine!, outcome.runId)).toEqual([]);
  });

  test('a step over its time limit is killed (124), and comparator fails on it', async () => {
    const t = Date.now();
    const { outcome } = await judge(
      { 'Solution.lean': '#run sleep 60\n' },
      { stepLimits: { timeoutMs: 3000 } },
    );
    expect(Date.now() - t).toBeLessThan(30_000);
    expect(outcome).toMatchObject({ exitCode: 1, okLine: false, uncaught: ['Child exited with 124'] });
    expect(outcome.judgeStderr).toMatch(/sandbox-landrun: the step timed out after 3000 ms and was killed/);
  });
});

d("images/lean's comparator verification (run by its build), on the stand-ins", () => {
  const verify = (comparator: string) => {
    const home = fs.mkdtempSync(path.join(w.root, 'home-'));
    fs.mkdirSync(path.join(home, 'bin'));
    fs.mkdirSync(path.join(home, 'verify'));
    fs.copyFileSync(comparator, path.join(home, 'bin/comparator'));
    fs.copyFileSync(w.lean4export, path.join(home, 'bin/lean4export'));
    fs.copyFileSync(
      path.join(ROOT, 'images/lean/fake-landrun.sh'),
      path.join(home, 'verify/fake-landrun.sh'),
    );
    fs.writeFileSync(
      path.join(home, 'lean-toolchain'),
      fs.readFileSync(path.join(ROOT, 'images/lean/lean-toolchain')),
    );
    execFileSync('chmod', ['-R', 'a+rx', home]);
    return spawnSync('sh', [path.join(ROOT, 'images/lean/comparator-verify.sh')], {
      env: { PATH: w.path, COMPARATOR_HOME: home },
      encoding: 'utf8',
      timeout: 120_000,
    });
  };
  test('a judge telling the pair apart passes; one accepting everything fails the verification', () => {
    const ok = verify(w.comparator);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^comparator-verify: match passed, mismatch rejected \(uncaught exception: /);
    const lax = path.join(w.root, 'lax-comparator');
    fs.writeFileSync(lax, "#!/bin/sh\necho 'Your solution is okay!'\n", { mode: 0o755 });
    const bad = verify(lax);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/the mismatching pair gave exit 0, not 1/);
  });
});

d("comparator's own test projects, as runtests.lean runs them (for the GitHub workflow)", () => {
  test('each project’s exit code is compared with its test.json; a wrong expectation is reported', async () => {
    const checkout = fs.mkdtempSync(path.join(w.root, 'checkout-'));
    fs.writeFileSync(path.join(checkout, 'lean-toolchain'), 'leanprover/lean4:v4.33.0-rc2\n');
    const project = (name: string, solution: string, exit: number) => {
      const dir = path.join(checkout, 'tests/projects', name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'Challenge.lean'), CHALLENGE);
      fs.writeFileSync(path.join(dir, 'Solution.lean'), solution);
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(CONFIG));
      fs.writeFileSync(path.join(dir, 'test.json'), JSON.stringify({ exit_code: exit }));
    };
    project('simple_match', SOLUTION, 0);
    project('simple_mismatch', 'theorem foo : True := trivial\n', 1);
    project('wrong_expectation', 'theorem foo : True := trivial\n', 0); // control: must be reported
    execFileSync('chmod', ['-R', 'a+rX', checkout]);
    const results = await judgeProjects(
      {
        checkout,
        comparator: w.comparator,
        image: BASE,
        landrun: SHIM,
        lake: path.join(w.toolchain, 'bin/lake'),
        lean4export: w.lean4export,
        env: { PATH: w.path, HOME: '/home/judge' },
      },
      {
        engine: engine!,
        volumeHost,
        now: () => new Date(),
        random: () => crypto.randomBytes(4).toString('hex'),
      },
    );
    expect(results.map((r) => [r.name, r.exitCode, r.passed])).toEqual([
      ['simple_match', 0, true],
      ['simple_mismatch', 1, true],
      ['wrong_expectation', 1, false],
    ]);
  });
});
