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
import fsp from 'node:fs/promises';
import semver from 'semver';
import { EngineError, InputError } from '../config/errors.js';
import type { EgressSpec, RunSpec } from '../config/run-options.js';
import { CONFIG_ENV, PROXY_DEFAULTS, type ProxyConfigText, type ProxyRoute } from '../egress/config.js';
import { routeEnv, routeSecrets } from '../config/secret-routes.js';
import { ensureProxyImage } from '../egress/image.js';
import { Ledger } from '../egress/ledger.js';
import { HOST_GUARD_NOTE } from './host-guard.js';
import { egressNetworkFor, guardEgress, withoutIpv6, type EgressNetwork } from './egress-network.js';
import type { ContainerSpec, Engine, Labels, NetworkSpec } from '../engine/types.js';
import { LABEL_ROLE, NPROC_ULIMIT, proxyEnv, type SandboxNetwork } from './plan.js';
import { startProxy } from './proxy-process.js';

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
  if (spec.network === 'open') return openNetwork(deps);
  const egress = spec.egress!;
  const { engine, labels, runId } = deps;
  // Secrets and their certificate authorities first: a missing one is bad input, before anything is made.
  const routes = await loadRoutes(egress, deps.env ?? {});
  const { image, internalId, internalName, egressNetwork } = await makeNetworks(spec, egress, deps);
  const internal = await engine.inspectNetwork(internalId);
  const subnet = internal?.subnets[0];
  if (!subnet)
    throw new EngineError(engine.info.name, 'create network', 'the internal network has no IPv4 subnet');

  const config = proxyConfigText(egress, subnet, routes);
  const ledger = new Ledger(egress.mode, egress.domains, image, egress.transparent);
  const proxy = await startProxy(
    engine,
    withoutIpv6(engine, proxyContainer(labels, runId, image, egressNetwork, config)),
    internalId,
    ledger,
    deps,
  );
  const address = proxy.address;
  const network: SandboxNetwork = {
    mode: internalName,
    env: [
      ...proxyEnv(address, PROXY_DEFAULTS.port),
      ...routeEnv(egress.routes, address, PROXY_DEFAULTS.port),
    ],
    dns: [address],
  };

  await checkDnsLeak(engine, deps, image, network, address);
  return {
    network,
    ledger,
    proxyContainer: proxy.id,
    gateways: internal?.gateways ?? [],
    stop: proxy.stop,
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

/** CVE-2024-29018: on an engine in the range (and a resolver on loopback), probe the internal network once. */
async function checkDnsLeak(
  engine: Engine,
  deps: NetworkDeps,
  image: string,
  network: SandboxNetwork,
  address: string,
): Promise<void> {
  const resolv = await (deps.readResolvConf ?? (engine.info.local ? hostResolvConf : async () => null))();
  if (!needsDnsProbe(engine.info.name, engine.info.version, resolverOnLoopback(resolv))) return;
  const answered = await dnsProbe(engine, deps.labels, deps.runId, image, network, DNS_PROBE_NAME, [address]);
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

/** The secret routes as the proxy gets them: each secret from the trusted side's environment, its CA read. */
async function loadRoutes(
  egress: EgressSpec,
  env: Record<string, string | undefined>,
): Promise<ProxyRoute[]> {
  const secrets = routeSecrets(egress.routes, env);
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
  return routes;
}

/** --egress-network: a network of this engine that is not internal (the proxy must reach something), by its name. */
async function namedEgressNetwork(engine: Engine, name: string): Promise<string> {
  const n = await engine.inspectNetwork(name);
  if (!n) throw new InputError('--egress-network', `'${name}' is not a network of this engine`);
  if (n.internal) {
    throw new InputError('--egress-network', `'${name}' is internal: the proxy could reach nothing`);
  }
  return n.name;
}

/** --network open: the engine's bridge, said loudly (a warning now, a note in the result). */
function openNetwork(deps: NetworkDeps): NetworkSetup {
  deps.notice('WARNING: --network open: the build has unrestricted network access (no proxy, no allowlist)');
  deps.notes.push('the run had OPEN network access (--network open): nothing restricted where it connected');
  return { ...NONE, network: { mode: 'bridge', env: [], dns: [] } };
}

/** The proxy's configuration (its policy, from the egress spec), listening in the internal network's subnet. */
function proxyConfigText(egress: EgressSpec, subnet: string, routes: ProxyRoute[]): ProxyConfigText {
  return {
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
}

async function removeNetworks(engine: NetworkDeps['engine'], ids: string[]): Promise<void> {
  const failed = (await Promise.allSettled(ids.map((id) => engine.removeNetwork(id)))).flatMap((r) =>
    r.status === 'rejected' ? [r.reason as unknown] : [],
  );
  // The first failure is thrown as it came (the cleanup's retry knows an engine-side one and runs the step again:
  // removing a network that is gone already is no failure).
  if (failed.length) throw failed[0];
}

/**
 * The proxy's image, the run's internal network and the egress network (egress-network.ts: the engine's shared one
 * on Docker, else one of the run's own), made at once; every one made for the run has its cleanup before any
 * failure is thrown. The egress bridge gets the host guard (host-guard.ts), or the run a note saying it has none.
 */
async function makeNetworks(
  spec: RunSpec,
  egress: EgressSpec,
  deps: NetworkDeps,
): Promise<{ image: string; internalId: string; internalName: string; egressNetwork: string }> {
  const { engine, labels, runId } = deps;
  // The outside first, so that a bad --egress-network fails before anything is created.
  const named = egress.egressNetwork ? await namedEgressNetwork(engine, egress.egressNetwork) : null;
  // All settle before any failure is thrown, so that whatever was made has its cleanup registered before the run's
  // cleanup runs.
  const internalName = `sandbox-action-${runId}-int`;
  const madeIds: string[] = [];
  const runNetwork = async (n: NetworkSpec) => {
    const id = await engine.createNetwork(n);
    madeIds.push(id);
    return id;
  };
  const made = await Promise.allSettled([
    ensureProxyImage(engine, egress, spec.image.pull, deps.notice),
    runNetwork(internalNetworkSpec(internalName, labels)),
    named ? Promise.resolve(null) : egressNetworkFor(engine, runId, runNetwork, labels),
  ]);
  const [imageMade, internalMade, egressMade] = made;
  // Both at once (each removal is ~100-300 ms of the engine's own work).
  if (madeIds.length) deps.addCleanup("remove the proxy's networks", () => removeNetworks(engine, madeIds));
  const failed = made.find((m): m is PromiseRejectedResult => m.status === 'rejected');
  if (failed) throw failed.reason;
  const image = (imageMade as PromiseFulfilledResult<string>).value;
  const out = (egressMade as PromiseFulfilledResult<EgressNetwork | null>).value;
  if (out?.note) deps.notes.push(out.note);
  // The proxy reaches the world through its bridge, never this host; or the result says it could.
  if (out && !(await guardEgress(engine, deps, out))) deps.notes.push(HOST_GUARD_NOTE);
  return {
    image,
    internalId: (internalMade as PromiseFulfilledResult<string>).value,
    internalName,
    egressNetwork: named ?? out!.join,
  };
}

/** The run's internal network: no route out, and no host address on its bridge. */
function internalNetworkSpec(name: string, labels: Labels): NetworkSpec {
  return {
    name,
    internal: true,
    enableIPv6: false,
    // No host address on the bridge: without it a sandbox reaches every host service on 0.0.0.0 via the gateway.
    options: { 'com.docker.network.bridge.inhibit_ipv4': 'true' },
    labels: { ...labels, [LABEL_ROLE]: 'internal' },
  };
}
