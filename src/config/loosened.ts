/** What a run loosens compared with the locked-down defaults: recorded in every result. */
import type { RUN_OPTIONS, RunOptionName } from './option-table.js';
import type { RunSpec } from './run-spec.js';

export interface Loosened {
  option: string;
  effect: string;
}

/** The options whose table entry says they loosen something (`loosens` is not null). */
export type LooseningOption = {
  [K in RunOptionName]: (typeof RUN_OPTIONS)[K]['loosens'] extends null ? never : K;
}[RunOptionName];

/**
 * For each loosening option, what a spec that uses it records. The type makes this exactly the table's loosening
 * options: one missing, or one the table does not mark, does not compile. The order is the result's order.
 */
const RECORDERS: { [K in LooseningOption]: (spec: RunSpec) => Loosened[] } = {
  'allow-root': (spec) =>
    spec.security.allowRoot ? [{ option: '--allow-root', effect: 'the command may run as uid 0' }] : [],
  'writable-root': (spec) =>
    spec.security.writableRoot
      ? [{ option: '--writable-root', effect: 'the root filesystem is writable' }]
      : [],
  'tmp-exec': (spec) =>
    spec.security.tmpExec ? [{ option: '--tmp-exec', effect: 'files in /tmp may be executed' }] : [],
  'cap-add': (spec) =>
    spec.security.capAdd.map((c) => ({ option: `--cap-add ${c}`, effect: `capability ${c} is granted` })),
  network: (spec) =>
    spec.network === 'open'
      ? [{ option: '--network open', effect: 'the build has unrestricted network access' }]
      : [],
  'allow-cidr': (spec) =>
    (spec.egress?.allowCidrs ?? []).map((c) => ({
      option: `--allow-cidr ${c}`,
      effect: `the proxy may connect to ${c}, private or not`,
    })),
  'egress-network': (spec) =>
    spec.egress?.egressNetwork
      ? [
          {
            option: `--egress-network ${spec.egress.egressNetwork}`,
            effect: "the proxy's outside is a network other containers may share",
          },
        ]
      : [],
  'proxy-image': (spec) =>
    spec.egress?.proxyImage
      ? [
          {
            option: `--proxy-image ${spec.egress.proxyImage}`,
            effect: "the enforcement point is an image of the caller's, not this version's proxy",
          },
        ]
      : [],
  egress: (spec) =>
    spec.egress?.mode === 'audit'
      ? [{ option: '--egress audit', effect: 'the proxy lets any public host through (recorded)' }]
      : [],
  'allow-weaker-gvisor': (spec) =>
    spec.security.allowWeakerGvisor
      ? [
          {
            option: '--allow-weaker-gvisor',
            effect: 'gVisor may run without --oci-seccomp: no seccomp filter inside the sandbox',
          },
        ]
      : [],
  'volume-backend': (spec) =>
    spec.host.volumeBackend === 'unbounded'
      ? [{ option: '--volume-backend unbounded', effect: 'writable volumes have no size cap' }]
      : [],
  'no-watchdog': (spec) =>
    spec.host.watchdog
      ? []
      : [
          {
            option: '--no-watchdog',
            effect: 'no watchdog: if the CLI is killed, the sandbox runs on past its deadline until gc',
          },
        ],
  mount: (spec) =>
    spec.phases.mounts
      .filter((m) => !m.readOnly)
      .map((m) => ({
        option: `--mount ${m.host}:${m.dest}:rw`,
        effect: `the sandbox can write to ${m.host} on the host`,
      })),
  'secret-route': (spec) =>
    (spec.egress?.routes ?? []).map((r) => ({
      option: `--secret-route ${r.name}=https://${r.host}${r.port === 443 ? '' : `:${r.port}`}`,
      effect: `the sandbox can call ${r.host} with the host's $${r.env} (it never sees the value)`,
    })),
  'allow-mount': (spec) =>
    spec.phases.allowMounts.map((a) => ({
      option: `--allow-mount ${a}`,
      effect: 'a host path refused by default may be mounted',
    })),
  'skip-self-check': (spec) =>
    spec.security.selfCheck
      ? []
      : [
          {
            option: '--skip-self-check',
            effect: 'the sandbox was not checked from inside before the command ran',
          },
        ],
};

/** The options that loosen, in the result's order (for the tests and the docs). */
export const LOOSENING_OPTIONS = Object.keys(RECORDERS) as LooseningOption[];

/** What the spec loosens compared with the locked-down defaults; recorded in every result. */
export function loosenedBy(spec: RunSpec): Loosened[] {
  return LOOSENING_OPTIONS.flatMap((o) => RECORDERS[o](spec));
}
