/**
 * --network proxy against real containers, by attack. Traffic goes only to this test's own containers (an upstream
 * with HTTP, HTTPS and raw TCP, and a stub DNS server that logs every question) on a test network, and to a
 * listener of this process on the host. Names reach the upstream through --add-host (the proxy's resolver) or
 * through the stub DNS (--egress-dns). Every attack also runs under gVisor (SANDBOX_TEST_ISOLATIONS).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { dnsProbe } from '../../src/sandbox/network.js';
import { docker, startEgressFixtures, type EgressFixtures } from '../helpers/egress-fixtures.js';
import { CLI, engineOrSkip, onPodman, readInProxy, run, sameImage, spawnCli } from '../helpers/engine.js';

jest.setTimeout(120_000);
const { engine, d } = await engineOrSkip();
// Through Podman runsc is refused (sandbox-defaults tests the refusal): the suite runs under runc there.
const isolations = (process.env.SANDBOX_TEST_ISOLATIONS ?? (onPodman ? 'default' : 'default,runsc')).split(
  ',',
);
const tag = `${process.pid}-${Date.now().toString(36)}`;

let fx: EgressFixtures;
let CLIENT: string;
let NET: string;
let src: string;
let proxyImage: string;
let upIp: string;
let dnsIp: string;
let subnet: string;
let gateway: string;
let hostPort: number;
let hostHits: string[];
const dnsQueries = () => fx.dnsQueries();
const upstreamRequests = () => fx.upstreamRequests();

beforeAll(async () => {
  if (!engine) return;
  fx = await startEgressFixtures(engine, tag);
  ({ client: CLIENT, net: NET, src, proxyImage, upIp, dnsIp, subnet, gateway, hostPort, hostHits } = fx);
}, 300_000);

afterAll(() => {
  if (engine) fx?.teardown();
});

interface ProxyInspect {
  Config: { User: string; Image: string };
  HostConfig: {
    ReadonlyRootfs: boolean;
    CapDrop: string[];
    Privileged: boolean;
    Runtime: string;
    SecurityOpt: string[];
  };
  NetworkSettings: { Networks: Record<string, unknown> };
}

/** Options that make up.test reachable: the name listed, mapped to the upstream, its address allowed. */
const reach = () => [
  '--network',
  'proxy',
  '--egress-network',
  NET,
  '--proxy-image',
  proxyImage,
  '--pull',
  'never',
  '--egress-dns',
  dnsIp,
  '--add-host',
  `up.test:${upIp}`,
  '--allow-domain',
  'up.test',
  '--allow-cidr',
  `${upIp}/32`,
  '--source',
  src,
];
const sh = (script: string) => ['sh', '-c', script];

d.each(isolations)('egress through the proxy (isolation %s)', (isolation) => {
  // Under runsc the runtime without --oci-seccomp (--allow-weaker-gvisor): on runsc 20221219 the flag makes clone3
  // and pselect6 fail with EPERM, so git, openssl s_client and nc cannot run (gvisor-seccomp.test.ts shows it).
  // The egress defences do not depend on seccomp inside the sandbox.
  const iso = ['--isolation', isolation, ...(isolation === 'runsc' ? ['--allow-weaker-gvisor'] : [])];

  test('an allowed name works with curl (HTTP and HTTPS) and with git over HTTP(S), using only the proxy variables', async () => {
    const before = upstreamRequests().length;
    const r = await run(
      [...iso, ...reach()],
      sh(`set -e
      curl -sS http://up.test/plain
      curl -sS --cacert /work/ca.pem https://up.test/tls
      cd /tmp && git -c http.sslCAInfo=/work/ca.pem clone -q https://up.test/repo.git viahttps && cat viahttps/README
      git clone -q http://up.test/repo.git viahttp && cat viahttp/README
      env | grep -c -i _proxy=`),
      { image: CLIENT },
    );
    expect(r.stderr).toContain('hello from http /plain');
    expect(r.stderr).toContain('hello from https /tls');
    expect(r.stderr.match(/egress test repository/g)).toHaveLength(2);
    expect(r.code).toBe(0);
    expect(r.result.network).toBe('proxy');
    const up = r.result.egress!.allowed.find((h) => h.host === 'up.test')!;
    expect(up.connections).toBeGreaterThanOrEqual(4);
    expect(up.bytesDown).toBeGreaterThan(1000);
    expect(up.ports.sort()).toEqual([443, 80]);
    expect(upstreamRequests().length).toBeGreaterThan(before);
  });

  test('a name not listed gets 403 and is never resolved (the stub logs nothing)', async () => {
    const name = `notlisted-${isolation}.test`;
    const r = await run(
      [...iso, ...reach()],
      sh(`
      curl -s -o /dev/null -w 'http %{http_code}\\n' http://${name}/
      curl -s -o /dev/null --cacert /work/ca.pem https://${name}/ ; echo "https exit $?"`),
      { image: CLIENT },
    );
    expect(r.stderr).toContain('http 403');
    expect(r.stderr).toMatch(/https exit (56|22)/);
    expect(r.result.egress!.refused).toEqual(
      expect.arrayContaining([expect.objectContaining({ host: name, reason: 'not-allowlisted' })]),
    );
    expect(dnsQueries()).not.toContain(name);
  });

  test('an IP literal in every textual form is refused; a listed name that resolves to a private test address is refused', async () => {
    const [a, b, c, dd] = upIp.split('.').map(Number) as [number, number, number, number];
    const decimal = ((a << 24) >>> 0) + (b << 16) + (c << 8) + dd;
    const hex = `0x${decimal.toString(16)}`;
    const octal = [a, b, c, dd].map((x) => `0${x.toString(8)}`).join('.');
    const forms = [upIp, String(decimal), hex, octal, `[::ffff:${upIp}]`];
    const before = upstreamRequests().length;
    const r = await run(
      [
        ...iso,
        '--network',
        'proxy',
        '--egress-network',
        NET,
        '--proxy-image',
        proxyImage,
        '--pull',
        'never',
        '--egress-dns',
        dnsIp,
        '--allow-domain',
        'rebind.test',
      ],
      // Raw requests through nc: curl would rewrite the numeric forms to a dotted quad before the proxy saw them.
      sh(`P=\${http_proxy#http://}
        ${forms.map((f) => `printf 'GET http://${f}/ HTTP/1.1\\r\\nHost: ${f}\\r\\nConnection: close\\r\\n\\r\\n' | nc -w 3 "\${P%:*}" "\${P##*:}" | head -1 | sed 's|^|${f} |'`).join('\n')}
        curl -s -o /dev/null -w 'rebind %{http_code}\\n' http://rebind.test/`),
      { image: CLIENT },
    );
    for (const f of forms) expect(r.stderr).toContain(`${f} HTTP/1.1 403 Forbidden`);
    expect(r.stderr).toContain('rebind 403');
    // Every form is the same address once read: one refusal entry, counted five times, for that reason.
    expect(r.result.egress!.refused.filter((x) => x.reason === 'ip-literal')).toEqual([
      expect.objectContaining({ host: upIp, port: 80, count: forms.length }),
    ]);
    expect(r.result.egress!.refused).toEqual(
      expect.arrayContaining([expect.objectContaining({ host: 'rebind.test', reason: 'special-address' })]),
    );
    expect(dnsQueries()).toContain('rebind.test'); // it was resolved by the proxy, then refused
    expect(upstreamRequests().length).toBe(before);
  });

  test('a port not listed is refused, and every request on a kept-alive connection is checked', async () => {
    const r = await run(
      [...iso, ...reach()],
      sh(`
      curl -s -o /dev/null -w 'port %{http_code}\\n' http://up.test:9000/
      curl -s -o /dev/null -o /dev/null -w '%{http_code} %{num_connects}\\n' http://up.test/first http://notlisted.test/second`),
      {
        image: CLIENT,
      },
    );
    expect(r.stderr).toContain('port 403');
    // The second request rode the first one's connection (0 new connects) and was still refused.
    expect(r.stderr).toMatch(/200 1\n403 0\n/);
    expect(r.result.egress!.refused.map((x) => x.reason)).toEqual(
      expect.arrayContaining(['port-not-allowed', 'not-allowlisted']),
    );
  });

  test('CONNECT to an allowed name with SNI naming another host is closed before the upstream sees it', async () => {
    const r = await run(
      [...iso, ...reach(), '--add-host', `other.test:${upIp}`],
      sh(`
      P=\${https_proxy#http://}
      echo "mismatch-certs=$(echo | openssl s_client -proxy "$P" -connect up.test:443 -servername other.test -CAfile /work/ca.pem 2>&1 | grep -c 'BEGIN CERTIFICATE')"
      M=$(echo | openssl s_client -proxy "$P" -connect up.test:443 -servername up.test -CAfile /work/ca.pem 2>&1)
      echo "match-certs=$(echo "$M" | grep -c 'BEGIN CERTIFICATE') match-verified=$(echo "$M" | grep -c 'Verify return code: 0')"`),
      { image: CLIENT },
    );
    // The mismatch gets no certificate; the control (same tunnel, matching name) completes a verified handshake.
    expect(r.stderr).toContain('mismatch-certs=0');
    // A certificate arrived, and it verified: openssl prints "Verify return code: 0" alone when it sent nothing at
    // all (seen under gVisor with --oci-seccomp), which would make the control vacuous.
    expect(r.stderr).toMatch(/match-certs=[1-9]\d* match-verified=[1-9]/);
    expect(r.result.egress!.refused).toEqual(
      expect.arrayContaining([expect.objectContaining({ host: 'up.test', reason: 'sni-mismatch' })]),
    );
  });

  test("direct TCP to the upstream, to the proxy's other network and to a host service on 0.0.0.0 all fail", async () => {
    const hits = hostHits.length;
    const prefix = subnet.split('.').slice(0, 3).join('.');
    const r = await run(
      [...iso, ...reach()],
      sh(`
      ok=0
      try() { if nc -z -w 1 "$1" "$2" 2>/dev/null; then echo "REACHED $1:$2"; ok=1; fi; }
      try ${upIp} 80; try ${upIp} 9000
      for i in $(seq 1 6); do try ${prefix}.$i 3128; try ${prefix}.$i 80; done
      GW=$(hostname -i | awk -F. '{print $1"."$2"."$3".1"}')
      try "$GW" ${hostPort}; try ${gateway} ${hostPort}; try 172.17.0.1 ${hostPort}
      echo "done ok=$ok"
      # Control: the same probe reaches the one address there is a route to (the proxy), so "ok=0" means something.
      PX=\${https_proxy#http://}; try "\${PX%:*}" 3128 | sed 's/^REACHED.*/control-reached/'`),
      { image: CLIENT },
    );
    expect(r.stderr).toContain('done ok=0');
    expect(r.stderr).not.toContain('REACHED');
    expect(r.stderr).toContain('control-reached');
    expect(hostHits.length).toBe(hits);
  });

  test('DNS from the sandbox, to its resolver and to the stub server, gets no answer and the stub logs nothing', async () => {
    const name = `exfil-${isolation}.up.test`;
    const r = await run(
      [...iso, ...reach()],
      sh(`
      dig +time=2 +tries=1 +short ${name} ; echo "embedded $?"
      dig +time=2 +tries=1 +short @127.0.0.11 ${name} ; echo "embedded-explicit $?"
      dig +time=2 +tries=1 +short @${dnsIp} ${name} ; echo "stub $?"
      getent hosts up.test ; echo "getent $?"`),
      { image: CLIENT },
    );
    expect(r.stderr).toMatch(/embedded 9/);
    expect(r.stderr).toMatch(/embedded-explicit 9/);
    expect(r.stderr).toMatch(/stub 9/);
    expect(r.stderr).toMatch(/getent 2/);
    expect(dnsQueries().filter((q) => q.startsWith('exfil-'))).toEqual([]);
  });

  test('200 concurrent tunnels complete', async () => {
    const urls = Array.from({ length: 200 }, (_, i) => `https://up.test/n${i}`).join(' ');
    const r = await run(
      [...iso, ...reach(), '--pids', '256'],
      sh(`
      curl -s --parallel --parallel-immediate --parallel-max 200 --cacert /work/ca.pem -o /dev/null -w '%{http_code}\\n' ${urls} | sort | uniq -c`),
      {
        image: CLIENT,
      },
    );
    expect(r.stderr).toMatch(/^\s*200 200$/m);
    expect(r.result.egress!.allowed.find((h) => h.host === 'up.test')!.connections).toBeGreaterThanOrEqual(
      100,
    );
  }, 120_000);

  test('audit mode lets an unlisted host through, refuses a private address outside --allow-cidr, suggests exactly the hosts contacted', async () => {
    const r = await run(
      [
        ...iso,
        '--network',
        'proxy',
        '--egress',
        'audit',
        '--egress-network',
        NET,
        '--proxy-image',
        proxyImage,
        '--pull',
        'never',
        '--egress-dns',
        dnsIp,
        '--allow-cidr',
        `${upIp}/32`,
        '--add-host',
        `private.test:${dnsIp}`,
      ],
      sh(`
        curl -s http://other.test/a; curl -s http://up.test/b
        curl -s -o /dev/null -w 'private %{http_code}\\n' http://private.test/`),
      { image: CLIENT },
    );
    expect(r.stderr).toContain('hello from http /a');
    expect(r.stderr).toContain('hello from http /b');
    expect(r.stderr).toContain('private 403');
    const e = r.result.egress!;
    expect(e.mode).toBe('audit');
    expect(e.suggested!.domains).toEqual(['other.test', 'up.test']);
    expect(e.suggested!.cli).toBe('--allow-domain other.test --allow-domain up.test');
    expect(e.refused).toEqual([expect.objectContaining({ host: 'private.test', reason: 'special-address' })]);
    expect(r.result.loosened.map((l) => l.option)).toContain('--egress audit');
  });

  test('killing the proxy mid-run leaves the sandbox with no egress', async () => {
    const script = `curl -sS http://up.test/before && echo READY
      for i in $(seq 1 60); do curl -s --max-time 1 -o /dev/null http://up.test/probe || break; sleep 0.5; done
      curl -sS --max-time 3 http://up.test/after; echo "after $?"
      nc -z -w 2 ${upIp} 80; echo "direct $?"`;
    const args = [
      'run',
      '--json',
      '--quiet',
      '--image',
      CLIENT,
      ...iso,
      ...reach(),
      '--',
      'sh',
      '-c',
      script,
    ];
    const { child, done } = spawnCli(args);
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        seen += c.toString();
        if (seen.includes('READY')) resolve();
      });
    });
    const hostHitsBefore = hostHits.length;
    const proxies = docker('ps', '-q', '--filter', 'label=sandbox-action.role=proxy')
      .split('\n')
      .filter(Boolean)
      .filter((id) => sameImage(docker('inspect', '-f', '{{.Config.Image}}', id), proxyImage));
    expect(proxies.length).toBeGreaterThanOrEqual(1);
    // The proxy itself runs locked down, on the default runtime, on the internal network and the egress one.
    if (!onPodman) {
      const p = (JSON.parse(docker('inspect', proxies[0]!)) as ProxyInspect[])[0]!;
      expect(p.Config.User).toBe('65532:65532');
      expect(p.HostConfig).toMatchObject({
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        Privileged: false,
        Runtime: 'runc',
      });
      expect(p.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    } else {
      // Podman differs: its inspect lists each dropped capability (not ALL) and names every runtime `oci`; the
      // engine layer reads them back in Docker's terms (the runtime from Podman's own inspect), and the bounding set
      // of the proxy's process is empty.
      const p = await engine!.inspectCreated(proxies[0]!);
      expect(p).toMatchObject({
        user: '65532:65532',
        readOnlyRootfs: true,
        privileged: false,
        runtime: 'runc',
      });
      expect(p.capDrop).toEqual(['ALL']);
      expect(p.capAdd).toEqual([]);
      expect(p.securityOpt).toContain('no-new-privileges'); // Podman's spelling of no-new-privileges:true
      const status = docker('exec', proxies[0]!, ...readInProxy('/proc/1/status'));
      expect(status).toMatch(/^CapBnd:\s+0{16}$/m);
      expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
    }
    const nets = Object.keys(await engine!.containerAddresses(proxies[0]!));
    expect(nets).toHaveLength(2);
    expect(nets).toContain(NET);
    expect(nets.filter((n) => n.endsWith('-int'))).toHaveLength(1);
    // Attacked from inside, as a build that took over the proxy would: it cannot write its root (its own code
    // included), has no capability and no engine socket, and its internal network offers no host address.
    const intNet = nets.find((n) => n.endsWith('-int'))!;
    const intGateway = docker(
      'inspect',
      '-f',
      `{{(index .NetworkSettings.Networks "${intNet}").Gateway}}`,
      proxies[0]!,
    );
    // The proxy image has no shell (it is Node and its libraries): the attack is a Node program of its own.
    const attack = [
      "const fs=require('fs'),net=require('net');",
      "const w=(p)=>{try{fs.appendFileSync(p,'');return 'wrote'}catch(e){return e.code}};",
      "console.log('tmp', w('/tmp/x'));",
      "console.log('code', w('/opt/egress-proxy/proxy.mjs'));",
      "console.log(fs.readFileSync('/proc/self/status','utf8').split('\\n').find(l=>l.startsWith('CapEff:')));",
      "if (fs.existsSync('/var/run/docker.sock')) console.log('SOCKET');",
      `const s=net.connect(${hostPort},'${intGateway}');s.setTimeout(2000);`,
      "s.on('connect',()=>{console.log('host REACHED');process.exit(0)});",
      "s.on('error',e=>{console.log('host',e.code);process.exit(0)});",
      "s.on('timeout',()=>{console.log('host timeout');process.exit(0)});",
    ].join('');
    const inside = docker('exec', proxies[0]!, 'node', '-e', attack);
    expect(inside).toMatch(/^tmp EROFS$/m);
    expect(inside).toMatch(/^code (EROFS|EACCES)$/m);
    expect(inside).toMatch(/CapEff:\s+0000000000000000/);
    expect(inside).not.toContain('SOCKET');
    expect(inside).not.toContain('REACHED');
    expect(inside).toMatch(/^host \S+$/m); // the probe ran, and did not connect
    expect(hostHits.length).toBe(hostHitsBefore);
    // Control: the same image and user without the read-only root writes /tmp.
    expect(
      docker(
        'run',
        '--rm',
        '--user',
        '65532:65532',
        '--entrypoint',
        'node',
        proxyImage,
        '-e',
        "require('fs').appendFileSync('/tmp/x','');console.log('wrote')",
      ),
    ).toBe('wrote');
    for (const id of proxies) docker('kill', id);
    const out = await done;
    expect(out.stderr).toContain('hello from http /before');
    expect(out.stderr).not.toContain('hello from http /after');
    expect(out.stderr).toMatch(/after (7|28|56)/);
    expect(out.stderr).toMatch(/direct 1/);
    const result = JSON.parse(out.stdout.trim().split('\n').pop()!) as {
      egress: { proxyExit: string | null };
    };
    expect(result.egress.proxyExit).toMatch(/the proxy exited with \d+ while the build ran/);
  }, 120_000);
});

d('egress topology controls (the tests above would notice a missing defence)', () => {
  test('control: a container on the upstream network reaches the upstream and the host service', () => {
    const out = docker(
      'run',
      '--rm',
      '--network',
      NET,
      CLIENT,
      'sh',
      '-c',
      `nc -z -w 2 ${upIp} 80 && echo up-ok; nc -z -w 2 ${gateway} ${hostPort} && echo host-ok`,
    );
    expect(out).toContain('up-ok');
    expect(out).toContain('host-ok');
  });

  test('control: on an internal network WITH a host address, a container reaches the host service via the gateway', async () => {
    const n = `sa-test-leaky-${tag}`;
    // Podman differs: its internal networks never give the bridge a host address (CNI's isGateway is off for
    // them, even with --gateway), so the leak is shown on a plain network of its own, which has one.
    docker(
      'network',
      'create',
      ...(onPodman ? [] : ['--internal']),
      '--label',
      'sandbox-action-test=egress',
      n,
    );
    try {
      const gw = (await engine!.inspectNetwork(n))!.gateways[0]!;
      const out = docker(
        'run',
        '--rm',
        '--network',
        n,
        CLIENT,
        'sh',
        '-c',
        `nc -z -w 2 ${gw} ${hostPort} && echo leaked || echo closed`,
      );
      expect(out).toBe('leaked');
    } finally {
      docker('network', 'rm', n);
    }
  });

  test('control: the stub answers a container that uses it, and logs the question', () => {
    const out = docker(
      'run',
      '--rm',
      '--network',
      NET,
      '--dns',
      dnsIp,
      CLIENT,
      'sh',
      '-c',
      'dig +short +time=2 +tries=1 control.up.test; getent hosts up.test',
    );
    expect(out).toContain(upIp);
    expect(dnsQueries()).toContain('up.test');
  });

  test('--network open is a loud, recorded loosening (and really open: the host service answers)', async () => {
    const r = await run(['--network', 'open'], sh(`nc -z -w 2 172.17.0.1 ${hostPort} && echo open-reached`), {
      image: CLIENT,
    });
    expect(r.stderr).toContain('open-reached');
    expect(r.result.network).toBe('open');
    expect(r.result.loosened.map((l) => l.option)).toContain('--network open');
    expect(r.result.notes.join('\n')).toMatch(/OPEN network access/);
  });

  test('the CVE-2024-29018 start-up probe: no answer on the internal network; an answer where DNS works', async () => {
    const labels = {
      'sandbox-action.run': `probe-${tag}`,
      'sandbox-action.created': new Date().toISOString(),
    };
    const internal = await engine!.createNetwork({
      name: `sa-test-probe-${tag}`,
      internal: true,
      enableIPv6: false,
      options: { 'com.docker.network.bridge.inhibit_ipv4': 'true' },
      labels,
    });
    try {
      // The sandbox's settings: the internal network, and a resolver address that answers nothing.
      const sandboxLike = { mode: `sa-test-probe-${tag}`, env: [], dns: [dnsIp] };
      expect(await dnsProbe(engine!, labels, `probe-${tag}`, proxyImage, sandboxLike, 'up.test')).toBe(false);
      // Control: on the test network with the stub as resolver, the same probe gets its answer.
      const open = { mode: NET, env: [], dns: [dnsIp] };
      expect(await dnsProbe(engine!, labels, `probe2-${tag}`, proxyImage, open, 'up.test')).toBe(true);
    } finally {
      await engine!.removeNetwork(internal);
    }
  });

  test('SIGTERM during a proxy run removes the sandbox, the proxy and both networks (exit 143)', async () => {
    const args = [
      'run',
      '--json',
      '--quiet',
      '--image',
      CLIENT,
      ...reach(),
      '--',
      'sh',
      '-c',
      'echo READY; sleep 60',
    ];
    const { child, done } = spawnCli(args);
    let seen = '';
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (c: Buffer) => {
        seen += c.toString();
        if (seen.includes('READY')) resolve();
      }),
    );
    expect(docker('network', 'ls', '-q', '--filter', 'label=sandbox-action.run')).not.toBe('');
    child.kill('SIGTERM');
    const out = await done;
    expect(out.code).toBe(143);
    expect(docker('ps', '-aq', '--filter', 'label=sandbox-action.run')).toBe('');
    expect(docker('network', 'ls', '-q', '--filter', 'label=sandbox-action.run')).toBe('');
  });

  test('nothing of the runs is left behind', () => {
    expect(docker('ps', '-aq', '--filter', 'label=sandbox-action.run')).toBe('');
    expect(docker('network', 'ls', '-q', '--filter', 'label=sandbox-action.run')).toBe('');
  });

  test('the CLI refuses proxy mode with nothing allowed (exit 125, one line, nothing created)', () => {
    let code = 0;
    let err = '';
    try {
      execFileSync(process.execPath, [CLI, 'run', '--image', CLIENT, '--network', 'proxy', '--', 'true'], {
        stdio: 'pipe',
        timeout: 120_000,
      });
    } catch (e) {
      code = (e as { status: number }).status;
      err = String((e as { stderr: Buffer }).stderr);
    }
    expect(code).toBe(125);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/--network: proxy with nothing allowed/);
  });
});
