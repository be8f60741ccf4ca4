/** Pure: the egress bridge's name and its host guard rule (src/sandbox/host-guard.ts). */
import { describe, expect, test } from '@jest/globals';
import {
  egressBridgeName,
  guardedBridge,
  guardLine,
  hostGuardRule,
  orphanGuards,
} from '../../src/sandbox/host-guard.js';

describe('egressBridgeName', () => {
  test.each(['mx54zp99-f4a0d421', 'a', 'x'.repeat(200)])(
    '%s: a valid interface name of 14 characters',
    (id) => {
      expect(egressBridgeName(id)).toMatch(/^sa-e[0-9a-f]{10}$/);
    },
  );
  test('different runs, different bridges', () => {
    expect(egressBridgeName('a')).not.toBe(egressBridgeName('b'));
  });
});

describe('hostGuardRule', () => {
  test.each<['-I' | '-D', string[]]>([
    [
      '-I',
      [
        '-w',
        '5',
        '-I',
        'INPUT',
        '-i',
        'sa-e0123456789',
        '-m',
        'comment',
        '--comment',
        'sandbox-action egress',
        '-j',
        'DROP',
      ],
    ],
    [
      '-D',
      [
        '-w',
        '5',
        '-D',
        'INPUT',
        '-i',
        'sa-e0123456789',
        '-m',
        'comment',
        '--comment',
        'sandbox-action egress',
        '-j',
        'DROP',
      ],
    ],
  ])('%s', (op, want) => expect(hostGuardRule(op, 'sa-e0123456789')).toEqual(want));
});

describe('orphanGuards', () => {
  const ours = (b: string) => `-A INPUT -i ${b} -m comment --comment "sandbox-action egress" -j DROP`;
  test.each<[string, string, string[], string[]]>([
    ['a live bridge keeps its rule', ours('sa-e0000000001'), ['sa-e0000000001'], []],
    ['a gone bridge loses it', ours('sa-e0000000002'), [], ['sa-e0000000002']],
    [
      'rules not ours are never touched',
      '-A INPUT -i sa-e0000000003 -j DROP\n-A INPUT -i eth0 -j ACCEPT',
      [],
      [],
    ],
    ['a comment of ours on another interface name is not ours', ours('docker0'), [], []],
    // The shared bridge's rule is kept even while its bridge is gone: a network of that name made again is
    // guarded at once, and another run may be making it now (src/sandbox/egress-network.ts).
    ['the shared bridge keeps its rule, gone or not', ours('sa-egress'), [], []],
    [
      'several',
      `-P INPUT ACCEPT\n${ours('sa-e0000000004')}\n${ours('sa-e0000000005')}`,
      ['sa-e0000000005'],
      ['sa-e0000000004'],
    ],
  ])('%s', (_n, rules, live, want) => expect(orphanGuards(rules, (b) => live.includes(b))).toEqual(want));
});

describe('guardedBridge: which of our rules a line of iptables -S is', () => {
  test.each<[string, string, string | null]>([
    ['the shared bridge', guardLine('sa-egress'), 'sa-egress'],
    ['a run bridge', guardLine('sa-e0123456789'), 'sa-e0123456789'],
    ['with spaces around', `  ${guardLine('sa-egress')}  `, 'sa-egress'],
    ['a DROP without our comment', '-A INPUT -i sa-egress -j DROP', null],
    [
      'our comment on an ACCEPT',
      '-A INPUT -i sa-egress -m comment --comment "sandbox-action egress" -j ACCEPT',
      null,
    ],
    ['another chain', '-A FORWARD -i sa-egress -m comment --comment "sandbox-action egress" -j DROP', null],
  ])('%s', (_n, line, want) => expect(guardedBridge(line)).toBe(want));
  test('guardLine is the rule hostGuardRule adds', () => {
    expect(hostGuardRule('-I', 'b').slice(3).join(' ')).toBe(
      guardLine('b').replace(/^-A /, '').replace(/"/g, ''),
    );
  });
});
