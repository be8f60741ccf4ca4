/** --secret-route, pure: the option's text, the sandbox's variables, the secrets, and which request is a route. */
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { InputError } from '../../src/config/errors.js';
import {
  baseUrlVar,
  parseSecretRoute,
  parseSecretRoutes,
  routeEnv,
  routeSecrets,
} from '../../src/config/secret-routes.js';
import type { ProxyRoute } from '../../src/egress/config.js';
import { matchRoute } from '../../src/egress/routes.js';

const parse = (v: string) => parseSecretRoute(v, '/cwd', (c, p) => path.resolve(c, p));

describe('--secret-route NAME=https://HOST[,header=H,env=VAR,ca=FILE]', () => {
  test.each([
    [
      'anthropic=https://api.anthropic.com,header=x-api-key,env=ANTHROPIC_API_KEY',
      {
        name: 'anthropic',
        host: 'api.anthropic.com',
        port: 443,
        header: 'x-api-key',
        env: 'ANTHROPIC_API_KEY',
        caFile: null,
      },
    ],
    [
      'my-api=https://Api.Example.COM:8443/',
      {
        name: 'my-api',
        host: 'api.example.com',
        port: 8443,
        header: 'authorization',
        env: 'MY_API_API_KEY',
        caFile: null,
      },
    ],
    [
      'x=https://h.test,ca=certs/ca.pem,header=Authorization',
      {
        name: 'x',
        host: 'h.test',
        port: 443,
        header: 'authorization',
        env: 'X_API_KEY',
        caFile: '/cwd/certs/ca.pem',
      },
    ],
  ])('%s', (v, want) => expect(parse(v)).toEqual(want));

  test.each([
    ['api', /is not NAME=https:\/\/HOST/],
    ['API=https://h.test', /NAME 'API' must be lower case/],
    ['api=http://h.test', /is not https:\/\/HOST/],
    ['api=https://h.test/v1', /no path/],
    ['api=https://user@h.test', /no user/],
    ['api=https://10.0.0.1', /is not a host name/],
    ['api=https://h.test,header=Host', /header 'Host' is not a header the route may set/],
    ['api=https://h.test,header=proxy-authorization', /is not a header the route may set/],
    ['api=https://h.test,env=1BAD', /env '1BAD' is not a variable name/],
    ['api=https://h.test,path=/x', /'path=\/x' is not header=, env= or ca=/],
  ])('%s is refused with one line', (v, why) => {
    expect(() => parse(v)).toThrow(InputError);
    expect(() => parse(v)).toThrow(why);
  });

  test('two routes of one name are refused', () =>
    expect(() => parseSecretRoutes(['a=https://x.test', 'a=https://y.test'], '/', path.resolve)).toThrow(
      "two routes named 'a'",
    ));

  test('the sandbox gets NAME_BASE_URL pointing at the proxy, never the secret', () => {
    const r = [parse('my-api=https://h.test')];
    expect(baseUrlVar('my-api')).toBe('MY_API_BASE_URL');
    expect(routeEnv(r, '10.1.2.3', 3128)).toEqual(['MY_API_BASE_URL=http://10.1.2.3:3128/my-api']);
  });

  test('secrets come from the trusted side: a missing or multi-line one is one line', () => {
    const r = [parse('api=https://h.test,env=K')];
    expect(routeSecrets(r, { K: 's3' })).toEqual({ api: 's3' });
    expect(() => routeSecrets(r, {})).toThrow("'api' takes its secret from $K, which is not set here");
    expect(() => routeSecrets(r, { K: 'a\nb' })).toThrow('$K holds a line break');
  });
});

describe('which request is a route (the proxy side)', () => {
  const route: ProxyRoute = {
    name: 'api',
    host: 'h.test',
    port: 443,
    header: 'x-api-key',
    value: 'S',
    ca: null,
  };
  const self = ['10.0.0.2:3128'];
  test.each([
    ['/api/v1/messages', { route, path: '/v1/messages' }],
    ['/api', { route, path: '/' }],
    ['/api?x=1', { route, path: '/?x=1' }],
    ['/api/../../etc', { route, path: '/../../etc' }],
    ['http://10.0.0.2:3128/api/v1/m', { route, path: '/v1/m' }],
    ['/api//evil.test/x', { unknown: 'api' }],
    ['/api@evil.test/x', { unknown: 'api@evil.test' }],
    ['/apix/v1', { unknown: 'apix' }],
    ['/', { unknown: '' }],
    ['http://evil.test/api/v1', null],
    ['http://10.0.0.2:3129/api/v1', null],
    ['https://10.0.0.2:3128/api/v1', null],
  ])('%s', (url, want) => expect(matchRoute([route], url, self)).toEqual(want));
});

describe('the agent preset', () => {
  test('its API through a secret route, nothing else allowed; the sandbox gets ANTHROPIC_BASE_URL and a placeholder', async () => {
    const { parseRunOptions } = await import('../../src/config/run-options.js');
    const s = parseRunOptions({ preset: 'agent', image: 'mine/agent:1' }, ['claude', '-p', 'fix it'], {
      cpus: 2,
      cwd: '/',
    });
    expect(s.network).toBe('proxy');
    expect(s.egress!.domains).toEqual([]);
    expect(s.egress!.routes).toEqual([
      {
        name: 'anthropic',
        host: 'api.anthropic.com',
        port: 443,
        header: 'x-api-key',
        env: 'ANTHROPIC_API_KEY',
        caFile: null,
      },
    ]);
    expect(routeEnv(s.egress!.routes, '10.0.0.2', 3128)).toEqual([
      'ANTHROPIC_BASE_URL=http://10.0.0.2:3128/anthropic',
    ]);
    expect(s.env).toContain('ANTHROPIC_API_KEY=sandbox-action-placeholder-the-proxy-sets-the-real-key');
    expect(s.command).toEqual(['claude', '-p', 'fix it']);
  });
});
