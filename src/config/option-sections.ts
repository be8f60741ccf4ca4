/** The parts of a run's options that parse as a group: the audit, egress, Lean, the subject, paths and timeout. */
import type { Subject } from '../verdict/schema.js';
import path from 'node:path';
import { InputError } from './errors.js';
import { parseDuration, parsePositiveNumber, parseSize } from './units.js';
import { canonicalHost, parseCidr, parseDomainRule } from '../egress/policy.js';
import { DNS_PORT, PROXY_PORT } from '../egress/config.js';
import { expandPresets } from '../egress/presets.js';
import { applyPreset } from './presets.js';
import { DEFAULT_AXIOMS, checkTargets } from '../lean/audit.js';
import { parseSecretRoutes } from './secret-routes.js';
import { DEFAULTS, type RunOptionName } from './option-table.js';
import { IMAGE_REF, list, oneOf, str } from './raw-options.js';
import type { EgressSpec, HostFacts, NetworkMode, RawOptions, RunSpec } from './run-spec.js';

export function parseAudit(
  raw: RawOptions,
  presetAllow: string[] | null,
  cwd: string,
): RunSpec['verdict']['audit'] {
  const targets = list(raw, 'audit-target');
  const modulesArg = list(raw, 'audit-module');
  const allowArg = list(raw, 'audit-allow');
  if (targets.length === 0) {
    const stray = modulesArg.length
      ? '--audit-module'
      : allowArg.length
        ? '--audit-allow'
        : list(raw, 'audit-protected').length
          ? '--audit-protected'
          : null;
    if (stray) throw new InputError(stray, 'needs --audit-target');
    return null;
  }
  const check = (name: string, xs: string[]) => {
    try {
      return checkTargets(xs);
    } catch {
      throw new InputError(
        name,
        `'${xs.find((x) => !/^[A-Za-z_][\w'!?]*(\.[A-Za-z_][\w'!?]*)*$/.test(x.trim())) ?? xs[0]}' is not a Lean name`,
      );
    }
  };
  const t = check('--audit-target', targets);
  const modules = modulesArg.length
    ? check('--audit-module', modulesArg)
    : [...new Set(t.map((x) => x.split('.')[0]!))];
  const allow = allowArg.length ? check('--audit-allow', allowArg) : (presetAllow ?? DEFAULT_AXIOMS);
  const protectedFiles = list(raw, 'audit-protected').map((x) => {
    const m = /^([^=]+)=(.+)$/.exec(x);
    const rel = m?.[1]!.trim().replace(/^\/work\//, '') ?? '';
    if (!m || rel.startsWith('/') || rel.split('/').includes('..') || !rel.endsWith('.lean')) {
      throw new InputError('--audit-protected', `'${x}' is not PATH.lean=BASEFILE with PATH inside /work`);
    }
    return { path: rel, baseFile: path.resolve(cwd, m[2]!.trim()) };
  });
  return { targets: t, modules, allow, protected: protectedFiles };
}

const EGRESS_OPTIONS = [
  'allow-domain',
  'allow-preset',
  'allow-cidr',
  'allow-port',
  'add-host',
  'egress',
  'egress-network',
  'egress-dns',
  'egress-max-bytes',
  'proxy-image',
  'proxy-base-image',
  'secret-route',
] as const satisfies readonly RunOptionName[];

/** Docker's network name grammar. */
const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

export function parseEgress(raw: RawOptions, network: NetworkMode, cwd: string): EgressSpec | null {
  if (network !== 'proxy') return refuseEgressOptions(raw, network);
  const egressArg = oneOf(
    'egress',
    str(raw, 'egress'),
    ['allowlist', 'transparent', 'audit'] as const,
    'allowlist',
  );
  const mode = egressArg === 'audit' ? 'audit' : 'allowlist';
  const transparent = egressArg === 'transparent';
  const presets = list(raw, 'allow-preset');
  const domains = egressDomains(list(raw, 'allow-domain'), presets);
  const allowCidrs = list(raw, 'allow-cidr').map((c) => parseCidr(c).text);
  const ports = egressPorts(list(raw, 'allow-port'), transparent);
  const hosts = egressHosts(list(raw, 'add-host'));
  const dnsServers = list(raw, 'egress-dns').map((d) => {
    const t = canonicalHost(d);
    if (t?.kind !== 'ip') throw new InputError('--egress-dns', `'${d}' is not an IP address`);
    return t.address;
  });
  const { egressNetwork, proxyImage, proxyBaseImage } = egressEngineNames(raw);
  const maxBytesArg = str(raw, 'egress-max-bytes');
  const routes = parseSecretRoutes(list(raw, 'secret-route'), cwd, (c, p) => path.resolve(c, p));
  if (mode === 'allowlist' && domains.length === 0 && allowCidrs.length === 0 && routes.length === 0) {
    throw new InputError(
      '--network',
      'proxy with nothing allowed: add --allow-domain, --allow-preset or --allow-cidr, or --egress audit to find what the build needs',
    );
  }
  return {
    mode,
    transparent,
    domains,
    presets,
    ports,
    allowCidrs,
    hosts,
    dnsServers,
    egressNetwork,
    proxyImage,
    proxyBaseImage,
    maxBytes: maxBytesArg === undefined ? null : parseSize('--egress-max-bytes', maxBytesArg),
    routes,
  };
}

/** Without the proxy, an egress option would be silently ignored: refused instead. */
function refuseEgressOptions(raw: RawOptions, network: NetworkMode): null {
  for (const o of EGRESS_OPTIONS) {
    const v = raw[o];
    if (v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0)) {
      throw new InputError(`--${o}`, `needs --network proxy (the network is ${network})`);
    }
  }
  return null;
}

/** `--allow-domain` and the presets' names, each checked and written once (`*.suffix` for a suffix rule). */
function egressDomains(allowDomains: string[], presets: string[]): string[] {
  const domains: string[] = [];
  for (const d of [...allowDomains, ...expandPresets(presets)]) {
    const rule = parseDomainRule(d);
    const text = rule.kind === 'exact' ? rule.name : `*.${rule.suffix}`;
    if (!domains.includes(text)) domains.push(text);
  }
  return domains;
}

/** The allowed ports (443 and 80 by default); transparent mode keeps its own DNS and proxy ports. */
function egressPorts(portArgs: string[], transparent: boolean): number[] {
  const ports = portArgs.length
    ? portArgs.map((p) => parsePositiveNumber('--allow-port', p, { integer: true, max: 65535 }))
    : [443, 80];
  for (const p of transparent ? ports : []) {
    if (p === DNS_PORT || p === PROXY_PORT) {
      throw new InputError(
        '--allow-port',
        `${p} is the proxy's own ${p === DNS_PORT ? 'DNS' : 'proxy'} port under --egress transparent; list other ports`,
      );
    }
  }
  return ports;
}

/** `--add-host NAME:IP`: the proxy's fixed answers, by canonical name. */
function egressHosts(args: string[]): Record<string, string[]> {
  const hosts: Record<string, string[]> = {};
  for (const h of args) {
    const i = h.indexOf(':');
    const name = i > 0 ? canonicalHost(h.slice(0, i)) : null;
    const ip = i > 0 ? canonicalHost(h.slice(i + 1)) : null;
    if (name?.kind !== 'name' || ip?.kind !== 'ip') {
      throw new InputError('--add-host', `'${h}' is not NAME:IP like mirror.internal.test:10.1.2.3`);
    }
    (hosts[name.name] ??= []).push(ip.address);
  }
  return hosts;
}

/** The names handed to the engine: an egress network to reuse, and the proxy's image or base image. */
function egressEngineNames(raw: RawOptions) {
  const egressNetwork = str(raw, 'egress-network') ?? null;
  if (
    egressNetwork !== null &&
    (!NETWORK_NAME.test(egressNetwork) || ['host', 'none'].includes(egressNetwork))
  ) {
    throw new InputError('--egress-network', `'${egressNetwork}' is not the name of a bridge network`);
  }
  const proxyImage = str(raw, 'proxy-image') ?? null;
  const proxyBaseImage = str(raw, 'proxy-base-image') ?? null;
  for (const [name, ref] of [
    ['--proxy-image', proxyImage],
    ['--proxy-base-image', proxyBaseImage],
  ] as const) {
    if (ref !== null && (!IMAGE_REF.test(ref) || ref.length > 512)) {
      throw new InputError(name, `'${ref}' is not an image reference`);
    }
  }
  return { egressNetwork, proxyImage, proxyBaseImage };
}

/** The longest --timeout: a week. Longer is a typo (Node's timers also end at 24.8 days and would fire at once). */
export const MAX_TIMEOUT_MS = 7 * 24 * 3600_000;

export function timeout(v: string | undefined): number {
  if (v === undefined) return DEFAULTS.timeoutMs;
  const ms = parseDuration('--timeout', v);
  if (ms > MAX_TIMEOUT_MS)
    throw new InputError('--timeout', `'${v}' is longer than the limit of 168h (7 days)`);
  return ms;
}

export function parseLean(
  raw: RawOptions,
  preset: ReturnType<typeof applyPreset>['preset'],
  source: RunSpec['io']['source'],
  host: HostFacts,
): RunSpec['verdict']['lean'] {
  const challenge = str(raw, 'challenge');
  // The preset decides the judge; a command of the caller's replaces only the (advisory) build.
  const wanted = challenge !== undefined || (preset?.lean?.judge === 'comparator' && source !== null);
  const stray = (['comparator-config', 'comparator', 'lean4export', 'lake'] as const).find(
    (o) => str(raw, o) !== undefined,
  );
  if (!wanted) {
    if (stray)
      throw new InputError(`--${stray}`, 'needs --challenge (or the lean-proof preset with --source)');
    return null;
  }
  if (challenge !== undefined && host.sharedWithEngine === false) {
    throw new InputError(
      '--challenge',
      "under act the job container's paths are not the engine's, so the challenge cannot be mounted",
    );
  }
  if (!source) throw new InputError('--challenge', "needs --source (the pull request's project)");
  const config = repoRelative(
    '--comparator-config',
    str(raw, 'comparator-config') ?? preset?.lean?.config ?? 'config.json',
  );
  return {
    challengeDir: challenge !== undefined ? path.resolve(host.cwd, challenge) : source.dir,
    trusted: challenge !== undefined,
    config,
    comparator: str(raw, 'comparator') ?? 'comparator',
    lean4export: str(raw, 'lean4export') ?? 'lean4export',
    lake: str(raw, 'lake') ?? 'lake',
  };
}

/** A path inside /output, as `--output` and `--junit` take it (`/output/` may be written or not). */
export function outputPath(name: string, value: string): string {
  const rel = value.trim().replace(/^\/output\//, '');
  if (!rel || rel.startsWith('/') || rel.split('/').some((p) => p === '' || p === '.' || p === '..')) {
    throw new InputError(
      name,
      `'${value}' is not a file path inside /output, like junit.xml or reports/out.json`,
    );
  }
  return rel;
}

/** A path inside the repository, as --tests-path takes it. */
export function repoRelative(name: string, value: string): string {
  const rel = value.trim().replace(/\/+$/, '');
  if (!rel || rel.startsWith('/') || rel.split('/').some((p) => p === '' || p === '.' || p === '..')) {
    throw new InputError(name, `'${value}' is not a path inside the repository, like tests or pkg/tests`);
  }
  return rel;
}

const HEX40 = /^[0-9a-f]{40}$/;
const BRANCH = /^[\w./-]{1,255}$/;

export function parseSubject(raw: RawOptions): Subject {
  const headSha = str(raw, 'head-sha') ?? null;
  if (headSha !== null && !HEX40.test(headSha))
    throw new InputError('--head-sha', `'${headSha}' is not a 40-hex commit`);
  const baseSha = str(raw, 'base-sha') ?? null;
  if (baseSha !== null && !HEX40.test(baseSha))
    throw new InputError('--base-sha', `'${baseSha}' is not a 40-hex commit`);
  const baseRef = str(raw, 'base-ref') ?? null;
  if (baseRef !== null && !BRANCH.test(baseRef))
    throw new InputError('--base-ref', `'${baseRef}' is not a branch name`);
  const repository = str(raw, 'repository') ?? null;
  if (repository !== null && !/^[\w.-]{1,100}\/[\w.-]{1,100}$/.test(repository)) {
    throw new InputError('--repository', `'${repository}' is not owner/repo`);
  }
  const shardArg = str(raw, 'shard');
  let shard: Subject['shard'] = null;
  if (shardArg !== undefined) {
    const m = /^(\d{1,3})\/(\d{1,3})$/.exec(shardArg);
    const index = Number(m?.[1]);
    const count = Number(m?.[2]);
    if (!m || count < 1 || count > 256 || index >= count) {
      throw new InputError('--shard', `'${shardArg}' is not I/N with 0 <= I < N <= 256, like 0/4`);
    }
    shard = { index, count };
  }
  return { repository, headSha, baseSha, baseRef, shard };
}
