/**
 * The sandbox's network, per mode:
 * - none: no interface but loopback.
 * - open: the engine's default bridge (a loosening, said loudly).
 * - proxy: a per-run internal network whose bridge has no host address (inhibit_ipv4), the proxy container on it
 *   and on an egress network, and the sandbox on the internal network only, with the proxy's address in its
 *   proxy variables and as its only resolver. The proxy answers no DNS, except under --egress transparent, where
 *   it answers listed names with its own address (NXDOMAIN otherwise) and listens on every allowed port. If the
 *   proxy stops, nothing leaves.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import semver from 'semver';
import { EngineError, InputError, errorMessage } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import { CONFIG_ENV, PROXY_DEFAULTS, type ProxyConfigText, type ProxyRoute } from '../egress/config.js';
import { routeEnv, routeSecrets } from '../config/secret-routes.js';
import { ensureProxyImage } from '../egress/image.js';
import { Ledger } from '../egress/ledger.js';
import { HOST_GUARD_NOTE, egressBridgeName, hostGuardRule, orphanGuards } from './host-guard.js';
import type { ContainerSpec, Engine, Labels } from '../engine/types.js';
import { LineBuffer } from '../engine/http.js';
import { LABEL_ROLE, NPROC_ULIMIT, proxyEnv, type SandboxNetwork } from './plan.js';

export interface NetworkSetup {
  network: SandboxNetwork;
  /** Proxy mode: the decisions so far. */
  ledger: Ledger | null;
  proxyContainer: string | null;
  /** The internal network's gateway addresses (proxy mode): engines before Docker 25 route to them by default. */
  gateways: string[];
  /** Stop the proxy and wait for its last decision lines (proxy mode; otherwise nothing). */
  stop(): Promise<void>;
}

export interface NetworkDeps {
  engine: Engine;
  labels: Labels;
  runId: string;
  addCleanup(what: string, fn: () => Promise<void>): void;
  notice(line: string): void;
  notes: string[];
  /** The host's resolver configuration, when the engine is local (for the CVE-2024-29018 check). */
  readResolvConf?: () => Promise<string | null>;
  /** The trusted side's environment: where a --secret-route's value comes from (never the sandbox's). */
  env?: Record<string, string | undefined>;
  /** Run a privileged tool on the host (iptables, for the egress network's host guard: host-guard.ts). */
  privileged?: (cmd: string, args: string[]) => Promise<string>;
}

const PROXY_START_TIMEOUT_MS = 30_000;
const PROXY_STOP_GRACE_MS = 5_000;
/** A name only the public DNS knows: the start-up probe asks for it. */
export const DNS_PROBE_NAME = 'github.com';

const NONE: NetworkSetup = {
  network: { mode: 'none', env: [], dns: [] },
  ledger: null,
  proxyContainer: null,
  gateways: [],
  stop: async () => undefined,
};

/**
 * CVE-2024-29018: Docker before 26.0.0 (25.0.4 in 25.x, 23.0.11 in 23.x) forwarded the DNS queries of containers
 * on internal networks from the host's namespace when the host's resolver is on loopback.
 */
export function engineAffectedByDnsCve(name: string, version: string): boolean {
  if (name !== 'docker') return false;
  const v = semver.coerce(version);
  if (!v) return true;
  if (v.major >= 26) return false;
  if (v.major === 25) return semver.lt(v, '25.0.4');
  if (v.major === 23) return semver.lt(v, '23.0.11');
  return true;
}

/** Does this resolv.conf send queries to a loopback address? null when unknown. */
export function resolverOnLoopback(resolvConf: string | null): boolean | null {
  if (resolvConf === null) return null;
  const servers = [...resolvConf.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1]!);
  if (servers.length === 0) return true; // no nameserver line: the resolver library uses 127.0.0.1
  return servers.some((s) => s.startsWith('127.') || s === '::1');
}

/** Whether proxy mode needs the start-up DNS probe (and is refused if the probe resolves). */
export function needsDnsProbe(engineName: string, version: string, loopback: boolean | null): boolean {
  return engineAffectedByDnsCve(engineName, version) && loopback !== false;
}

async function hostResolvConf(): Promise<string | null> {
  // systemd-resolved's stub on 127.0.0.53: Docker reads the real servers from its other file.
  const main = await fsp.readFile('/etc/resolv.conf', 'utf8').catch(() => null);
  if (main && /nameserver\s+127\.0\.0\.53/.test(main)) {
    const real = await fsp.readFile('/run/systemd/resolve/resolv.conf', 'utf8').catch(() => null);
    return real ?? main;
  }
  return main;
}

/** The proxy container: the default runtime, non-root, read-only, no capabilities, bounded. */
export function proxyContainer(
  labels: Labels,
  runId: string,
  image: string,
  egressNetwork: string,
  config: ProxyConfigText,
): ContainerSpec {
  const memory = 256 * 1024 * 1024;
  return {
    // Transparent mode listens on 53, 80 and 443 as uid 65532 without capabilities: the low ports are opened
    // in the proxy's own network namespace (Docker's default already; said here so it never depends on it).
    ...(config.transparent ? { sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' } } : {}),
    name: `sandbox-action-${runId}-proxy`,
    image,
    cmd: [],
    user: '65532:65532',
    workingDir: '/',
    env: [`${CONFIG_ENV}=${JSON.stringify(config)}`],
    labels: { ...labels, [LABEL_ROLE]: 'proxy' },
    mounts: [],
    readOnlyRootfs: true,
    capDrop: ['ALL'],
    capAdd: [],
    securityOpt: ['no-new-privileges:true'],
    init: true,
    privileged: false,
    networkMode: egressNetwork,
    memoryBytes: memory,
    memorySwapBytes: memory,
    nanoCpus: 1e9,
    pidsLimit: 64,
    ulimits: [{ name: 'nofile', soft: 16384, hard: 16384 }, NPROC_ULIMIT, { name: 'core', soft: 0, hard: 0 }],
    logDriver: { type: 'none', config: {} },
    hostname: 'egress-proxy',
    tty: false,
  };
}

export async function setupNetwork(spec: RunSpec, deps: NetworkDeps): Promise<NetworkSetup> {
  if (spec.network === 'none') return NONE;
  if (spec.network === 'open') {
    deps.notice(
      'WARNING: --network open: the build has unrestricted network access (no proxy, no allowlist)',
    );
    deps.notes.push(
      'the run had OPEN network access (--network open): nothing restricted where it connected',
    );
    return { ...NONE, network: { mode: 'bridge', env: [], dns: [] } };
  }
  const egress = spec.egress!;
  const { engine, labels, runId } = deps;
  const base = `sandbox-action-${runId}`;
  // Secrets and their certificate authorities first: a missing one is bad input, before anything is made.
  const secrets = routeSecrets(egress.routes, deps.env ?? {});
  const routes: ProxyRoute[] = [];
  for (const r of egress.routes) {
    let ca: string | null = null;
    if (r.caFile) {
      ca = await fsp.readFile(r.caFile, 'utf8').catch(() => {
        throw new InputError('--secret-route', `'${r.name}': ca=${r.caFile} cannot be read`);
      });
    }
    routes.push({ name: r.name, host: r.host, port: r.port, header: r.header, value: secrets[r.name]!, ca });
  }

  // The outside first, so that a bad --egress-network fails before anything is created.
  let egressNetwork: string;
  if (egress.egressNetwork) {
    const n = await engine.inspectNetwork(egress.egressNetwork);
    if (!n)
      throw new InputError('--egress-network', `'${egress.egressNetwork}' is not a network of this engine`);
    if (n.internal) {
      throw new InputError(
        '--egress-network',
        `'${egress.egressNetwork}' is internal: the proxy could reach nothing`,
      );
    }
    egressNetwork = n.name;
  } else egressNetwork = `${base}-egress`;
  // The image and both networks at once. All settle before any failure is thrown, so that whatever was made has
  // its cleanup registered before the run's cleanup runs.
  const internalName = `${base}-int`;
  const guarded =
    !egress.egressNetwork && engine.info.name === 'docker' && engine.info.local && !!deps.privileged;
  const bridge = egressBridgeName(runId);
  const made = await Promise.allSettled([
    ensureProxyImage(engine, egress, spec.image.pull, deps.notice),
    engine.createNetwork({
      name: internalName,
      internal: true,
      enableIPv6: false,
      // No host address on the bridge: without it a sandbox reaches every host service on 0.0.0.0 via the gateway.
      options: { 'com.docker.network.bridge.inhibit_ipv4': 'true' },
      labels: { ...labels, [LABEL_ROLE]: 'internal' },
    }),
    egress.egressNetwork
      ? Promise.resolve(null)
      : engine.createNetwork({
          name: egressNetwork,
          internal: false,
          enableIPv6: false,
          // A bridge of a known name, so the host guard can name it.
          options: guarded ? { 'com.docker.network.bridge.name': bridge } : {},
          labels: { ...labels, [LABEL_ROLE]: 'egress' },
        }),
  ]);
  const [imageMade, internalMade, egressMade] = made;
  if (internalMade.status === 'fulfilled') {
    const id = internalMade.value;
    deps.addCleanup('remove the internal network', () => engine.removeNetwork(id));
  }
  if (egressMade.status === 'fulfilled' && egressMade.value !== null) {
    const id = egressMade.value;
    deps.addCleanup('remove the egress network', () => engine.removeNetwork(id));
  }
  const failed = made.find((m): m is PromiseRejectedResult => m.status === 'rejected');
  if (failed) throw failed.reason;
  const image = (imageMade as PromiseFulfilledResult<string>).value;
  if (!egress.egressNetwork) {
    if (guarded && (await guardHost(deps.privileged!, bridge, deps.addCleanup))) {
      /* the proxy reaches the world through its bridge, never this host */
    } else deps.notes.push(HOST_GUARD_NOTE);
  }
  const internalId = (internalMade as PromiseFulfilledResult<string>).value;
  const internal = await engine.inspectNetwork(internalId);
  const subnet = internal?.subnets[0];
  if (!subnet)
    throw new EngineError(engine.info.name, 'create network', 'the internal network has no IPv4 subnet');

  const config: ProxyConfigText = {
    mode: egress.mode,
    domains: egress.domains,
    ports: egress.ports,
    allowCidrs: egress.allowCidrs,
    hosts: egress.hosts,
    dnsServers: egress.dnsServers,
    listenSubnet: subnet,
    transparent: egress.transparent,
    ...PROXY_DEFAULTS,
    maxTotalBytes: egress.maxBytes,
    ...(routes.length ? { routes } : {}),
  };
  const ledger = new Ledger(egress.mode, egress.domains, image, egress.transparent);
  const id = await engine.createContainer(proxyContainer(labels, runId, image, egressNetwork, config));
  deps.addCleanup('remove the proxy', () => engine.removeContainer(id));
  await engine.connectNetwork(internalId, id);

  // No line of ours is longer than 1 MiB: a longer one is dropped.
  const stdout = new LineBuffer(1024 * 1024);
  let stderr = '';
  let listening: ((addr: string) => void) | null = null;
  const ready = new Promise<string>((r) => (listening = r));
  const attached = await engine.attach(id, (stream, chunk) => {
    if (stream === 'stderr') {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
      return;
    }
    for (const line of stdout.push(chunk.toString('utf8'))) {
      if (line.startsWith('{"event":"listening"')) {
        try {
          listening?.((JSON.parse(line) as { address: string }).address);
        } catch {
          /* not ours */
        }
        continue;
      }
      ledger.addLine(line);
    }
  });
  deps.addCleanup('detach the proxy', async () => attached.close());
  const watch = await engine.watchExit(id);
  // A session keeps its proxy past this process: the wait on it must not keep the process alive.
  deps.addCleanup('stop watching the proxy', async () => watch.cancel());
  await engine.startContainer(id);
  let timer: NodeJS.Timeout | undefined;
  const address = await Promise.race([
    ready,
    watch.exit.then((code) => {
      throw new EngineError(
        engine.info.name,
        'start the egress proxy',
        `it exited with ${code}: ${stderr.trim().slice(0, 500) || 'no message'}`,
      );
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new EngineError(engine.info.name, 'start the egress proxy', 'it did not listen within 30 s'),
          ),
        PROXY_START_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));

  let stopping = false;
  void watch.exit.then(
    (code) => {
      if (!stopping) {
        ledger.proxyExit = `the proxy exited with ${code} while the build ran; from then on the build had no egress`;
      }
    },
    () => undefined, // the wait was cancelled (a session outlives this process)
  );

  const network: SandboxNetwork = {
    mode: internalName,
    env: [
      ...proxyEnv(address, PROXY_DEFAULTS.port),
      ...routeEnv(egress.routes, address, PROXY_DEFAULTS.port),
    ],
    dns: [address],
  };

  const resolv = await (deps.readResolvConf ?? (engine.info.local ? hostResolvConf : async () => null))();
  if (needsDnsProbe(engine.info.name, engine.info.version, resolverOnLoopback(resolv))) {
    const answered = await dnsProbe(engine, labels, runId, image, network, DNS_PROBE_NAME, [address]);
    if (answered) {
      throw new InputError(
        '--network',
        `proxy: ${engine.info.name} ${engine.info.version} forwards DNS out of internal networks (CVE-2024-29018; a probe on the internal network resolved ${DNS_PROBE_NAME}); upgrade the engine to 26.0.0, 25.0.4 or 23.0.11 or later`,
      );
    }
    deps.notes.push(
      `${engine.info.name} ${engine.info.version} is in the CVE-2024-29018 range; a start-up probe showed the internal network resolves no external name`,
    );
  }

  return {
    network,
    ledger,
    proxyContainer: id,
    gateways: internal?.gateways ?? [],
    async stop() {
      stopping = true;
      try {
        await engine.killContainer(id, 'TERM');
        let t: NodeJS.Timeout | undefined;
        const done = await Promise.race([
          watch.exit.then(() => true),
          new Promise<false>((r) => (t = setTimeout(() => r(false), PROXY_STOP_GRACE_MS))),
        ]).finally(() => clearTimeout(t));
        if (!done) await engine.killContainer(id, 'KILL');
        await Promise.race([attached.done, new Promise((r) => setTimeout(r, 2000).unref())]);
        const last = stdout.rest();
        if (last) ledger.addLine(last);
      } catch (err) {
        deps.notes.push(`stopping the proxy: ${errorMessage(err)}`);
      }
    },
  };
}

/**
 * Start-up probe for CVE-2024-29018: a container with the sandbox's network settings asks its resolver for a
 * public name. True when an answer came back (the engine leaks DNS out of the internal network). An answer with
 * only `own` addresses (the proxy's, under --egress transparent, for a listed name) is the proxy's, not a leak.
 */
export async function dnsProbe(
  engine: Engine,
  labels: Labels,
  runId: string,
  proxyImage: string,
  network: SandboxNetwork,
  name = DNS_PROBE_NAME,
  own: string[] = [],
): Promise<boolean> {
  const spec = proxyContainer(labels, runId, proxyImage, network.mode, {} as ProxyConfigText);
  const id = await engine.createContainer({
    ...spec,
    name: `sandbox-action-${runId}-dnsprobe`,
    labels: { ...labels, [LABEL_ROLE]: 'dns-probe' },
    entrypoint: ['node', '-e'],
    cmd: [
      `const own = ${JSON.stringify(own)}; require('dns').lookup(${JSON.stringify(name)}, { all: true }, (e, a) => process.exit(!e && a.some((x) => !own.includes(x.address)) ? 0 : 1)); setTimeout(() => process.exit(1), 8000);`,
    ],
    env: [],
    dns: network.dns,
  });
  try {
    const watch = await engine.watchExit(id);
    await engine.startContainer(id);
    return (await watch.exit) === 0;
  } finally {
    await engine.removeContainer(id);
  }
}

/**
 * Add the egress bridge's host guard (and drop the guards whose bridge is gone); its removal goes in the cleanup.
 * False when the rule could not be added (no iptables, no root): the run then says so.
 */
async function guardHost(
  privileged: (cmd: string, args: string[]) => Promise<string>,
  bridge: string,
  addCleanup: NetworkDeps['addCleanup'],
): Promise<boolean> {
  // The engine's bridge must be in this process's network namespace (not a rootless engine's, not a VM's):
  // a rule for an interface this host does not have guards nothing.
  if (!fs.existsSync(`/sys/class/net/${bridge}`)) return false;
  try {
    await pruneHostGuards(privileged);
    await privileged('iptables', hostGuardRule('-I', bridge));
  } catch {
    return false;
  }
  addCleanup("remove the egress network's host guard", async () => {
    await privileged('iptables', hostGuardRule('-D', bridge));
  });
  return true;
}

/** Remove the host guards whose bridge is gone (a session's, after `rm`; a crashed run's); their names. */
export async function pruneHostGuards(
  privileged: (cmd: string, args: string[]) => Promise<string>,
): Promise<string[]> {
  const rules = await privileged('iptables', ['-w', '5', '-S', 'INPUT']);
  const gone = orphanGuards(rules, (b) => fs.existsSync(`/sys/class/net/${b}`));
  for (const b of gone) await privileged('iptables', hostGuardRule('-D', b)).catch(() => undefined);
  return gone;
}
