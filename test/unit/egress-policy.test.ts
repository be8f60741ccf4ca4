/** The egress policy, table-driven. No traffic is sent: these are pure decisions on text. */
import { describe, expect, test } from '@jest/globals';
import {
  canonicalHost,
  decideAddresses,
  decideHostHeader,
  decideSni,
  decideTarget,
  parseCidr,
  parseDomainRule,
  specialClass,
  type EgressPolicy,
} from '../../src/egress/policy.js';

const policy = (over: Partial<EgressPolicy> = {}): EgressPolicy => ({
  mode: 'allowlist',
  domains: ['github.com', '*.githubusercontent.com'].map(parseDomainRule),
  ports: [443, 80],
  allowCidrs: [],
  ...over,
});

describe('canonicalHost: every textual form of an address is recognised as an address', () => {
  test.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['0251.0376.0251.0376', '169.254.169.254'],
    ['169.254.169.254', '169.254.169.254'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['[0:0:0:0:0:0:0:1]', '::1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['[::ffff:7f00:1]', '127.0.0.1'],
    ['[::ffff:a9fe:a9fe]', '169.254.169.254'],
    ['fe80::1', 'fe80::1'],
  ])('%s → address %s', (text, address) =>
    expect(canonicalHost(text)).toMatchObject({ kind: 'ip', address }),
  );

  test.each([
    ['GitHub.COM', 'github.com'],
    ['github.com.', 'github.com'],
    ['objects.githubusercontent.com', 'objects.githubusercontent.com'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ])('%s → name %s', (text, name) => expect(canonicalHost(text)).toEqual({ kind: 'name', name }));

  test.each([
    '',
    'localhost',
    'foo.123',
    '1.2.3.4.5',
    'exa mple.com',
    'user@github.com',
    'github.com/path',
    'github.com:443',
    'github.com#x',
    '-bad.example',
    'bad-.example',
    'a..b.example',
    `${'a'.repeat(64)}.example`,
    '[fe80::1%25eth0]',
    'fe80::1%eth0',
    'github.com\r\nHost: evil',
    '*.github.com',
  ])('%j is not a host', (text) => expect(canonicalHost(text)).toBeNull());
});

describe('domain rules', () => {
  test.each([
    ['github.com', 'github.com', true],
    ['github.com', 'GITHUB.com.', true],
    ['github.com', 'api.github.com', false],
    ['github.com', 'evilgithub.com', false],
    ['github.com', 'github.com.evil.example', false],
    ['*.githubusercontent.com', 'raw.githubusercontent.com', true],
    ['*.githubusercontent.com', 'a.b.githubusercontent.com', true],
    ['*.githubusercontent.com', 'githubusercontent.com', false],
    ['*.githubusercontent.com', 'evilgithubusercontent.com', false],
  ])('rule %s, host %s → %p', (rule, host, allowed) => {
    const d = decideTarget({ ...policy(), domains: [parseDomainRule(rule)] }, host, 443);
    expect(d.allow).toBe(allowed);
  });
  test.each([
    '*',
    '*.',
    '*.*.example.com',
    'a.*.example.com',
    'http://github.com',
    '1.2.3.4',
    'github.com:443',
    '',
  ])('rule %j is refused with the input named', (rule) =>
    expect(() => parseDomainRule(rule)).toThrow(/^--allow-domain: /),
  );
});

describe('decideTarget', () => {
  test.each([
    ['github.com', 443, true, undefined],
    ['github.com', 80, true, undefined],
    ['github.com', 22, false, 'port-not-allowed'],
    ['github.com', 8443, false, 'port-not-allowed'],
    ['gitlab.com', 443, false, 'not-allowlisted'],
    ['127.0.0.1', 443, false, 'ip-literal'],
    ['2130706433', 443, false, 'ip-literal'],
    ['0x7f.1', 443, false, 'ip-literal'],
    ['[::1]', 443, false, 'ip-literal'],
    ['::ffff:127.0.0.1', 443, false, 'ip-literal'],
    ['169.254.169.254', 80, false, 'ip-literal'],
    ['168.63.129.16', 80, false, 'ip-literal'],
    ['140.82.112.3', 443, false, 'ip-literal'],
    ['not a host', 443, false, 'invalid-host'],
  ])('%s:%d → %p %s', (host, port, allow, reason) => {
    const d = decideTarget(policy(), host, port);
    expect(d.allow).toBe(allow);
    if (!d.allow) expect(d.reason).toBe(reason);
  });
  test('an IP literal inside --allow-cidr is allowed; outside it is not', () => {
    const p = policy({ allowCidrs: [parseCidr('10.9.0.0/16')] });
    expect(decideTarget(p, '10.9.1.2', 443).allow).toBe(true);
    expect(decideTarget(p, '0x0a090102', 443).allow).toBe(true);
    expect(decideTarget(p, '10.10.1.2', 443).allow).toBe(false);
  });
  test('audit mode lets an unlisted name through to the lookup, never an address or a bad port', () => {
    const p = policy({ mode: 'audit', domains: [] });
    expect(decideTarget(p, 'pypi.org', 443).allow).toBe(true);
    expect(decideTarget(p, '127.0.0.1', 443)).toMatchObject({ allow: false, reason: 'ip-literal' });
    expect(decideTarget(p, 'pypi.org', 25)).toMatchObject({ allow: false, reason: 'port-not-allowed' });
  });
});

describe('special addresses (DNS rebinding, metadata, private ranges)', () => {
  test.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['169.254.169.254', 'link-local'],
    ['168.63.129.16', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'private'],
    ['fc00::1', 'private'],
    ['ff02::1', 'multicast'],
    ['64:ff9b::a9fe:a9fe', 'nat64'],
    ['2002:7f00:1::', '6to4'],
    ['140.82.112.3', null],
    ['172.32.0.1', null],
    ['100.128.0.1', null],
    ['2606:4700::1', null],
  ])('%s → %p', (address, cls) => expect(specialClass(address)).toBe(cls));

  test('any special answer refuses the name, even beside a public one; the checked address is the one used', () => {
    const p = policy();
    expect(decideAddresses(p, 'github.com', ['140.82.112.3'])).toMatchObject({
      allow: true,
      address: '140.82.112.3',
    });
    expect(decideAddresses(p, 'github.com', ['140.82.112.3', '127.0.0.1'])).toMatchObject({
      allow: false,
      reason: 'special-address',
    });
    expect(decideAddresses(p, 'github.com', ['169.254.169.254'])).toMatchObject({ allow: false });
    expect(decideAddresses(p, 'github.com', [])).toMatchObject({ allow: false, reason: 'no-address' });
    const mirror = policy({ allowCidrs: [parseCidr('172.18.0.0/16')] });
    expect(decideAddresses(mirror, 'mirror.internal.example', ['172.18.0.5'])).toMatchObject({ allow: true });
    expect(decideAddresses(mirror, 'mirror.internal.example', ['172.19.0.5'])).toMatchObject({
      allow: false,
    });
  });

  test.each(['10.0.0.0/33', '10.0.0.0', 'fd00::/129', 'x/8', '10.0.0.0/-1'])('CIDR %j is refused', (c) =>
    expect(() => parseCidr(c)).toThrow(/^--allow-cidr: /),
  );
});

describe('SNI and Host header', () => {
  test.each([
    ['github.com', 'github.com', true, undefined],
    ['github.com', 'GitHub.com.', true, undefined],
    ['github.com', 'evil.example', false, 'sni-mismatch'],
    ['github.com', 'api.github.com', false, 'sni-mismatch'],
    ['github.com', null, false, 'sni-missing'],
    ['github.com', '', false, 'sni-missing'],
    ['140.82.112.3', '140.82.112.3', false, 'sni-mismatch'],
  ])('CONNECT %s, SNI %j → %p', (host, sni, allow, reason) => {
    const d = decideSni(host, sni);
    expect(d.allow).toBe(allow);
    if (!d.allow) expect(d.reason).toBe(reason);
  });
  test.each([
    ['github.com', 'github.com', true],
    ['github.com', 'github.com:80', true],
    ['github.com', 'GITHUB.COM', true],
    ['github.com', 'evil.example', false],
    ['github.com', undefined, true],
  ])('URI %s, Host %j → %p', (uri, header, allow) => expect(decideHostHeader(uri, header).allow).toBe(allow));
});
