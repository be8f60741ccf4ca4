/** Egress options, presets, the ledger, the gVisor runtime choice and the CVE-2024-29018 decision: pure tables. */
import { describe, expect, test } from '@jest/globals';
import { readActionInputs } from '../../src/action/inputs.js';
import { loosenedBy, parseRunOptions, type RawOptions } from '../../src/config/run-options.js';
import { parseProxyConfig } from '../../src/egress/config.js';
import { InputError } from '../../src/config/errors.js';
import { Ledger, MAX_REFUSALS } from '../../src/egress/ledger.js';
import { parseDomainRule } from '../../src/egress/policy.js';
import { PRESETS, expandPresets } from '../../src/egress/presets.js';
import type { DecisionRecord } from '../../src/egress/server.js';
import { listenAddress } from '../../src/egress/server.js';
import { plan, proxyEnv } from '../../src/sandbox/plan.js';
import { chooseRunscRuntime } from '../../src/sandbox/gvisor.js';
import {
  engineAffectedByDnsCve,
  needsDnsProbe,
  proxyContainer,
  resolverOnLoopback,
} from '../../src/sandbox/network.js';

const host = { cpus: 2, cwd: '/tmp' };
const parse = (raw: RawOptions) => parseRunOptions({ image: 'img', ...raw }, ['true'], host);

describe('egress options', () => {
  test.each<[string, RawOptions, object]>([
    ['none by default', {}, { network: 'none', egress: null }],
    ['open', { network: 'open' }, { network: 'open', egress: null }],
    [
      'proxy with names and defaults',
      { network: 'proxy', 'allow-domain': ['GitHub.com.', '*.githubusercontent.com'] },
      {
        network: 'proxy',
        egress: expect.objectContaining({
          mode: 'allowlist',
          domains: ['github.com', '*.githubusercontent.com'],
          ports: [443, 80],
          allowCidrs: [],
          hosts: {},
          egressNetwork: null,
          proxyImage: null,
          proxyBaseImage: null,
          maxBytes: null,
        }),
      },
    ],
    [
      'a preset expands (lean includes github), repeats removed',
      { network: 'proxy', 'allow-preset': ['lean'], 'allow-domain': ['github.com'] },
      {
        egress: expect.objectContaining({
          domains: expect.arrayContaining([
            'github.com',
            'lakecache.blob.core.windows.net',
            'mathlib4.lean-cache.cloud',
          ]),
          presets: ['lean'],
        }),
      },
    ],
    [
      'cidrs, ports, hosts, dns, network, cap',
      {
        network: 'proxy',
        'allow-cidr': ['10.1.0.0/16'],
        'allow-port': ['8443'],
        'add-host': ['mirror.test:10.1.2.3', 'mirror.test:10.1.2.4'],
        'egress-dns': ['10.1.0.53'],
        'egress-network': 'my-net',
        'egress-max-bytes': '1g',
        'proxy-image': 'ghcr.io/org/egress-proxy:1',
      },
      {
        egress: expect.objectContaining({
          allowCidrs: ['10.1.0.0/16'],
          ports: [8443],
          hosts: { 'mirror.test': ['10.1.2.3', '10.1.2.4'] },
          dnsServers: ['10.1.0.53'],
          egressNetwork: 'my-net',
          maxBytes: 1024 ** 3,
          proxyImage: 'ghcr.io/org/egress-proxy:1',
        }),
      },
    ],
    [
      'transparent: allowlist mode, with the proxy also answering DNS',
      { network: 'proxy', egress: 'transparent', 'allow-domain': ['github.com'] },
      { egress: expect.objectContaining({ mode: 'allowlist', transparent: true, ports: [443, 80] }) },
    ],
    [
      'without --egress transparent the proxy answers no DNS (and 53 is an ordinary port)',
      { network: 'proxy', 'allow-domain': ['github.com'], 'allow-port': ['53'] },
      { egress: expect.objectContaining({ mode: 'allowlist', transparent: false, ports: [53] }) },
    ],
    [
      'audit needs no list',
      { network: 'proxy', egress: 'audit' },
      { egress: expect.objectContaining({ mode: 'audit', domains: [] }) },
    ],
  ])('%s', (_, raw, want) => expect(parse(raw)).toMatchObject(want));

  test.each<[RawOptions, RegExp]>([
    [{ network: 'vpn' }, /^--network: 'vpn' is not one of none, proxy, open$/],
    [{ 'allow-domain': ['github.com'] }, /^--allow-domain: needs --network proxy \(the network is none\)$/],
    [{ network: 'open', 'allow-preset': ['github'] }, /^--allow-preset: needs --network proxy/],
    [{ network: 'proxy' }, /^--network: proxy with nothing allowed: add --allow-domain/],
    [
      { network: 'proxy', 'allow-domain': ['http://github.com'] },
      /^--allow-domain: 'http:\/\/github.com' is not a host name/,
    ],
    [{ network: 'proxy', 'allow-domain': ['*.com*'] }, /^--allow-domain: /],
    [{ network: 'proxy', 'allow-domain': ['10.0.0.1'] }, /^--allow-domain: '10.0.0.1' is not a host name/],
    [
      { network: 'proxy', 'allow-preset': ['gitlab'] },
      /^--allow-preset: 'gitlab' is not a preset; the presets are github, lean/,
    ],
    [{ network: 'proxy', 'allow-cidr': ['10.0.0.0/33'] }, /^--allow-cidr: '10.0.0.0\/33' is not a CIDR/],
    [{ network: 'proxy', egress: 'audit', 'allow-port': ['0'] }, /^--allow-port: /],
    [{ network: 'proxy', egress: 'audit', 'allow-port': ['70000'] }, /^--allow-port: /],
    [
      { network: 'proxy', egress: 'audit', 'add-host': ['mirror.test'] },
      /^--add-host: 'mirror.test' is not NAME:IP/,
    ],
    [{ network: 'proxy', egress: 'audit', 'add-host': ['10.0.0.1:mirror.test'] }, /^--add-host: /],
    [
      { network: 'proxy', egress: 'audit', 'egress-dns': ['dns.google'] },
      /^--egress-dns: 'dns.google' is not an IP address$/,
    ],
    [
      { network: 'proxy', egress: 'audit', 'egress-network': 'host' },
      /^--egress-network: 'host' is not the name of a bridge network$/,
    ],
    [{ network: 'proxy', egress: 'audit', 'egress-max-bytes': 'lots' }, /^--egress-max-bytes: /],
    [{ network: 'proxy', egress: 'audit', 'proxy-image': '-x' }, /^--proxy-image: /],
    [{ network: 'proxy', egress: 'open' }, /^--egress: 'open' is not one of allowlist, transparent, audit$/],
    [{ egress: 'transparent' }, /^--egress: needs --network proxy \(the network is none\)$/],
    [{ network: 'open', egress: 'transparent' }, /^--egress: needs --network proxy \(the network is open\)$/],
    [
      { network: 'proxy', egress: 'transparent', 'allow-domain': ['a.test'], 'allow-port': ['443', '53'] },
      /^--allow-port: 53 is the proxy's own DNS port under --egress transparent; list other ports$/,
    ],
    [
      { network: 'proxy', egress: 'transparent', 'allow-domain': ['a.test'], 'allow-port': ['3128'] },
      /^--allow-port: 3128 is the proxy's own proxy port under --egress transparent/,
    ],
    [{ network: 'proxy', egress: 'transparent' }, /^--network: proxy with nothing allowed/],
  ])('%j is refused with one line naming the option', (raw, re) => {
    expect(() => parse(raw)).toThrow(re);
  });

  test('open network and audit mode are recorded as loosened', () => {
    expect(loosenedBy(parse({ network: 'open' }))).toEqual([
      { option: '--network open', effect: 'the build has unrestricted network access' },
    ]);
    expect(loosenedBy(parse({ network: 'proxy', egress: 'audit' })).map((l) => l.option)).toEqual([
      '--egress audit',
    ]);
    expect(loosenedBy(parse({ network: 'proxy', 'allow-preset': ['github'] }))).toEqual([]);
  });

  test('action inputs: lists may be comma- or space-separated', () => {
    const env = {
      INPUT_RUN: 'x',
      INPUT_IMAGE: 'img',
      INPUT_NETWORK: 'proxy',
      'INPUT_ALLOW-DOMAINS': 'github.com, *.githubusercontent.com\napi.github.com',
      'INPUT_ALLOW-PRESET': 'lean',
      'INPUT_ALLOW-CIDRS': '10.0.0.0/8 192.168.0.0/16',
    };
    const r = readActionInputs(env);
    expect(r.options['allow-domain']).toEqual(['github.com', '*.githubusercontent.com', 'api.github.com']);
    expect(r.options['allow-cidr']).toEqual(['10.0.0.0/8', '192.168.0.0/16']);
    expect(parseRunOptions(r.options, r.command, host).egress?.presets).toEqual(['lean']);
  });
});

describe('presets (data files)', () => {
  test.each(Object.keys(PRESETS))('%s: every name is a valid rule and every include exists', (name) => {
    const p = PRESETS[name]!;
    expect(p.description.length).toBeGreaterThan(10);
    for (const d of p.domains) expect(() => parseDomainRule(d)).not.toThrow();
    for (const i of p.includes) expect(PRESETS[i]).toBeDefined();
    expect(expandPresets([name]).length).toBeGreaterThanOrEqual(p.domains.length);
  });

  test("github is exactly the issue's list; lean is github plus the toolchain and Mathlib cache hosts", () => {
    expect(expandPresets(['github'])).toEqual([
      'github.com',
      'api.github.com',
      'codeload.github.com',
      'objects.githubusercontent.com',
      'raw.githubusercontent.com',
      'release-assets.githubusercontent.com',
    ]);
    const lean = expandPresets(['lean']);
    expect(lean.slice(0, 6)).toEqual(expandPresets(['github']));
    expect(lean).toEqual(
      expect.arrayContaining([
        'lakecache.blob.core.windows.net',
        'mathlib4.lean-cache.cloud',
        'release.lean-lang.org',
      ]),
    );
  });
});

describe('ledger', () => {
  const rec = (o: Partial<DecisionRecord>): DecisionRecord => ({
    time: '2026-01-01T00:00:00.000Z',
    kind: 'connect',
    host: 'github.com',
    port: 443,
    address: '140.82.112.3',
    decision: 'allow',
    reason: 'allowed',
    bytesUp: 10,
    bytesDown: 100,
    durationMs: 5,
    ...o,
  });

  test('folds connections and bytes per host and refusals per host, port and reason', () => {
    const l = new Ledger('allowlist', ['github.com']);
    l.add(rec({}));
    l.add(rec({ bytesUp: 1, bytesDown: 2 }));
    l.add(
      rec({
        decision: 'deny',
        host: 'evil.test',
        reason: 'not-allowlisted',
        detail: 'x',
        bytesUp: 0,
        bytesDown: 0,
      }),
    );
    l.add(rec({ decision: 'deny', host: 'evil.test', reason: 'not-allowlisted', bytesUp: 0, bytesDown: 0 }));
    expect(l.addLine('not json')).toBeNull();
    expect(l.addLine('{"event":"listening"}')).toBeNull();
    expect(l.addLine(JSON.stringify(rec({ host: 'api.github.com', kind: 'http', port: 80 })))).not.toBeNull();
    const r = l.report();
    expect(r.allowed).toEqual([
      { host: 'api.github.com', ports: [80], connections: 1, bytesUp: 10, bytesDown: 100, errors: 0 },
      { host: 'github.com', ports: [443], connections: 2, bytesUp: 11, bytesDown: 102, errors: 0 },
    ]);
    expect(r.refused).toEqual([
      { host: 'evil.test', port: 443, reason: 'not-allowlisted', detail: 'x', count: 2 },
    ]);
    expect(r).toMatchObject({
      refusedTotal: 2,
      bytesUp: 21,
      bytesDown: 202,
      suggested: null,
      truncated: false,
    });
  });

  test('audit mode suggests exactly the hosts that were reached', () => {
    const l = new Ledger('audit', []);
    l.add(rec({ host: 'pypi.org' }));
    l.add(rec({ host: 'files.pythonhosted.org' }));
    l.add(rec({ host: 'down.test', error: 'upstream: ECONNREFUSED' }));
    l.add(rec({ host: '10.0.0.1', decision: 'deny', reason: 'special-address' }));
    expect(l.report().suggested).toEqual({
      domains: ['files.pythonhosted.org', 'pypi.org'],
      cli: '--allow-domain files.pythonhosted.org --allow-domain pypi.org',
      actionInput: 'allow-domains: files.pythonhosted.org,pypi.org',
    });
  });

  test('memory stays bounded whatever the build asks', () => {
    const l = new Ledger('allowlist', []);
    for (let i = 0; i < MAX_REFUSALS + 100; i++) {
      l.add(rec({ decision: 'deny', host: `h${i}.test`, reason: 'not-allowlisted' }));
    }
    const r = l.report();
    expect(r.refused).toHaveLength(MAX_REFUSALS);
    expect(r.refusedTotal).toBe(MAX_REFUSALS + 100);
    expect(r.truncated).toBe(true);
  });
});

describe('gVisor runtime choice', () => {
  const S = '--oci-seccomp';
  const debian = [
    { name: 'runc', args: [] },
    { name: 'runsc', args: ['--network=none', S] },
    { name: 'runsc-host', args: ['--network=host', S] },
  ];
  const noSeccomp =
    /run without --oci-seccomp, so gVisor would apply no seccomp filter inside the sandbox; add "--oci-seccomp" to their "runtimeArgs"/;
  test.each<[string, { name: string; args: string[] }[], boolean, object]>([
    ['no network: the --network=none runtime', debian, false, { runtime: 'runsc' }],
    ['on a network: the --network=host runtime', debian, true, { runtime: 'runsc-host' }],
    [
      'a newer runsc without a network argument serves both',
      [{ name: 'runsc', args: [S] }],
      true,
      { runtime: 'runsc' },
    ],
    ['newer runsc, no network', [{ name: 'runsc', args: [S] }], false, { runtime: 'runsc' }],
    [
      '-oci-seccomp and =true are the same flag',
      [{ name: 'runsc', args: ['-oci-seccomp=true'] }],
      false,
      { runtime: 'runsc' },
    ],
    [
      'only --network=none and a network is wanted: an error that says what to register',
      [{ name: 'runsc', args: ['--network=none', S] }],
      true,
      {
        error: expect.stringMatching(
          /register one with "runtimeArgs": \["--network=host", "--oci-seccomp"\]/,
        ),
      },
    ],
    [
      'no runsc at all',
      [{ name: 'runc', args: [] }],
      false,
      { error: expect.stringMatching(/has no runsc runtime \(it has runc\); register gVisor/) },
    ],
    [
      "Debian's runtimes without --oci-seccomp are refused (no network)",
      [
        { name: 'runsc', args: ['--network=none'] },
        { name: 'runsc-host', args: ['--network=host'] },
      ],
      false,
      { error: expect.stringMatching(noSeccomp) },
    ],
    [
      "Debian's runtimes without --oci-seccomp are refused (on a network)",
      [
        { name: 'runsc', args: ['--network=none'] },
        { name: 'runsc-host', args: ['--network=host'] },
      ],
      true,
      { error: expect.stringMatching(noSeccomp) },
    ],
    [
      '--oci-seccomp=false is not the flag',
      [{ name: 'runsc', args: ['--oci-seccomp=false'] }],
      false,
      { error: expect.stringMatching(noSeccomp) },
    ],
    [
      'a runtime without it is passed over for one with it, whatever their order',
      [
        { name: 'runsc', args: ['--network=none'] },
        { name: 'runsc-safe', args: ['--network=none', S] },
      ],
      false,
      { runtime: 'runsc-safe' },
    ],
    [
      'on a network: the --network=host runtime without it is passed over; the one with it and no network argument is taken',
      [
        { name: 'runsc-host', args: ['--network=host'] },
        { name: 'runsc', args: [S] },
      ],
      true,
      { runtime: 'runsc' },
    ],
    [
      'a runtime whose name does not start with runsc is never considered',
      [
        { name: 'sa-test-runsc-no-seccomp', args: ['--network=none'] },
        { name: 'runsc', args: ['--network=none', S] },
      ],
      false,
      { runtime: 'runsc' },
    ],
  ])('%s', (_, rts, networked, want) => expect(chooseRunscRuntime(rts, networked)).toEqual(want));

  // This engine's registration (scripts/engine-up.sh): both kinds, so --allow-weaker-gvisor has one to take.
  const both = [
    { name: 'runc', args: [] },
    { name: 'runsc', args: ['--network=none'] },
    { name: 'runsc-host', args: ['--network=host'] },
    { name: 'runsc-seccomp', args: ['--network=none', S] },
    { name: 'runsc-seccomp-host', args: ['--network=host', S] },
  ];
  test.each<[string, { name: string; args: string[] }[], boolean, boolean, object]>([
    ['both kinds, no network: the --oci-seccomp one', both, false, false, { runtime: 'runsc-seccomp' }],
    ['both kinds, on a network: the --oci-seccomp one', both, true, false, { runtime: 'runsc-seccomp-host' }],
    ['--allow-weaker-gvisor, no network: the one without', both, false, true, { runtime: 'runsc' }],
    ['--allow-weaker-gvisor, on a network: the one without', both, true, true, { runtime: 'runsc-host' }],
    [
      '--allow-weaker-gvisor with only --oci-seccomp runtimes: those',
      debian,
      true,
      true,
      { runtime: 'runsc-host' },
    ],
    [
      '--allow-weaker-gvisor with only runtimes without it: accepted',
      [{ name: 'runsc', args: ['--network=none'] }],
      false,
      true,
      { runtime: 'runsc' },
    ],
  ])('%s', (_, rts, networked, weaker, want) =>
    expect(chooseRunscRuntime(rts, networked, weaker)).toEqual(want),
  );

  test('--allow-weaker-gvisor needs --isolation runsc, and is a recorded loosening', () => {
    expect(() => parse({ 'allow-weaker-gvisor': true })).toThrow(
      /^--allow-weaker-gvisor: needs --isolation runsc$/,
    );
    expect(loosenedBy(parse({ isolation: 'runsc', 'allow-weaker-gvisor': true }))).toEqual([
      {
        option: '--allow-weaker-gvisor',
        effect: 'gVisor may run without --oci-seccomp: no seccomp filter inside the sandbox',
      },
    ]);
  });

  test('the refusal is one line', () => {
    const r = chooseRunscRuntime([{ name: 'runsc', args: [] }], false);
    expect('error' in r && r.error.split('\n')).toHaveLength(1);
  });
});

describe('CVE-2024-29018', () => {
  test.each([
    ['docker', '20.10.24+dfsg1', true],
    ['docker', '23.0.10', true],
    ['docker', '23.0.11', false],
    ['docker', '24.0.9', true],
    ['docker', '25.0.3', true],
    ['docker', '25.0.4', false],
    ['docker', '26.0.0', false],
    ['docker', '28.2.2', false],
    ['docker', 'weird', true],
    ['podman', '4.3.1', false],
  ])('%s %s affected: %s', (name, version, want) => expect(engineAffectedByDnsCve(name, version)).toBe(want));

  test.each<[string | null, boolean | null]>([
    ['nameserver 127.0.0.53\n', true],
    ['nameserver 10.255.255.53\n', false],
    ['# c\nnameserver 10.0.0.2\nnameserver ::1\n', true],
    ['search x\n', true],
    [null, null],
  ])('resolv.conf %j on loopback: %s', (text, want) => expect(resolverOnLoopback(text)).toBe(want));

  test('the probe runs only for an affected engine whose resolver is (or may be) on loopback', () => {
    expect(needsDnsProbe('docker', '20.10.24', true)).toBe(true);
    expect(needsDnsProbe('docker', '20.10.24', null)).toBe(true);
    expect(needsDnsProbe('docker', '20.10.24', false)).toBe(false);
    expect(needsDnsProbe('docker', '27.0.1', true)).toBe(false);
  });
});

describe('proxy and sandbox containers', () => {
  test('the proxy runs locked down on the default runtime', () => {
    const c = proxyContainer(
      { 'sandbox-action.run': 'r' },
      'r',
      'proxy:1',
      'egress-net',
      parseProxyConfigText(),
    );
    expect(c).toMatchObject({
      user: '65532:65532',
      readOnlyRootfs: true,
      capDrop: ['ALL'],
      capAdd: [],
      securityOpt: ['no-new-privileges:true'],
      privileged: false,
      networkMode: 'egress-net',
    });
    expect(c.runtime).toBeUndefined();
    expect(c.labels['sandbox-action.role']).toBe('proxy');
  });

  test('a sandbox on the proxy network gets the proxy variables, the proxy as resolver, and its network only', () => {
    const spec = parse({ network: 'proxy', 'allow-preset': ['github'] });
    const p = plan(spec, {
      runId: 'r',
      createdAt: new Date(0),
      uid: 1000,
      gid: 1000,
      runtimes: [],
      network: { mode: 'sandbox-action-r-int', env: proxyEnv('172.20.0.2', 3128), dns: ['172.20.0.2'] },
    });
    expect(p.container.networkMode).toBe('sandbox-action-r-int');
    expect(p.container.dns).toEqual(['172.20.0.2']);
    expect(p.container.env).toEqual(
      expect.arrayContaining([
        'HTTP_PROXY=http://172.20.0.2:3128',
        'HTTPS_PROXY=http://172.20.0.2:3128',
        'http_proxy=http://172.20.0.2:3128',
        'https_proxy=http://172.20.0.2:3128',
        'NO_PROXY=localhost,127.0.0.1,::1',
      ]),
    );
    expect(
      plan(parse({}), { runId: 'r', createdAt: new Date(0), uid: 1, gid: 1, runtimes: [] }).container
        .networkMode,
    ).toBe('none');
  });

  test('the proxy listens only on its address in the internal subnet', () => {
    const ifs = {
      lo: [{ address: '127.0.0.1', family: 'IPv4' }],
      eth0: [{ address: '172.18.0.5', family: 'IPv4' }],
      eth1: [{ address: '172.20.0.2', family: 'IPv4' }],
    };
    expect(listenAddress('172.20.0.0/16', ifs)).toBe('172.20.0.2');
    expect(listenAddress(null, ifs)).toBe('0.0.0.0');
    expect(() => listenAddress('10.9.0.0/16', ifs)).toThrow(/no interface of the proxy is in 10.9.0.0\/16/);
  });

  test('the proxy configuration round-trips and is checked', () => {
    expect(parseProxyConfig(JSON.stringify(parseProxyConfigText())).policy.domains).toEqual([
      { kind: 'exact', name: 'github.com' },
    ]);
    expect(() => parseProxyConfig('{')).toThrow(/is not JSON/);
    expect(() => parseProxyConfig(JSON.stringify({ ...parseProxyConfigText(), mode: 'open' }))).toThrow(
      /mode/,
    );
    expect(() =>
      parseProxyConfig(JSON.stringify({ ...parseProxyConfigText(), hosts: { a: ['x'] } })),
    ).toThrow(/not an IP/);
  });

  test.each([[null], ['x'], [[1]], [7]])(
    'a secret route that is not an object (%j) is refused as bad configuration, naming its index',
    (route) => {
      const text = JSON.stringify({ ...parseProxyConfigText(), routes: [route] });
      expect(() => parseProxyConfig(text)).toThrow(InputError);
      expect(() => parseProxyConfig(text)).toThrow(/routes\[0\] is not an object/);
    },
  );
});

function parseProxyConfigText() {
  return {
    mode: 'allowlist' as const,
    domains: ['github.com'],
    ports: [443],
    allowCidrs: [],
    hosts: {},
    dnsServers: [],
    listenSubnet: '172.20.0.0/16',
    transparent: false,
    port: 3128,
    maxHeaderBytes: 16384,
    maxConnections: 512,
    idleTimeoutMs: 120000,
    maxTotalBytes: null,
  };
}

describe('run presets (presets/*.json)', () => {
  test.each([
    [
      'python-tests',
      {},
      {
        image: { ref: 'ghcr.io/org/sandbox-action/python-sandbox:latest', entrypoint: 'python' },
        // Isolated mode, no bytecode, no cache plugin; the trusted arguments are added when the run is prepared.
        command: [
          '-I',
          '-B',
          '/sandbox-action/pytest/run.py',
          '/output/junit.xml',
          '--',
          '-p',
          'no:cacheprovider',
          '-q',
        ],
        env: ['PYTEST_DISABLE_PLUGIN_AUTOLOAD=1'],
        network: 'none',
        verdict: { annotate: null, declared: ['junit.xml'], junit: { file: 'junit.xml' }, expectDir: null },
        limits: { timeoutMs: 20 * 60_000 },
      },
    ],
    [
      'lean-proof',
      { 'images-registry': 'ghcr.io/me/imgs' },
      {
        image: { ref: 'ghcr.io/me/imgs/lean:latest', entrypoint: 'sh' },
        // The build only advises and has no network; comparator decides (docs/lean-audit.md). The cache comes first,
        // in a setup phase through the proxy.
        command: ['-c', 'lake build'],
        network: 'none',
        phases: { setup: { command: expect.stringContaining('lake exe cache get'), network: 'proxy' } },
        verdict: { annotate: { parser: 'lean' } },
        limits: { memoryBytes: 8 * 1024 ** 3 },
      },
    ],
    [
      'lean4',
      { image: 'mine:1', timeout: '3h' },
      {
        image: { ref: 'mine:1', entrypoint: 'sh' },
        network: 'none',
        verdict: { annotate: { parser: 'gcc' } },
        limits: { timeoutMs: 3 * 3600_000 },
        env: ['CCACHE_DIR=/state/ccache'],
      },
    ],
  ])('%s fills what is not given; explicit options win', (preset, extra, want) => {
    const s = parseRunOptions({ preset, 'output-dir': '/tmp/o', ...extra }, [], host);
    expect(s).toMatchObject({ ...want, preset });
    // lean-proof: the allowlist is the setup phase's (the cache fetch); the build itself has no network.
    if (preset === 'lean-proof') {
      expect(s.network).toBe('none');
      expect(s.egress?.presets).toEqual(['lean']);
    }
  });

  test("python-tests: a caller's --env never drops the preset's PYTEST_DISABLE_PLUGIN_AUTOLOAD", () => {
    const s = parseRunOptions({ preset: 'python-tests', 'output-dir': '/o', env: ['A=1'] }, [], host);
    expect(s.env).toEqual(['A=1', 'PYTEST_DISABLE_PLUGIN_AUTOLOAD=1']);
  });

  test("python-tests: --tests makes the tests trusted; without it, the source's own (and says so)", () => {
    const trusted = parseRunOptions(
      { preset: 'python-tests', 'output-dir': '/o', source: 'pr', tests: 'base' },
      [],
      host,
    );
    expect(trusted.verdict.tests).toEqual({
      dir: '/tmp/base',
      paths: ['tests'],
      trusted: true,
      runner: 'pytest',
    });
    const own = parseRunOptions({ preset: 'python-tests', 'output-dir': '/o', source: 'pr' }, [], host);
    expect(own.verdict.tests).toEqual({ dir: '/tmp/pr', paths: ['tests'], trusted: false, runner: 'pytest' });
    // A caller's own command replaces the preset's runner: nothing is added to it.
    const mine = parseRunOptions(
      { preset: 'python-tests', 'output-dir': '/o', source: 'pr', tests: 'base' },
      ['-c', 'x'],
      host,
    );
    expect(mine.verdict.tests).toMatchObject({ trusted: true, runner: null });
  });

  test("a command after -- replaces the preset's; an unknown preset is one line", () => {
    expect(
      parseRunOptions({ preset: 'python-tests', 'output-dir': '/o' }, ['-m', 'pytest', '-x'], host).command,
    ).toEqual(['-m', 'pytest', '-x']);
    expect(() => parseRunOptions({ preset: 'rust' }, [], host)).toThrow(
      /^--preset: 'rust' is not a preset; the presets are python-tests, lean-proof, lean4, agent$/,
    );
    expect(() => parseRunOptions({ image: 'i', entrypoint: 'sh -c' }, ['x'], host)).toThrow(
      /^--entrypoint: /,
    );
  });
});
