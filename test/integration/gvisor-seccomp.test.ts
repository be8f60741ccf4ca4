/**
 * Seccomp inside gVisor, by attack. gVisor's own kernel allows `unshare -U` to an unprivileged process; only the
 * container's seccomp profile (the engine's default, applied inside the sandbox with runsc's --oci-seccomp)
 * refuses it, as runc's does. scripts/engine-up.sh registers runsc both ways: runsc-seccomp(-host) with
 * --oci-seccomp, which sandbox-action takes, and runsc(-host) without, taken only with --allow-weaker-gvisor (a
 * recorded loosening) and used here as the control: the same probes succeed there.
 * The refusal of an engine whose runsc runtimes lack --oci-seccomp is shown against the real engine, seen through
 * a recording pass-through that takes the flag out of `GET /info`.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { buildClientImage, docker } from '../helpers/client-image.js';
import { recordEngine, withoutOciSeccomp, type EngineRecorder } from '../helpers/engine-recorder.js';
import { BASE, engineOrSkip, labelled, run, spawnCli } from '../helpers/engine.js';

jest.setTimeout(120_000);
const { engine, d } = await engineOrSkip();
const NO_SECCOMP = 'runsc';
/** The held-out-style probes: each prints NAME=exit code (0 is the attack succeeding). */
const PROBES = `unshare -U true 2>/dev/null; echo "unshare-U=$?"
unshare -n true 2>/dev/null; echo "unshare-n=$?"
grep '^Seccomp:' /proc/self/status`;
const socketOf = (endpoint: string) => endpoint.replace(/^unix:\/\//, '');

d('seccomp inside gVisor', () => {
  test('under --isolation runsc, unshare -U and unshare -n are refused and Seccomp is 2 (no network and on a network)', async () => {
    for (const net of [[], ['--network', 'open']]) {
      const r = await run(['--isolation', 'runsc', ...net], ['sh', '-c', PROBES]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^unshare-U=[1-9]/m);
      expect(r.stderr).toMatch(/^unshare-n=[1-9]/m);
      expect(r.stderr).toMatch(/^Seccomp:\s+2$/m);
      expect(r.result.loosened).toEqual(
        net.length ? [expect.objectContaining({ option: '--network open' })] : [],
      );
    }
  });

  test('--allow-weaker-gvisor takes the runtime without --oci-seccomp: the probes succeed, and the run says it was loosened', async () => {
    const r = await run(['--isolation', 'runsc', '--allow-weaker-gvisor'], ['sh', '-c', PROBES]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^unshare-U=0$/m);
    expect(r.stderr).toMatch(/^Seccomp:\s+0$/m);
    expect(r.result.loosened.map((l) => l.option)).toEqual(['--allow-weaker-gvisor']);
  });

  test('the known cost on runsc 20221219: with --oci-seccomp a thread cannot start (clone3 gets EPERM, not ENOSYS); without it, it can', async () => {
    // Node starts worker threads before it runs a line of the script.
    const threads = `node -e 'console.log("thread-started")' 2>&1 | head -3`;
    const client = buildClientImage(); // the egress tests' image: it has node
    const strict = await run(['--isolation', 'runsc'], ['sh', '-c', threads], { image: client });
    expect(strict.stderr).toMatch(/uv_thread_create/);
    expect(strict.stderr).not.toMatch(/^thread-started$/m);
    const weaker = await run(['--isolation', 'runsc', '--allow-weaker-gvisor'], ['sh', '-c', threads], {
      image: client,
    });
    expect(weaker.stderr).toMatch(/^thread-started$/m);
  });

  test(`control: the same probes under ${NO_SECCOMP} (runsc without --oci-seccomp): unshare -U succeeds, Seccomp is 0`, async () => {
    const runtimes = JSON.parse(docker('info', '--format', '{{json .Runtimes}}')) as Record<string, unknown>;
    // Registered by scripts/engine-up.sh; without it this control cannot run, and says so.
    expect(Object.keys(runtimes)).toContain(NO_SECCOMP);
    const out = docker(
      'run',
      '--rm',
      '--runtime',
      NO_SECCOMP,
      '--network',
      'none',
      '--user',
      '65534:65534',
      '--cap-drop',
      'ALL',
      '--security-opt',
      'no-new-privileges:true',
      '--read-only',
      BASE,
      'sh',
      '-c',
      PROBES,
    );
    expect(out).toMatch(/^unshare-U=0$/m);
    expect(out).toMatch(/^Seccomp:\s+0$/m);
  });
});

d('bad input: a runsc runtime without --oci-seccomp', () => {
  let rec: EngineRecorder;
  let pass: EngineRecorder;
  beforeAll(async () => {
    rec = await recordEngine(socketOf(engine!.info.endpoint), withoutOciSeccomp);
    pass = await recordEngine(socketOf(engine!.info.endpoint));
  });
  afterAll(async () => {
    await rec?.close();
    await pass?.close();
  });

  test('is refused with one line that says what to do, exit 125, and nothing is created', async () => {
    const t0 = new Date().toISOString();
    const before = new Set((await labelled(engine!)).map((r) => r.id));
    for (const net of [[], ['--network', 'open']]) {
      const { done } = spawnCli(
        ['run', '--quiet', '--pull', 'never', '--image', BASE, '--isolation', 'runsc', ...net, '--', 'true'],
        {
          ...process.env,
          DOCKER_HOST: rec.dockerHost,
        },
      );
      const out = await done;
      expect(out.code).toBe(125);
      const lines = out.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^sandbox-action: --isolation: runsc: the engine's runsc runtimes \(.*runsc.*\) run without --oci-seccomp, .*add "--oci-seccomp" to their "runtimeArgs".*, or pass --allow-weaker-gvisor$/,
      );
    }
    // It asked the engine for its runtimes, and asked it to create or start nothing.
    expect(rec.requests.some((r) => /\/info/.test(r))).toBe(true);
    expect(rec.creating()).toEqual([]);
    const left = (await labelled(engine!)).filter(
      (r) => !before.has(r.id) && (r.labels['sandbox-action.created'] ?? '') >= t0,
    );
    expect(left).toEqual([]);
  });

  test('control: through the same pass-through with /info untouched, the run starts and succeeds under runsc', async () => {
    const { done } = spawnCli(
      ['run', '--quiet', '--pull', 'never', '--image', BASE, '--isolation', 'runsc', '--', 'true'],
      {
        ...process.env,
        DOCKER_HOST: pass.dockerHost,
      },
    );
    const out = await done;
    expect(out.stderr).not.toMatch(/oci-seccomp|error/i);
    expect(out.code).toBe(0);
    expect(pass.creating().some((r) => /containers\/create/.test(r))).toBe(true);
  });
});
