/**
 * Each locked-down default, proved by attacking it in the real engine. Where it is cheap, the same attack is also
 * made with the defence loosened, to show the test would notice if the defence were off.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import {
  BASE,
  ENGINE_CLI_PREFIX,
  TEST_ENGINE,
  engineOrSkip,
  labelled,
  onPodman,
  run,
  sh,
} from '../helpers/engine.js';

jest.setTimeout(120_000);
const { engine, d } = await engineOrSkip();
const before = new Set(engine ? (await labelled(engine)).map((r) => r.id) : []);
// Through Podman runsc is refused (its API hides a runtime's arguments, so --oci-seccomp cannot be confirmed): the
// suite runs under runc there, and the refusal is tested below.
const isolations = (process.env.SANDBOX_TEST_ISOLATIONS ?? (onPodman ? 'default' : 'default,runsc')).split(
  ',',
);

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

  test('a setuid binary gives nothing: su and a setuid copy stay uid 65534', async () => {
    // With no-new-privileges (and no CAP_SETUID) a setuid-root program cannot raise the uid.
    const r = await run(iso, ['sh', '-c', 'su -c id root </dev/null; echo su=$?; id -u']);
    expect(r.stderr).toMatch(/su=[1-9]/);
    expect(r.stderr).toMatch(/^65534$/m);
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
    const bomb = 'b(){ b | b & }; b; sleep 6';
    const started = Date.now();
    const hostProbe = (async () => {
      await new Promise((r) => setTimeout(r, 2000));
      const t = Date.now();
      await sh('true');
      return Date.now() - t;
    })();
    const r = await run(
      [...iso, '--pids', '64', '--memory', '512m', '--timeout', '8s'],
      ['bash', '-c', bomb],
    );
    clearInterval(tick);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(['succeeded', 'failed', 'timed-out', 'oom-killed']).toContain(r.result.status);
    if (gvisor) {
      // The engine limit counts gVisor's own threads; the bomb exhausts it and the sandbox stops.
      expect(r.result.limits!.pids).toBe(2048);
      expect(r.result.notes.join(' ')).toMatch(/under gVisor the pids limit counts gVisor's own threads/);
    } else {
      // The limit is what held it: fork failed inside, again and again.
      expect(r.result.limits!.pids).toBe(64);
      expect(r.stderr).toMatch(/fork: (retry: )?Resource temporarily unavailable/);
    }
    expect(await hostProbe).toBeLessThan(2000);
    expect(Math.max(...lags)).toBeLessThan(2000);
  });

  test('allocating twice the memory limit gives oom-killed (exit 137)', async () => {
    // `tail` keeps the whole newline-free stream in memory: 256 MiB against a 128 MiB limit.
    const attack = 'head -c 256m /dev/zero | tail >/dev/null; s=$?; echo tail=$s; echo survived; exit $s';
    const r = await run([...iso, '--memory', '128m', '--tmp-size', '16m'], ['sh', '-c', attack]);
    expect(r.result.limits!.memorySwapBytes).toBe(r.result.limits!.memoryBytes);
    expect(r.code).toBe(137);
    if (!onPodman) {
      expect(r.result.status).toBe('oom-killed');
    } else {
      // Podman differs: its inspect says OOMKilled false even when the kernel's OOM killer killed the container's
      // processes (conmon 2.1.6 on cgroup v1 records no OOM; docs/engines.md). The defence is shown by the kill
      // itself: tail died of SIGKILL at the limit (137), the command's own status, and the control below.
      expect(r.stderr).toMatch(/^tail=137$/m);
      expect(r.result.status).toBe('failed');
      expect(r.result.notes.join(' ')).toMatch(
        /exit 137 \(SIGKILL\) under Podman, which does not report OOM kills/,
      );
      const control = await run([...iso, '--memory', '512m', '--tmp-size', '16m'], ['sh', '-c', attack]);
      expect(control.stderr).toMatch(/^tail=0$/m);
      expect(control.code).toBe(0);
    }
  });

  test('sleep 1000 with a 3 s timeout is timed-out in under 6 s (exit 124)', async () => {
    const t = Date.now();
    const r = await run([...iso, '--timeout', '3s'], ['sleep', '1000']);
    const took = Date.now() - t;
    expect(r.result.status).toBe('timed-out');
    expect(r.code).toBe(124);
    if (!onPodman) expect(took).toBeLessThan(6000);
    // Podman differs: its set-up (its /version and /info each compute its whole info; the volume holder) is seconds
    // longer and grows with the host's load (8 s on a quiet run here, 16 s at load 15), so the bound is on the
    // command stage, start to kill.
    else expect(r.result.timings.commandMs).toBeLessThan(6000);
    // Killed within 2 s of the deadline.
    expect(r.result.durationMs).toBeLessThan(5000);
  });

  test('no docker socket, no host devices, only what was passed in the environment', async () => {
    process.env.SANDBOX_TEST_CANARY = 'host-secret';
    try {
      const r = await run(
        [...iso, '--env', 'PASSED=yes'],
        [
          'sh',
          '-c',
          'for s in /var/run/docker.sock /run/docker.sock /run/podman/podman.sock; do [ -e $s ] && echo FOUND $s; done; ls /dev; echo ---; env',
        ],
      );
      expect(r.stderr).not.toContain('FOUND');
      expect(r.stderr).not.toMatch(/sda|vda|nvme|kvm|loop\d/);
      const env = r.stderr
        .split('---\n')[1]!
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('sandbox-action: '));
      const keys = env.map((l) => l.split('=')[0]).sort();
      // Podman differs: it sets `container=podman` itself and TERM=xterm (containers.conf's default env) in every
      // container. Both are its constants, not the host's: shown by their values, and the canary stays out.
      const engineOwn = onPodman ? ['TERM', 'container'] : [];
      expect(keys).toEqual(['HOME', 'HOSTNAME', 'PASSED', 'PATH', 'PWD', ...engineOwn].sort());
      if (onPodman)
        expect(env.filter((l) => /^(TERM|container)=/.test(l)).sort()).toEqual([
          'TERM=xterm',
          'container=podman',
        ]);
      expect(r.stderr).not.toContain('host-secret');
      expect(r.stderr).toContain('PASSED=yes');
    } finally {
      delete process.env.SANDBOX_TEST_CANARY;
    }
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

  test.each(['default', 'runsc'])(
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
    const { stdout } = await sh(TEST_ENGINE, [
      ...ENGINE_CLI_PREFIX,
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
    expect(now.filter((r) => !before.has(r.id))).toEqual([]);
  });
});
