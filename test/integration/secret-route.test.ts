/**
 * --secret-route through the proxy, by attack: the sandbox calls the upstream through `API_BASE_URL` and the
 * upstream receives the host's secret; the secret is nowhere the sandbox can look (its environment, its files,
 * /proc, the log, the result); what the sandbox sends cannot point the route at another host (a Host header, a
 * name with `@`, `..`, an unknown route), and every other host is refused as before. The control hands the same
 * secret to the sandbox the wrong way (--env and a file) and the same search finds it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { engineOrSkip, labelled, run, tmpDir } from '../helpers/engine.js';
import { startEgressFixtures, type EgressFixtures } from '../helpers/egress-fixtures.js';
import { SMALL, exec, sa } from '../helpers/sessions.js';

jest.setTimeout(300_000);
const { engine, d } = await engineOrSkip();
const SECRET = `sk-test-${crypto.randomBytes(16).toString('hex')}`;
const VAR = 'SA_TEST_ROUTE_SECRET';
let fx: EgressFixtures;

beforeAll(async () => {
  if (!engine) return;
  fx = await startEgressFixtures(engine, `route${process.pid}`);
  process.env[VAR] = SECRET;
}, 300_000);
afterAll(() => {
  Reflect.deleteProperty(process.env, VAR);
  if (engine) fx?.teardown();
});

/** Proxy mode with one route to up.test (HTTPS, the test CA); up.test itself is not on the allowlist. */
const routed = () => [
  '--network',
  'proxy',
  '--egress-network',
  fx.net,
  '--proxy-image',
  fx.proxyImage,
  '--pull',
  'never',
  '--add-host',
  `up.test:${fx.upIp}`,
  '--add-host',
  `other.test:${fx.upIp}`,
  '--allow-cidr',
  `${fx.upIp}/32`,
  '--secret-route',
  `api=https://up.test,header=x-api-key,env=${VAR},ca=${fx.certs.caFile}`,
];

/** Looks for the secret's fixed prefix (the sandbox never gets the secret to look for). */
const SEARCH = [
  'echo "env=$(env | grep -c sk-tes[t]-)"',
  'echo "proc=$(cat /proc/[0-9]*/environ /proc/[0-9]*/cmdline 2>/dev/null | tr "\\0" "\\n" | grep -c sk-tes[t]-)"',
  'echo "files=$(grep -rlsa --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev sk-tes[t]- / 2>/dev/null | wc -l)"',
].join('\n');

const PROBES = `
P=\${API_BASE_URL#http://}; P=\${P%%/*}
c() { curl -sS --max-time 10 "$@" 2>&1; echo " rc=$?"; }
echo "base=$API_BASE_URL"
echo "hello: $(c --noproxy '*' "$API_BASE_URL/v1/hello")"
echo "hosttrick: $(c --noproxy '*' -H 'Host: other.test' -H 'x-api-key: mine' "$API_BASE_URL/v1/host-trick")"
echo "absolute: $(c "$API_BASE_URL/v1/absolute")"
echo "dots: $(c --noproxy '*' --path-as-is "$API_BASE_URL/../../v1/dots")"
echo "at: $(c --noproxy '*' "http://$P/api@other.test/v1/at")"
echo "unknown: $(c --noproxy '*' "http://$P/nope/v1/x")"
echo "other-https: $(c https://other.test/v1/other)"
echo "other-http: $(c http://other.test/v1/other)"
echo "up-direct: $(c https://up.test/v1/direct)"
${SEARCH}
`;

const isolations = (process.env.SANDBOX_TEST_ISOLATIONS ?? 'default,runsc').split(',');

d.each(isolations)('--secret-route (isolation %s)', (isolation) => {
  const ISO = ['--isolation', isolation];
  test('the upstream receives the secret; the sandbox never sees it; nothing else is reachable through the route', async () => {
    const src = tmpDir('route-src');
    fs.chmodSync(src, 0o755);
    const seen = fx.upstreamRequests().length; // the upstream is shared by the isolations: only this run's
    const r = await run([...routed(), ...ISO, '--source', src], ['sh', '-c', PROBES], { image: fx.client });
    expect(r.result.engine.runtime).toMatch(isolation === 'runsc' ? /^runsc-seccomp-host$/ : /^default$/);
    const out = r.stderr;
    expect(r.result.status).toBe('succeeded');
    expect(out).toMatch(/^base=http:\/\/[0-9.]+:3128\/api$/m);
    const reqs = fx
      .upstreamRequests()
      .slice(seen)
      .map((l) => JSON.parse(l) as Record<string, string>);
    const at = (url: string) => reqs.filter((q) => q.url === url);
    // The upstream receives it, over HTTPS, as up.test, with the secret in the route's header.
    for (const u of ['/v1/hello', '/v1/host-trick', '/v1/absolute']) {
      expect(at(u)).toEqual([{ scheme: 'https', method: 'GET', url: u, host: 'up.test', apiKey: SECRET }]);
    }
    expect(out).toMatch(/^hello: hello from https \/v1\/hello$/m);
    // `..` stays a path on up.test; a name with @ or an unknown name is no route at all.
    expect(reqs.filter((q) => q.url?.includes('dots')).every((q) => q.host === 'up.test')).toBe(true);
    expect(out).toMatch(
      /^at: sandbox-action egress: bad-request: there is no secret route 'api@other.test'$/m,
    );
    expect(out).toMatch(/^unknown: sandbox-action egress: bad-request: there is no secret route 'nope'$/m);
    // Every other host is refused as before, the route's own host too (it is not on the allowlist).
    expect(at('/v1/other')).toEqual([]);
    expect(at('/v1/direct')).toEqual([]);
    expect(out).toMatch(/^other-https: curl: \(56\) CONNECT tunnel failed, response 403$/m);
    expect(out).toMatch(
      /^other-http: sandbox-action egress: not-allowlisted: other.test is not in the allowlist$/m,
    );
    expect(r.result.egress!.refusedTotal).toBeGreaterThanOrEqual(3);
    // The secret is nowhere the sandbox can look, nor in the log or the result.
    expect(out).toMatch(/^env=0$/m);
    expect(out).toMatch(/^proc=0$/m);
    expect(out).toMatch(/^files=0$/m);
    expect(out).not.toContain(SECRET);
    expect(JSON.stringify(r.result)).not.toContain(SECRET);
    expect(r.result.loosened.map((l) => l.option)).toContain('--secret-route api=https://up.test');
    expect(await labelled(engine!, r.result.runId)).toEqual([]);
  });

  test('control: the same search finds the secret when it is handed in the wrong way (--env, a file)', async () => {
    const src = tmpDir('route-leak');
    fs.writeFileSync(path.join(src, 'config'), `key=${SECRET}\n`);
    fs.chmodSync(src, 0o755);
    const r = await run(
      [...routed(), ...ISO, '--source', src, '--env', `LEAKED=${SECRET}`],
      ['sh', '-c', SEARCH],
      { image: fx.client },
    );
    expect(r.stderr).toMatch(/^env=1$/m);
    expect(r.stderr).toMatch(/^proc=[1-9]\d*$/m);
    expect(r.stderr).toMatch(/^files=[1-9]\d*$/m);
  });
});

d('--secret-route in sessions and bad input', () => {
  test('a session gets the route too (its proxy lives as long as it), without the secret', async () => {
    const c = await sa(['create', '--image', fx.client, ...SMALL, ...routed()]);
    expect(c.code).toBe(0);
    const id = c.stdout.trim();
    try {
      const r = await exec(id, ['sh', '-c', `curl -sS --noproxy '*' "$API_BASE_URL/v1/session"; ${SEARCH}`]);
      expect(r.stderr).toContain('hello from https /v1/session');
      expect(r.stderr).toMatch(/^env=0$/m);
      expect(r.stderr).toMatch(/^proc=0$/m);
      expect(fx.upstreamRequests().some((l) => l.includes('/v1/session') && l.includes(SECRET))).toBe(true);
    } finally {
      await sa(['rm', id]);
    }
  });

  test('bad input: a route whose variable is not set is one line, exit 125, nothing made', async () => {
    const r = await run(
      [...SMALL, ...routed().slice(0, -1), `api=https://up.test,env=SA_TEST_UNSET_VAR`],
      ['true'],
      {
        image: fx.client,
      },
    );
    expect(r.code).toBe(125);
    expect(r.result.error).toBe(
      "--secret-route: 'api' takes its secret from $SA_TEST_UNSET_VAR, which is not set here; export it before the run",
    );
    expect(await labelled(engine!, r.result.runId)).toEqual([]);
  });
});
