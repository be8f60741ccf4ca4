/**
 * The proxy's egress network reaches the world, not this host (src/sandbox/host-guard.ts), by attack: from inside
 * a running run's proxy, as a build that took it over would, connect to a service of this host on its egress
 * bridge's gateway and on the host's other addresses. Control: the same connection through a bridge of the test's
 * own, with the code's rule on it and then taken out, reaches the service, so the test would notice a guard that
 * does nothing (the shared bridge's rule is never taken out: other runs may be using it).
 *
 * The egress network is one for every run on Docker (src/sandbox/egress-network.ts), with inter-container traffic
 * off: a neighbour on it (another run's container) is attacked from a run's proxy the same way, and not reached;
 * control: on a network with it on (a named --egress-network), the same probe reaches the same neighbour.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { BASE, engineOrSkip, sh, spawnCli } from '../helpers/engine.js';
import { SMALL } from '../helpers/sessions.js';
import { HOST_GUARD_NOTE, egressBridgeName, guardLine, hostGuardRule } from '../../src/sandbox/host-guard.js';
import { SHARED_EGRESS_BRIDGE, SHARED_EGRESS_NETWORK } from '../../src/sandbox/egress-network.js';

jest.setTimeout(300_000);
const { d } = await engineOrSkip();
const docker = (...a: string[]) => execFileSync('docker', a, { encoding: 'utf8', timeout: 60_000 }).trim();

d('the egress network does not reach this host', () => {
  let server: net.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = net.createServer((s) => {
      hits++;
      s.end('host service\n');
    });
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', () => r()));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => {
    server?.close();
  });

  /** A proxy run that sleeps; its proxy's container name, and how to end it. */
  async function proxyRun(extra: string[] = []) {
    const mark = `SA_GUARD_MARK=${randomUUID()}`;
    const { child, done } = spawnCli([
      'run',
      '--json',
      '--env',
      mark,
      '--image',
      BASE,
      ...SMALL,
      '--pull',
      'never',
      '--network',
      'proxy',
      '--allow-domain',
      'example.com',
      '--proxy-base-image',
      BASE,
      ...extra,
      '--',
      'sh',
      '-c',
      'echo READY >&2; sleep 60',
    ]);
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        seen += c.toString();
        if (seen.includes('READY')) resolve();
      });
      child.on('close', () => reject(new Error(`the run ended first: ${seen}`)));
    });
    // This run's (other runs may share the engine): the sandbox whose environment holds the mark.
    const ids = docker('ps', '-q', '--filter', 'label=sandbox-action.role=sandbox')
      .split('\n')
      .filter(Boolean);
    const line = docker(
      'inspect',
      '-f',
      '{{json .Config.Env}} {{index .Config.Labels "sandbox-action.run"}}',
      ...ids,
    )
      .split('\n')
      .find((l) => l.includes(mark))!;
    const runId = line.trim().split(' ').pop()!;
    return {
      runId,
      proxy: `sandbox-action-${runId}-proxy`,
      end: async () => {
        child.kill('SIGTERM');
        await done;
      },
    };
  }

  /** From inside the proxy (as a build that took it over): a TCP connect to addr:port; REACHED or refused. */
  const probe = async (proxy: string, addr: string, to = port) =>
    (
      await sh('docker', [
        'exec',
        proxy,
        'node',
        '-e',
        `const s=require('net').connect(${to},'${addr}');s.setTimeout(2000);` +
          `s.on('data',d=>{console.log('REACHED '+d);process.exit(0)});` +
          `s.on('error',e=>{console.log('refused '+e.code);process.exit(0)});` +
          `s.on('timeout',()=>{console.log('refused timeout');process.exit(0)});`,
      ])
    ).stdout.trim();

  test("attack from inside the proxy: the shared bridge's gateway and the host addresses refuse (its rule first in INPUT)", async () => {
    const run = await proxyRun();
    const proxy = run.proxy;
    try {
      const egressNet = SHARED_EGRESS_NETWORK;
      const gateway = docker('network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', egressNet);
      const bridge = docker(
        'network',
        'inspect',
        '-f',
        '{{index .Options "com.docker.network.bridge.name"}}',
        egressNet,
      );
      expect(bridge).toBe(SHARED_EGRESS_BRIDGE);
      expect(docker('inspect', '-f', '{{json .NetworkSettings.Networks}}', proxy)).toContain(
        `"${egressNet}"`,
      );
      const hostIps = Object.values(os.networkInterfaces())
        .flat()
        .flatMap((i) => (i && i.family === 'IPv4' && !i.internal ? [i.address] : []))
        .filter((a) => !a.startsWith('172.17.') || a === '172.17.0.1');
      const targets = [gateway, ...hostIps.filter((a) => a !== gateway)];
      // Asynchronous: the host's service runs in this process, which must go on answering while the probe waits.
      for (const a of targets)
        expect([a, await probe(proxy, a)]).toEqual([a, expect.stringMatching(/^refused /)]);
      expect(hits).toBe(0);
      // The code's rule is first in INPUT, so no rule added since can let the bridge through above it.
      const rules = (await sh('iptables', ['-w', '5', '-S', 'INPUT'])).stdout;
      expect(rules.split('\n').find((l) => l.startsWith('-A INPUT'))).toBe(guardLine(SHARED_EGRESS_BRIDGE));
    } finally {
      await run.end();
    }
  });

  test('control: the same probe through a bridge of the test whose rule is taken out reaches the host service', async () => {
    // Never the shared bridge's rule: other runs may be using it. A bridge of the test, the code's rule on it
    // (hostGuardRule), a run whose proxy's outside it is (--egress-network), then the rule taken out.
    const tag = randomUUID().slice(0, 8);
    const net = `sa-test-guard-${tag}`;
    const bridge = `sa-tg${tag.slice(0, 6)}`;
    docker('network', 'create', '-o', `com.docker.network.bridge.name=${bridge}`, net);
    await sh('iptables', hostGuardRule('-I', bridge));
    const run = await proxyRun(['--egress-network', net]);
    try {
      const gateway = docker('network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', net);
      const before = hits;
      expect(await probe(run.proxy, gateway)).toMatch(/^refused /);
      expect(hits).toBe(before);
      // Written out by hand, not hostGuardRule: the delete fails if the code's rule is not this one.
      const rule = [
        '-w',
        '5',
        '-D',
        'INPUT',
        '-i',
        bridge,
        '-m',
        'comment',
        '--comment',
        'sandbox-action egress',
      ];
      await sh('iptables', [...rule, '-j', 'DROP']);
      expect(await probe(run.proxy, gateway)).toMatch(/^REACHED host service/);
      expect(hits).toBe(before + 1);
    } finally {
      await run.end();
      await sh('iptables', hostGuardRule('-D', bridge)).catch(() => undefined);
      docker('network', 'rm', net);
    }
  });

  test("a finished run leaves the shared bridge's rule only, and a bridge that is gone loses its rule at the next run", async () => {
    // A leftover of a crashed run: the rule this code makes (hostGuardRule), for a bridge that no longer exists.
    await sh('iptables', hostGuardRule('-I', 'sa-e0000000000'));
    const r = spawnCli([
      'run',
      '--json',
      '--image',
      BASE,
      ...SMALL,
      '--pull',
      'never',
      '--network',
      'proxy',
      '--allow-domain',
      'example.com',
      '--proxy-base-image',
      BASE,
      '--',
      'true',
    ]);
    const done = await r.done;
    expect(done.code).toBe(0);
    const result = JSON.parse(done.stdout.trim().split('\n').pop()!) as { runId: string; notes: string[] };
    const runId = result.runId;
    // Alone on the shared bridge (down until its proxy starts), the run still guarded it: no note says otherwise.
    expect(result.notes.join('\n')).not.toContain(HOST_GUARD_NOTE);
    // Other runs may hold rules of their own meanwhile: this run's bridge and the stale one are what is checked.
    const rules = (await sh('iptables', ['-w', '5', '-S', 'INPUT'])).stdout;
    expect(rules).not.toContain(egressBridgeName(runId));
    expect(rules).not.toContain('sa-e0000000000');
    // The shared bridge's guard stays for the next run (another may be using the bridge now).
    expect(rules).toContain(guardLine(SHARED_EGRESS_BRIDGE));
  });

  test('gc removes a host guard whose bridge is gone, and never a rule that is not ours', async () => {
    const ours = hostGuardRule('-I', 'sa-e00000000ff');
    const theirs = ['-I', 'INPUT', '-i', 'sa-e00000000ee', '-j', 'DROP'];
    await sh('iptables', ours);
    await sh('iptables', ['-w', '5', ...theirs]);
    try {
      // --older-than 100h: nothing of a live run is touched; the guard goes whatever its age (its bridge is gone).
      const all = spawnCli(['gc', '--older-than', '100h']);
      expect((await all.done).code).toBe(0);
      const rules = (await sh('iptables', ['-w', '5', '-S', 'INPUT'])).stdout;
      expect(rules).not.toContain('sa-e00000000ff');
      expect(rules).toContain('-A INPUT -i sa-e00000000ee -j DROP');
    } finally {
      await sh('iptables', ['-w', '5', '-D', ...theirs.slice(1)]).catch(() => undefined);
    }
  });

  test("another run's container on the shared egress network is not reached from a run's proxy; control: with inter-container traffic on, it is", async () => {
    const tag = randomUUID().slice(0, 8);
    const iccOn = `sa-test-icc-on-${tag}`;
    const neighbour = `sa-test-neighbour-${tag}`;
    const first = await proxyRun();
    try {
      // The neighbour: a TCP service on every address, on the shared network and on one with icc on.
      docker('network', 'create', iccOn);
      docker(
        'run',
        '-d',
        '--name',
        neighbour,
        '--network',
        SHARED_EGRESS_NETWORK,
        BASE,
        'perl',
        '-MIO::Socket::INET',
        '-e',
        '$s = IO::Socket::INET->new(LocalPort => 8081, Listen => 5, ReuseAddr => 1) or die; while (my $c = $s->accept) { print $c "neighbour\n"; close $c }',
      );
      docker('network', 'connect', iccOn, neighbour);
      const addr = (net: string) =>
        docker('inspect', '-f', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`, neighbour);
      expect(await probe(first.proxy, addr(SHARED_EGRESS_NETWORK), 8081)).toMatch(/^refused /);
      // icc filters IPv4: the proxy has no IPv6 to reach a neighbour's link-local address with (none here either).
      expect(docker('exec', first.proxy, 'cat', '/proc/sys/net/ipv6/conf/all/disable_ipv6')).toBe('1');
      // Control: the same probe from a proxy on the icc-on network reaches the same neighbour.
      const second = await proxyRun(['--egress-network', iccOn]);
      try {
        expect(await probe(second.proxy, addr(iccOn), 8081)).toMatch(/^REACHED neighbour/);
      } finally {
        await second.end();
      }
    } finally {
      await first.end();
      for (const undo of [
        ['rm', '-f', neighbour],
        ['network', 'rm', iccOn],
      ]) {
        try {
          docker(...undo);
        } catch {
          /* not made */
        }
      }
    }
  });
});
