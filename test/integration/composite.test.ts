/** action.yml executed as the runner would (test/helpers/composite.ts), against the real engine. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, jest, test } from '@jest/globals';
import { runComposite } from '../helpers/composite.js';
import { BASE, ROOT, engineOrSkip, tmpDir } from '../helpers/engine.js';

jest.setTimeout(120_000);
const { d } = await engineOrSkip();

const run = (
  inputs: Record<string, string>,
  more: { temp?: string; github?: Record<string, unknown> } = {},
) =>
  runComposite(ROOT, inputs, {
    workspace: tmpDir('ws'),
    temp: more.temp ?? tmpDir('runner-temp'),
    ...(more.github ? { github: more.github } : {}),
    // What a runner's environment has, and a canary: a job-level INPUT_IMAGE reaches every step; the run step
    // must take the image from its own input, never from there.
    baseEnv: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SANDBOX_ACTION_STATE_DIR: process.env.SANDBOX_ACTION_STATE_DIR,
      INPUT_IMAGE: 'leaked',
    },
  });

d('the composite action', () => {
  test('a succeeding build: outputs set, the staged directory holds the files, the upload step gets it', async () => {
    const r = await run({
      image: BASE,
      run: 'echo report > /output/report.txt; mkdir /output/sub; echo x > /output/sub/y',
      'artifact-name': 'results',
    });
    expect(r.failed).toBe(false);
    expect(r.outputs).toMatchObject({ status: 'succeeded', 'exit-code': '0' });
    const dir = r.outputs['outputs-dir']!;
    expect(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8')).toBe('report\n');
    expect(fs.readFileSync(path.join(dir, 'sub/y'), 'utf8')).toBe('x\n');
    expect(r.uses).toEqual([
      {
        id: 'upload',
        uses: 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02',
        with: {
          name: 'results',
          path: dir,
          'if-no-files-found': 'warn',
          'retention-days': '',
          'include-hidden-files': 'false',
        },
      },
    ]);
    const result = JSON.parse(fs.readFileSync(r.outputs['result-json']!, 'utf8')) as {
      status: string;
      image: { ref: string };
    };
    expect(result.status).toBe('succeeded');
    expect(result.image.ref).toBe(BASE);
    expect(`${JSON.stringify(result)}${r.log}${r.summary}`).not.toContain('leaked');
    expect(r.summary).toMatch(/sandbox-action: succeeded \(exit 0\)/);
    expect(r.summary).toMatch(/\*\*Outputs:\*\* 2 files/);
  });

  test('a failing build fails the step, and its outputs are still uploaded', async () => {
    const r = await run({
      image: BASE,
      run: 'echo partial > /output/p.txt; exit 3',
      'artifact-name': 'results',
    });
    expect(r.failed).toBe(true);
    expect(r.outputs).toMatchObject({ status: 'failed', 'exit-code': '3' });
    expect(r.uses.map((u) => u.with.path)).toEqual([r.outputs['outputs-dir']]);
  });

  test('upload: false uploads nothing', async () => {
    const r = await run({ image: BASE, run: 'echo x > /output/x', upload: 'false' });
    expect(r.outputs.status).toBe('succeeded');
    expect(r.uses).toEqual([]);
  });

  test('a timed-out build: status timed-out, exit 124', async () => {
    const r = await run({ image: BASE, run: 'sleep 100', timeout: '2s' });
    expect(r.failed).toBe(true);
    expect(r.outputs).toMatchObject({ status: 'timed-out', 'exit-code': '124' });
    // Uploaded by default, under a name unique per job, matrix index and use.
    expect(r.uses.map((u) => u.with.name)).toEqual(['sandbox-test-0-sandbox-action']);
  });

  test('malicious entries in /output never reach the staged directory the upload reads', async () => {
    const r = await run({
      image: BASE,
      run: 'cd /output; ln -s /etc/hostname leak; ln -s / root; mkfifo f; echo ok > good; echo h > h1; ln h1 h2',
      'artifact-name': 'results',
    });
    const dir = r.outputs['outputs-dir']!;
    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual(['good', 'h1']);
    for (const n of names) expect(fs.lstatSync(path.join(dir, n)).isFile()).toBe(true);
    const result = JSON.parse(fs.readFileSync(r.outputs['result-json']!, 'utf8'));
    expect(result.outputs.skippedByReason).toEqual({ symlink: 2, fifo: 1, hardlink: 1 });
    expect(r.summary).toMatch(/\*\*Skipped 4:\*\*/);
  });

  test('an invalid input fails before any container, naming the input', async () => {
    const r = await run({ image: BASE, run: 'true', memory: 'lots' });
    expect(r.failed).toBe(true);
    expect(r.log).toMatch(/::error::input --memory: 'lots' is not a size/);
    // Fail closed: the outputs and the result file say error, with the reason, for whoever reads them next.
    expect(r.outputs.status).toBe('error');
    const result = JSON.parse(fs.readFileSync(r.outputs['result-json']!, 'utf8'));
    expect(result).toMatchObject({
      status: 'error',
      exitCode: 125,
      error: "--memory: 'lots' is not a size like 512m, 2g, 20GiB or a byte count",
    });
  });

  test('state-key: /state kept between runs, cache keys scoped unless on a trusted ref', async () => {
    const temp = tmpDir('runner-temp');
    const pr = {
      event_name: 'pull_request',
      ref: 'refs/pull/7/merge',
      event: { pull_request: { number: 7 }, repository: { default_branch: 'main' } },
      run_id: '555',
    };
    const step =
      'n=$(cat /state/n 2>/dev/null || echo 0); echo $((n+1)) > /state/n; cat /state/n > /output/n';
    const first = await run(
      { image: BASE, run: step, 'state-key': 'ccache', 'artifact-name': 'x' },
      { temp, github: pr },
    );
    // The restore and save steps are recorded, not executed: on the runner they fill and keep $RUNNER_TEMP/sandbox-state.
    const [restore, , save] = first.uses;
    expect(restore).toMatchObject({
      id: 'restore',
      uses: 'actions/cache/restore@5a3ec84eff668545956fd18022155c47e93e2684',
      with: {
        path: `${temp}/sandbox-state`,
        key: 'sandbox-state-untrusted-pr-7-ccache-555-1',
        'restore-keys': 'sandbox-state-untrusted-pr-7-ccache-',
      },
    });
    expect(save).toMatchObject({ id: 'save', with: { key: 'sandbox-state-untrusted-pr-7-ccache-555-1' } });
    expect(fs.readFileSync(path.join(first.outputs['outputs-dir']!, 'n'), 'utf8')).toBe('1\n');
    const second = await run(
      { image: BASE, run: step, 'state-key': 'ccache' },
      { temp, github: { ...pr, run_id: '556' } },
    );
    expect(second.stepOutputs.run!.status).toBe('succeeded');
    expect(fs.readFileSync(path.join(temp, 'sandbox-state', 'n'), 'utf8')).toBe('2\n');
    // Only a push to the default branch (or a tag) is trusted; a workflow_dispatch on main is not.
    const main = { event: { repository: { default_branch: 'main' } }, ref: 'refs/heads/main', run_id: '9' };
    const push = await run(
      { image: BASE, run: 'true', 'state-key': 'ccache' },
      { github: { ...main, event_name: 'push' } },
    );
    expect(push.uses[0]!.with.key).toBe('sandbox-state-trusted-ccache-9-1');
    const dispatch = await run(
      { image: BASE, run: 'true', 'state-key': 'ccache' },
      { github: { ...main, event_name: 'workflow_dispatch' } },
    );
    expect(dispatch.uses[0]!.with.key).toBe('sandbox-state-untrusted-workflow_dispatch-main-ccache-9-1');
  });

  test("report/ consumes the run's result file: the same bundle, its own job, the token never an argument", async () => {
    const ran = await run({
      image: BASE,
      run: "printf 'src/a.c:3:5: error: boom\\n' >&2; exit 1",
      annotate: 'gcc',
      'fail-on-error': 'false',
      // The trusted workflow binds the run to the commit it verifies; the report checks it against its event.
      'head-sha': 'a'.repeat(40),
      'base-ref': 'main',
      repository: 'org/repo',
    });
    const resultFile = ran.outputs['result-json']!;
    const token = 'ghs_secret_token_value';
    const head = 'a'.repeat(40);
    // A stand-in `node` first on PATH records every argv it is started with, then runs the real one (bash, not sh:
    // dash would drop the INPUT_DRY-RUN style variables, whose names are not shell names).
    const bin = tmpDir('argv-bin');
    const argvLog = path.join(bin, 'argv.log');
    fs.writeFileSync(
      path.join(bin, 'node'),
      `#!/bin/bash\nfor a in "$0" "$@"; do printf '%s\\0' "$a"; done >> '${argvLog}'\nprintf '\\n' >> '${argvLog}'\nexec '${process.execPath}' "$@"\n`,
      { mode: 0o755 },
    );
    const reported = await runComposite(
      path.join(ROOT, 'report'),
      { result: resultFile, token, 'dry-run': 'true' },
      {
        workspace: tmpDir('ws'),
        temp: tmpDir('runner-temp'),
        baseEnv: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME },
        github: {
          event_name: 'pull_request_target',
          event: {
            pull_request: {
              number: 3,
              head: { sha: head, repo: { full_name: 'fork/repo' } },
              base: { ref: 'main' },
            },
            repository: { full_name: 'org/repo' },
          },
        },
      },
    );
    expect(reported.failed).toBe(false);
    expect(reported.outputs).toMatchObject({
      conclusion: 'failure',
      'check-run-id': '',
      'check-name': 'sandbox / verify (main)',
    });
    expect(reported.summary).toMatch(
      /sandbox-action report: failure[\s\S]*1 annotations in 1 request\(s\) \(nothing sent\)/,
    );
    expect(reported.log).toContain('"route": "/repos/org/repo/check-runs"');
    expect(reported.log).toContain(`"head_sha": "${head}"`);
    expect(reported.log).toContain('"path": "src/a.c"');
    // The token is masked for the runner (the add-mask command itself is consumed, never shown) and used nowhere else.
    expect(reported.log).toContain(`::add-mask::${token}`);
    expect(reported.log.replace(`::add-mask::${token}`, '')).not.toContain(token);
    // Never an argument: not of the step's shell, not of the node it starts.
    const nodeArgv = fs
      .readFileSync(argvLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\0').filter(Boolean));
    expect(nodeArgv.map((a) => a.slice(1))).toEqual([[`${ROOT}/report/../dist/index.js`]]);
    expect(reported.argv.length).toBeGreaterThan(0);
    for (const argv of [...reported.argv, ...nodeArgv]) for (const a of argv) expect(a).not.toContain(token);
  });

  test('report/ with a bad input fails in one line naming it', async () => {
    const r = await runComposite(
      path.join(ROOT, 'report'),
      { result: '/nonexistent', 'dry-run': 'maybe' },
      {
        workspace: tmpDir('ws'),
        temp: tmpDir('runner-temp'),
        baseEnv: { PATH: process.env.PATH, HOME: process.env.HOME },
      },
    );
    expect(r.failed).toBe(true);
    expect(r.log).toContain("::error::input dry-run: 'maybe' is not true or false");
  });
});
