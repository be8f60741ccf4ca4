/**
 * The shared egress network (src/sandbox/egress-network.ts): when a network of its name may serve (pure), and
 * which network a proxy run gets. The stand-in engine answers `inspectNetwork` and `createNetwork` as the Engine
 * interface documents them (src/engine/types.ts: null for a network that is not there; create throws on a
 * conflict); nothing else is called.
 */
import { describe, expect, test } from '@jest/globals';
import {
  SHARED_EGRESS_BRIDGE,
  SHARED_EGRESS_NETWORK,
  egressNetworkFor,
  guardFirst,
  ipv4Addresses,
  sharedEgressMismatch,
  sharedEgressSpec,
} from '../../src/sandbox/egress-network.js';
import type { Engine, NetworkInfo, NetworkSpec } from '../../src/engine/types.js';
import { guardLine } from '../../src/sandbox/host-guard.js';
import { EngineError } from '../../src/config/errors.js';

const ICC = 'com.docker.network.bridge.enable_icc';
const BRIDGE = 'com.docker.network.bridge.name';
const info = (over: Partial<NetworkInfo> = {}): NetworkInfo => ({
  id: 'n1',
  name: SHARED_EGRESS_NETWORK,
  internal: false,
  subnets: ['172.30.0.0/16'],
  gateways: ['172.30.0.1'],
  options: { [ICC]: 'false', [BRIDGE]: SHARED_EGRESS_BRIDGE },
  driver: 'bridge',
  enableIPv6: false,
  labels: { 'sandbox-action.shared': 'egress', 'sandbox-action.role': 'egress' },
  ...over,
});

describe('sharedEgressMismatch', () => {
  test.each<[string, NetworkInfo, RegExp | null]>([
    ['as made', info(), null],
    ['as made by sharedEgressSpec', info({ options: sharedEgressSpec().options }), null],
    ['internal', info({ internal: true }), /internal/],
    ['icc on', info({ options: { [ICC]: 'true', [BRIDGE]: SHARED_EGRESS_BRIDGE } }), /reach each other/],
    [
      'icc not said (the engine default: on)',
      info({ options: { [BRIDGE]: SHARED_EGRESS_BRIDGE } }),
      /reach each/,
    ],
    ['another bridge', info({ options: { [ICC]: 'false', [BRIDGE]: 'docker0' } }), /bridge is not sa-egress/],
    ['no bridge name', info({ options: { [ICC]: 'false' } }), /bridge is not/],
    ['IPv6 on (icc filters IPv4 only)', info({ enableIPv6: true }), /has IPv6/],
    ['another driver', info({ driver: 'macvlan' }), /driver is macvlan, not bridge/],
    [
      'an option sandbox-action does not set',
      info({
        options: { ...sharedEgressSpec().options, 'com.docker.network.bridge.enable_ip_masquerade': 'false' },
      }),
      /options sandbox-action does not set \(com\.docker\.network\.bridge\.enable_ip_masquerade\)/,
    ],
    [
      'no shared label (made by someone else)',
      info({ labels: {} }),
      /no sandbox-action\.shared=egress label/,
    ],
  ])('%s', (_n, n, want) => {
    const got = sharedEgressMismatch(n);
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatch(want);
  });
});

/** The stand-in: a map of networks by name; `createNetwork` fails as the engine does when the name is taken. */
function engineWith(
  name: 'docker' | 'podman',
  start: NetworkInfo | null,
  o: { raceWith?: NetworkInfo } = {},
) {
  const nets = new Map<string, NetworkInfo>(start ? [[start.name, start]] : []);
  const created: NetworkSpec[] = [];
  const engine = {
    info: { name, local: true },
    async inspectNetwork(n: string) {
      return nets.get(n) ?? null;
    },
    async createNetwork(spec: NetworkSpec) {
      // Another run made it between this run's inspect and its create.
      if (o.raceWith) nets.set(o.raceWith.name, o.raceWith);
      if (nets.has(spec.name)) throw new EngineError(name, 'create network', 'already exists', '', 409);
      created.push(spec);
      nets.set(
        spec.name,
        info({ name: spec.name, options: spec.options, internal: spec.internal, labels: spec.labels }),
      );
      return `id-${spec.name}`;
    },
  } as unknown as Engine;
  return { engine, created, nets };
}

describe('egressNetworkFor', () => {
  const ownOf: NetworkSpec[] = [];
  const runNetwork = async (s: NetworkSpec) => {
    ownOf.push(s);
    return `own-${s.name}`;
  };
  test.each<[string, ReturnType<typeof engineWith>, { shared: boolean; note: RegExp | null; made: number }]>([
    [
      'Docker, none yet: made, with icc off',
      engineWith('docker', null),
      { shared: true, note: null, made: 1 },
    ],
    ['Docker, there already', engineWith('docker', info()), { shared: true, note: null, made: 0 }],
    [
      'Docker, another run made it first (409)',
      engineWith('docker', null, { raceWith: info() }),
      { shared: true, note: null, made: 0 },
    ],
    [
      'Docker, one of that name with icc on: the run gets its own',
      engineWith('docker', info({ options: { [ICC]: 'true', [BRIDGE]: SHARED_EGRESS_BRIDGE } })),
      { shared: false, note: /is not used \(it lets its containers reach each other/, made: 0 },
    ],
    [
      'Docker, another run made one of that name that is internal',
      engineWith('docker', null, { raceWith: info({ internal: true }) }),
      { shared: false, note: /is not used \(it is internal\)/, made: 0 },
    ],
    ['Podman: its own, always', engineWith('podman', null), { shared: false, note: null, made: 0 }],
  ])('%s', async (_n, e, want) => {
    ownOf.length = 0;
    const got = await egressNetworkFor(e.engine, 'run1', runNetwork, { 'sandbox-action.run': 'run1' });
    expect(got.ownedByRun).toBe(!want.shared);
    expect(got.name).toBe(want.shared ? SHARED_EGRESS_NETWORK : 'sandbox-action-run1-egress');
    // The proxy joins the shared network by its id (one made again in between is refused, never joined).
    expect(got.join).toBe(want.shared ? 'n1' : 'sandbox-action-run1-egress');
    if (want.note) expect(got.note).toMatch(want.note);
    else expect(got.note).toBeNull();
    expect(e.created).toHaveLength(want.made);
    if (want.made) expect(e.created[0]!.options[ICC]).toBe('false');
    // The shared network carries no run's label: no run's cleanup removes it. A run's own carries its run's.
    if (want.made) expect(e.created[0]!.labels['sandbox-action.run']).toBeUndefined();
    expect(ownOf.map((s) => s.labels['sandbox-action.run'])).toEqual(want.shared ? [] : ['run1']);
  });

  test('a create that fails with no network there after is the run’s failure', async () => {
    const engine = {
      info: { name: 'docker', local: true },
      inspectNetwork: async () => null,
      createNetwork: async () => {
        throw new EngineError('docker', 'create network', 'no space');
      },
    } as unknown as Engine;
    await expect(egressNetworkFor(engine, 'r', runNetwork, {})).rejects.toThrow(/no space/);
  });
});

describe("guardFirst: is the shared bridge's rule the first of INPUT", () => {
  const ours = guardLine(SHARED_EGRESS_BRIDGE);
  test.each<[string, string, boolean]>([
    ['first', `-P INPUT ACCEPT\n${ours}\n-A INPUT -j ACCEPT\n`, true],
    ['missing', '-P INPUT ACCEPT\n-A INPUT -i lo -j ACCEPT\n', false],
    ['another rule put above it', `-P INPUT ACCEPT\n-A INPUT -i sa-egress -j ACCEPT\n${ours}\n`, false],
    // Another of our DROP rules above it lets nothing through: no copy is added on top.
    ["a per-run bridge's guard above it", `-P INPUT ACCEPT\n${guardLine('sa-e0123456789')}\n${ours}\n`, true],
    [
      'a per-run guard, then a rule not ours, then it',
      `-P INPUT ACCEPT\n${guardLine('sa-e0123456789')}\n-A INPUT -j ACCEPT\n${ours}\n`,
      false,
    ],
    ["only a per-run bridge's guard", `-P INPUT ACCEPT\n${guardLine('sa-e0123456789')}\n`, false],
    ['no rules at all', '-P INPUT ACCEPT\n', false],
  ])('%s', (_n, rules, want) => {
    expect(guardFirst(rules, SHARED_EGRESS_BRIDGE)).toBe(want);
  });
  test('the line is the rule hostGuardRule adds, as iptables -S prints it', () => {
    expect(ours).toBe('-A INPUT -i sa-egress -m comment --comment "sandbox-action egress" -j DROP');
  });
});

describe('ipv4Addresses: what `ip -4 -o addr show dev BRIDGE` says the bridge holds', () => {
  test.each<[string, string, string[]]>([
    [
      'a bridge that is down (no container on it) still shows its address',
      '1032: sa-egress    inet 172.18.0.1/16 brd 172.18.255.255 scope global sa-egress\\       valid_lft forever preferred_lft forever\n',
      ['172.18.0.1'],
    ],
    [
      'two addresses',
      '5: b    inet 10.0.0.1/24 scope global b\n5: b    inet 10.0.1.1/24 scope global b\n',
      ['10.0.0.1', '10.0.1.1'],
    ],
    ['no such device (ip failed: empty)', '', []],
    ['an IPv6 line is not one', '5: b    inet6 fe80::1/64 scope link\n', []],
  ])('%s', (_n, shown, want) => expect(ipv4Addresses(shown)).toEqual(want));
});
