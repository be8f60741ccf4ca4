/**
 * Each locked-down default, proved by attacking it in the real engine. Where it is cheap, the same attack is also
 * made with the defence loosened, to show the test would notice if the defence were off.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import {
  BASE,
  ENGINE_CLI_PREFIX,
  TEST_ENGINE,
  engineOrSkip,
  labelled,
  onPodman,
  run as runCli,
  sh,
  tmpDir,
} from '../helpers/engine.js';

jest.setTimeout(120_000);
const { engine, d } = await engineOrSkip();
const before = new Set(engine ? (await labelled(engine)).map((r) => r.id) : []);
// Through Podman runsc is refused (its API hides a runtime's arguments, so --oci-seccomp cannot be confirmed): the
// suite runs under runc there, and the refusal is tested below.
const isolations = (process.env.SANDBOX_TEST_ISOLATIONS ?? (onPodman ? 'default' : 'default,runsc')).split(
  ',',
);
/** The engine's own CLI, as the tests' controls use it. */
const engineCli = async (args: string[], o: { env?: NodeJS.ProcessEnv } = {}) => {
  const { stdout } = await sh(TEST_ENGINE, [...ENGINE_CLI_PREFIX, ...args], o);
  return { stdout: String(stdout) };
};
/** The runs of this file, for "nothing left behind" on an engine other runs share. */
const runIds = new Set<string>();
const run = async (...a: Parameters<typeof runCli>) => {
  const r = await runCli(...a);
  runIds.add(r.result.runId);
  return r;
};

/** The base image with setuid-root copies of `cat` and `id`: a real setuid helper that asks for no password. */
async function setuidImage(): Promise<string> {
  const dockerfile = `FROM ${BASE}\nRUN cp /bin/cat /usr/local/bin/suid-cat && cp /usr/bin/id /usr/local/bin/suid-id && chown 0:0 /usr/local/bin/suid-* && chmod 4755 /usr/local/bin/suid-*\n`;
  const tag = `sandbox-action-test/setuid:${crypto.createHash('sha256').update(dockerfile).digest('hex').slice(0, 12)}`;
  const dir = tmpDir('setuid');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  try {
    await engineCli(['build', '-q', '-t', tag, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return tag;
}

/** The `Uid:` line (real, effective, saved, filesystem) a setuid-root `cat` sees. */
const SETUID_PROBE = 'suid-cat /proc/self/status | grep "^Uid:"';

/**
 * The host's record of the sandbox's pids cgroup while it runs: the container found by a marker in its environment,
 * its cgroup by its first process (cgroup v1's pids hierarchy or v2's unified one), read every 50 ms until stopped.
 * `events` counts the forks the kernel refused at the limit; `peak` is the most tasks it held at once.
 */
function watchPids(mark: string) {
  let stop = false;
  const seen = { found: false, max: 0, peak: 0, events: 0 };
  const read = (f: string) => fs.readFileSync(f, 'utf8').trim();
  const done = (async () => {
    let dir = '';
    while (!stop && !dir) {
      const { stdout } = await engineCli([
        'ps',
        '-q',
        '--no-trunc',
        '--filter',
        'label=sandbox-action.role=sandbox',
      ]);
      for (const c of stdout.split('\n').filter(Boolean)) {
        const o = await engineCli(['inspect', '-f', '{{.State.Pid}} {{json .Config.Env}}', c]).catch(() => ({
          stdout: '',
        }));
        if (!o.stdout.includes(`PIDS_MARK=${mark}`)) continue;
        const lines = read(`/proc/${o.stdout.split(' ')[0]}/cgroup`).split('\n');
        const v1 = lines.find((l) => /^\d+:([^:]*,)?pids(,[^:]*)?:/.test(l));
        dir = v1
          ? `/sys/fs/cgroup/pids${v1.split(':')[2]}`
          : `/sys/fs/cgroup${lines.find((l) => l.startsWith('0::'))!.slice(3)}`;
      }
      if (!dir) await new Promise((r) => setTimeout(r, 100));
    }
    while (!stop) {
      try {
        const events = /max (\d+)/.exec(read(`${dir}/pids.events`))?.[1];
        seen.events = Math.max(seen.events, Number(events ?? 0));
        const current = Number(read(`${dir}/pids.current`));
        const peak = fs.existsSync(`${dir}/pids.peak`) ? Number(read(`${dir}/pids.peak`)) : current;
        seen.peak = Math.max(seen.peak, peak, current);
        seen.max = Number(read(`${dir}/pids.max`));
        seen.found = true;
      } catch {
        // the container is gone
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      stop = true;
      await done;
      return seen;
    },
  };
}

let suidImage = '';
beforeAll(async () => {
  if (engine) suidImage = await setuidImage();
}, 120_000);

d.each(isolations)('locked-down defaults (isolation %s)', (isolation) => {
  const iso = ['--isolation', isolation];
  const gvisor = isolation === 'runsc';

  test('no capabilities, no new privileges, default seccomp, not root', async () => {
    const r = await run(iso, [
      'sh',
      '-c',
      'grep -E "^(CapEff|CapPrm|CapBnd|NoNewPrivs|Seccomp):" /proc/self/status; id -u',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/CapEff:\s+0000000000000000/);
    expect(r.stderr).toMatch(/CapBnd:\s+0000000000000000/);
    // gVisor filters its own kernel on the host: judged by behaviour (the attacks below), not by these lines.
    if (!gvisor) {
      expect(r.stderr).toMatch(/NoNewPrivs:\s+1/);
      expect(r.stderr).toMatch(/Seccomp:\s+2/);
    }
    expect(r.stderr).toMatch(/^65534$/m);
    expect(r.result.user).toBe('65534:65534');
    expect(r.result.limits!.noNewPrivileges).toBe(true);
  });

  test('even as root, a capability-gated call fails (chown to another uid); with --cap-add CHOWN it works', async () => {
    const attack = 'grep "^CapEff:" /proc/self/status; : > /tmp/f; chown 1:1 /tmp/f; echo chown=$?';
    const root = [...iso, '--user', '0', '--allow-root'];
    const r = await run(root, ['sh', '-c', attack]);
    expect(r.stderr).toMatch(/CapEff:\s+0000000000000000/);
    expect(r.stderr).toMatch(/Operation not permitted/);
    expect(r.stderr).toMatch(/chown=1/);
    // Control: the same call with the one capability given back succeeds.
    const control = await run([...root, '--cap-add', 'CHOWN'], ['sh', '-c', attack]);
    expect(control.stderr).toMatch(/CapEff:\s+0000000000000001/);
    expect(control.stderr).toMatch(/chown=0/);
    expect(control.result.loosened.map((l) => l.option)).toContain('--cap-add CHOWN');
  });

  test('a setuid-root helper gives nothing (effective uid stays 65534); without no-new-privileges it gives root', async () => {
    const r = await run([...iso, '--pull', 'never'], ['sh', '-c', `${SETUID_PROBE}; suid-id -u`], {
      image: suidImage,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Uid:\s+65534\s+65534\s+65534\s+65534$/m);
    expect(r.stderr).toMatch(/^65534$/m);
    // Control: the same image, user, capabilities, read-only root and runtime as the sandbox, on the engine
    // directly; only no-new-privileges differs.
    const runtime = gvisor ? r.result.engine.runtime : 'runc';
    const probe = (nnp: string[]) =>
      engineCli([
        'run',
        '--rm',
        // Podman's remote run takes no --runtime (and runs runc, its default, here: runsc is refused on Podman).
        ...(onPodman ? [] : ['--runtime', runtime]),
        '--network',
        'none',
        '--user',
        '65534:65534',
        '--cap-drop',
        'ALL',
        '--read-only',
        ...nnp,
        suidImage,
        'sh',
        '-c',
        SETUID_PROBE,
      ]).then((o) => o.stdout.trim());
    expect(await probe(['--security-opt', 'no-new-privileges:true'])).toMatch(
      /^Uid:\s+65534\s+65534\s+65534\s+65534$/,
    );
    if (gvisor) {
      // gVisor ignores the setuid bit on exec, with or without no-new-privileges ("as if all processes had
      // PR_SET_NO_NEW_PRIVS set", google/gvisor#212, open; seen on runsc 20221219): there the defence is gVisor's
      // own, and this line turns red the day it honours the bit.
      expect(await probe([])).toMatch(/^Uid:\s+65534\s+65534\s+65534\s+65534$/);
    } else {
      expect(await probe([])).toMatch(/^Uid:\s+65534\s+0\s+0\s+0$/);
    }
  });

  test('the root filesystem is read-only (EROFS), and would be writable without the defence', async () => {
    const attack = 'touch /var/tmp/x 2>&1; echo rc=$?';
    const r = await run(iso, ['sh', '-c', attack]);
    expect(r.stderr).toMatch(/Read-only file system/);
    expect(r.stderr).toMatch(/rc=1/);
    const root = await run(
      [...iso, '--user', '0', '--allow-root'],
      ['sh', '-c', 'echo x > /usr/x 2>&1; echo rc=$?'],
    );
    expect(root.stderr).toMatch(/Read-only file system/);
    expect(root.result.loosened.map((l) => l.option)).toContain('--allow-root');
    const control = await run([...iso, '--writable-root'], ['sh', '-c', attack]);
    expect(control.stderr).toMatch(/rc=0/);
    expect(control.result.loosened.map((l) => l.option)).toEqual(['--writable-root']);
  });

  test('a file copied to /tmp cannot be executed (noexec), and could be with --tmp-exec', async () => {
    const attack = 'cp /bin/true /tmp/t && chmod +x /tmp/t && /tmp/t; echo rc=$?';
    const r = await run(iso, ['sh', '-c', attack]);
    expect(r.stderr).toMatch(/Permission denied/);
    expect(r.stderr).toMatch(/rc=126/);
    const control = await run([...iso, '--tmp-exec'], ['sh', '-c', attack]);
    expect(control.stderr).toMatch(/rc=0/);
  });

  test('a fork bomb is held (pids limit; under gVisor its thread limit) and the host stays responsive', async () => {
    const lags: number[] = [];
    let last = Date.now();
    const tick = setInterval(() => {
      const now = Date.now();
      lags.push(now - last - 50);
      last = now;
    }, 50);
    // Under gVisor the limit counts the sentry's threads, and how fast they grow is the machine's speed (2048 took
    // 5 s on one machine and 10 s on another here): the run gets time to reach it, so the test shows the limit,
    // not the timeout, ending the sandbox. Under runc the forks fail at once.
    const [timeout, rest] = gvisor ? ['90s', 85] : ['8s', 6];
    const bomb = `b(){ b | b & }; b; sleep ${rest}`;
    const started = Date.now();
    const hostProbe = (async () => {
      await new Promise((r) => setTimeout(r, 2000));
      const t = Date.now();
      await sh('true');
      return Date.now() - t;
    })();
    const mark = crypto.randomUUID();
    const pids = watchPids(mark);
    const r = await run(
      [...iso, '--pids', '64', '--memory', '512m', '--timeout', timeout, '--env', `PIDS_MARK=${mark}`],
      ['bash', '-c', bomb],
    ).finally(() => clearInterval(tick));
    const seen = await pids.stop();
    expect(Date.now() - started).toBeLessThan(gvisor ? 80_000 : 15_000);
    // The host's count: the kernel refused forks at the sandbox's limit, and the count never passed it.
    // The limit is 64 under runc; under gVisor it counts gVisor's own threads too (2048 for --pids 64).
    const limit = gvisor ? 2048 : 64;
    expect(seen).toMatchObject({ found: true, max: limit });
    expect(seen.events).toBeGreaterThan(0);
    expect(seen.peak).toBeLessThanOrEqual(limit);
    if (gvisor) {
      // gVisor's kernel cannot start the threads it needs past the limit, and the sandbox stops long before the
      // command's own sleep or its timeout ends: the run is not a success, and the limit ended it.
      expect(r.result.status).not.toBe('succeeded');
      expect(r.result.status).not.toBe('timed-out');
      expect(r.result.notes.join(' ')).toMatch(/under gVisor the pids limit counts gVisor's own threads/);
    } else {
      // Fork failed inside, again and again, and the shell lived on to finish its sleep.
      expect(r.stderr).toMatch(/fork: (retry: )?Resource temporarily unavailable/);
      expect(r.result.status).toBe('succeeded');
    }
    expect(await hostProbe).toBeLessThan(2000);
    expect(Math.max(...lags)).toBeLessThan(2000);
  });

  test('allocating twice the memory limit gives oom-killed (exit 137)', async () => {
    // `tail` keeps the whole newline-free stream in memory: 256 MiB against a 128 MiB limit. Its own exit status is
    // the command's (dash has no pipefail: it is kept in a file), and wc counts what it let through.
    const attack =
      '{ head -c 256m /dev/zero | tail; echo $? > /tmp/s; } | wc -c; s=$(cat /tmp/s); echo tail=$s; echo survived; exit $s';
    const r = await run([...iso, '--memory', '128m', '--tmp-size', '16m'], ['sh', '-c', attack]);
    expect(r.result.limits!.memorySwapBytes).toBe(r.result.limits!.memoryBytes);
    expect(r.code).toBe(137);
    if (!onPodman) {
      expect(r.result.status).toBe('oom-killed');
    } else {
      // Podman differs: its inspect says OOMKilled false even when the kernel's OOM killer killed the container's
      // processes (conmon 2.1.6 on cgroup v1 records no OOM; docs/engines.md). The defence is shown by the kill
      // itself: tail died of SIGKILL at the limit (137), the command's own status, and the control below.
      expect(r.result.status).toBe('failed');
      expect(r.result.notes.join(' ')).toMatch(
        /exit 137 \(SIGKILL\) under Podman, which does not report OOM kills/,
      );
    }
    // Control: the same program with room for its 256 MiB survives, and read all of it.
    const control = await run([...iso, '--memory', '1g', '--tmp-size', '16m'], ['sh', '-c', attack]);
    expect(control.result.status).toBe('succeeded');
    expect(control.code).toBe(0);
    expect(control.stderr).toMatch(/^268435456$/m);
    expect(control.stderr).toMatch(/^tail=0$/m);
  });

  test('sleep 1000 with a 3 s timeout is timed-out within 2 s of the deadline (exit 124)', async () => {
    const r = await run([...iso, '--timeout', '3s'], ['sleep', '1000']);
    expect(r.result.status).toBe('timed-out');
    expect(r.code).toBe(124);
    // Killed within 2 s of the deadline (the command's own time: setting up and removing volumes on a loaded
    // machine is not what the timeout bounds).
    expect(r.result.durationMs).toBeLessThan(5000);
  });

  test('no docker socket, no host devices, only what was passed in the environment', async () => {
    const probe =
      'for s in /var/run/docker.sock /run/docker.sock /run/podman/podman.sock; do [ -e $s ] && echo FOUND $s; done; for f in /dev/*; do echo "${f#/dev/}"; done; echo ---; env';
    const keysOf = (log: string) =>
      log
        .split('---\n')[1]!
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('sandbox-action: '))
        .map((l) => l.split('=')[0])
        .sort();
    process.env.SANDBOX_TEST_CANARY = 'host-secret';
    try {
      const r = await run([...iso, '--env', 'PASSED=yes'], ['sh', '-c', probe]);
      expect(r.stderr).not.toContain('FOUND');
      expect(r.stderr).not.toMatch(/sda|vda|nvme|kvm|loop\d/);
      // Podman differs: it sets `container=podman` itself and TERM=xterm (containers.conf's default env) in every
      // container. Both are its constants, not the host's: shown by their values, and the canary stays out.
      const engineOwn = onPodman ? ['TERM', 'container'] : [];
      expect(keysOf(r.stderr)).toEqual(['HOME', 'HOSTNAME', 'PASSED', 'PATH', 'PWD', ...engineOwn].sort());
      if (onPodman) {
        expect(r.stderr).toMatch(/^TERM=xterm$/m);
        expect(r.stderr).toMatch(/^container=podman$/m);
      }
      expect(r.stderr).not.toContain('host-secret');
      expect(r.stderr).toContain('PASSED=yes');
      // Control: the same probe sees a variable that is there, by the same listing.
      const passed = await run([...iso, '--env', 'SANDBOX_TEST_CANARY=host-secret'], ['sh', '-c', probe]);
      expect(keysOf(passed.stderr)).toContain('SANDBOX_TEST_CANARY');
      expect(passed.stderr).toContain('host-secret');
    } finally {
      delete process.env.SANDBOX_TEST_CANARY;
    }
    // Control: the same probe in a container given the engine's socket and a loop device finds both.
    const { stdout } = await engineCli([
      'run',
      '--rm',
      '--network',
      'none',
      '-v',
      '/var/run/docker.sock:/var/run/docker.sock',
      '--device',
      '/dev/loop0',
      BASE,
      'sh',
      '-c',
      probe,
    ]);
    expect(stdout).toContain('FOUND /var/run/docker.sock');
    expect(stdout).toMatch(/^loop0$/m);
  });
});

d('network none', () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  let gateway = '';
  beforeAll(async () => {
    server = http.createServer((_, res) => {
      hits++;
      res.end('reached\n');
    });
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    port = (server.address() as AddressInfo).port;
    // The host's address on Docker's default bridge: a service of this test listens there.
    const { stdout } = await sh('ip', ['-4', '-o', 'addr', 'show', 'docker0']);
    gateway = /inet (\d+\.\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? '';
    expect(gateway).not.toBe('');
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test.each(isolations)(
    '%s: only loopback, no route, a TCP connect to a host service fails',
    async (isolation) => {
      const attack = `cat /proc/net/route; ls /sys/class/net 2>&1; (exec 3<>/dev/tcp/${gateway}/${port} && echo CONNECTED) 2>&1; echo rc=$?`;
      const before = hits;
      const r = await run(['--isolation', isolation], ['bash', '-c', attack]);
      if (onPodman && isolation === 'runsc') {
        // Podman differs: runsc is refused before anything is made (its API hides --oci-seccomp), so no sandbox
        // runs at all and nothing connects.
        expect(r.code).toBe(125);
        expect(r.stderr.trim().split('\n')).toEqual([
          "sandbox-action: --isolation: runsc: Podman's API does not report the arguments it runs a runtime with, so --oci-seccomp (gVisor's seccomp inside the sandbox) cannot be confirmed; use Docker for --isolation runsc (docs/engines.md)",
        ]);
        expect(hits).toBe(before);
        return;
      }
      expect(r.stderr).not.toContain('CONNECTED');
      expect(r.stderr).toMatch(/unreachable|Network is unreachable|Connection refused|No route/i);
      // /proc/net/route holds its header and nothing else: no route at all.
      expect(r.stderr).not.toMatch(/^eth\d/m);
      expect(hits).toBe(before);
      expect(r.result.network).toBe('none');
    },
  );

  test('control: the same connection from a container on a bridge does reach the host service', async () => {
    const before = hits;
    const { stdout } = await engineCli([
      'run',
      '--rm',
      BASE,
      'bash',
      '-c',
      `exec 3<>/dev/tcp/${gateway}/${port}; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3`,
    ]);
    expect(stdout).toContain('reached');
    expect(hits).toBe(before + 1);
  });
});

d('nothing is left behind', () => {
  test('after the runs above no labelled container, volume or network remains', async () => {
    const now = await labelled(engine!);
    expect(runIds.size).toBeGreaterThan(10);
    expect(now.filter((r) => !before.has(r.id) && runIds.has(r.labels['sandbox-action.run']!))).toEqual([]);
  });
});
