/** The image build as data, the registry client against a local fake registry, and the sub-actions' inputs. */
import http from 'node:http';
import type net from 'node:net';
import { describe, expect, test } from '@jest/globals';
import { buildArgs } from '../../src/action/build.js';
import { reportArgs } from '../../src/action/report.js';
import {
  MEDIA,
  backoff,
  bakeDefinition,
  manifestList,
  parseBaseImages,
  parseChallenge,
  parseImages,
  parsePlatforms,
  planTargets,
  retryable,
} from '../../src/images/build-plan.js';
import { RegistryClient, parseReference } from '../../src/images/registry.js';
import type { TagPlan } from '../../src/images/tags.js';

describe('inputs of a build', () => {
  test.each<[string, string[] | RegExp]>([
    ['linux/amd64', ['linux/amd64']],
    ['linux/amd64, linux/arm64,linux/amd64', ['linux/amd64', 'linux/arm64']],
    ['linux/arm/v7', ['linux/arm/v7']],
    ['windows/amd64', /^--platforms: 'windows\/amd64' is not a platform/],
    ['linux/arm64/v9', /^--platforms: /],
    ['amd64', /^--platforms: /],
    ['', /^--platforms: names no platform$/],
  ])('platforms %j', (text, want) => {
    if (want instanceof RegExp) expect(() => parsePlatforms(text)).toThrow(want);
    else expect(parsePlatforms(text)).toEqual(want);
  });

  test.each<[string, string[] | RegExp]>([
    ['python-sandbox', ['python-sandbox']],
    ['lean,lean4-dev,lean', ['lean', 'lean4-dev']],
    [
      'pythn-sandbox',
      /^--images: 'pythn-sandbox' is not an image; the images are python-sandbox, lean, lean4-dev$/,
    ],
    [' , ', /^--images: names no image$/],
  ])('images %j', (text, want) => {
    const available = ['python-sandbox', 'lean', 'lean4-dev'];
    if (want instanceof RegExp) expect(() => parseImages(text, available)).toThrow(want);
    else expect(parseImages(text, available)).toEqual(want);
  });

  test.each<[string[], Record<string, string> | RegExp]>([
    [[], {}],
    [
      ['debian:bookworm-slim'],
      { 'linux/amd64': 'debian:bookworm-slim', 'linux/arm64': 'debian:bookworm-slim' },
    ],
    [['base:x', 'linux/arm64=base:arm'], { 'linux/amd64': 'base:x', 'linux/arm64': 'base:arm' }],
    [['linux/s390x=b'], /^--base-image: 'linux\/s390x' is not one of the platforms built/],
    [['linux/arm64= bad'], /^--base-image: /],
  ])('base images %j', (values, want) => {
    const platforms = ['linux/amd64', 'linux/arm64'];
    if (want instanceof RegExp) expect(() => parseBaseImages(values, platforms)).toThrow(want);
    else expect(parseBaseImages(values, platforms)).toEqual(want);
  });
});

const tags: TagPlan = {
  repository: 'ghcr.io/org/repo',
  tags: ['sha-a1b2c3d', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', '1.2.3', 'latest'],
  references: [],
  sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  shaNote: '',
  version: '1.2.3',
  push: true,
  pushNote: 'pushed',
};
const src = (name: string) => ({
  name,
  contextDir: `/r/images/${name}`,
  dockerfile: `/r/images/${name}/Dockerfile`,
  title: `sandbox-action ${name}`,
  description: name,
  args: (name === 'lean' ? { LEAN_TOOLCHAIN: 'leanprover/lean4:v4.19.0' } : {}) as Record<string, string>,
});
const plan = (platforms: string[]) =>
  planTargets({
    images: [src('python-sandbox'), src('lean')],
    platforms,
    registry: 'ghcr.io/org/repo',
    tags,
    labels: (s) => ({ 'org.opencontainers.image.title': s.title }),
    baseImages: { 'linux/arm64': 'base:arm64' },
    buildArgs: { EXTRA: '1' },
  });

describe('targets', () => {
  test('several platforms: staging tags per platform, final tags for the manifest list, arguments merged', () => {
    const [py, lean] = plan(['linux/amd64', 'linux/arm64']);
    expect(py!.references).toEqual(tags.tags.map((t) => `ghcr.io/org/repo/python-sandbox:${t}`));
    expect(py!.platforms).toEqual([
      {
        platform: 'linux/amd64',
        args: { EXTRA: '1' },
        stagingRef: 'ghcr.io/org/repo/python-sandbox:sha-a1b2c3d-linux-amd64',
      },
      {
        platform: 'linux/arm64',
        args: { EXTRA: '1', BASE_IMAGE: 'base:arm64' },
        stagingRef: 'ghcr.io/org/repo/python-sandbox:sha-a1b2c3d-linux-arm64',
      },
    ]);
    expect(lean!.platforms[0]!.args).toEqual({ LEAN_TOOLCHAIN: 'leanprover/lean4:v4.19.0', EXTRA: '1' });
  });

  test('one platform: no staging tag, the image is built under its first final tag', () => {
    expect(plan(['linux/amd64'])[0]!.platforms[0]!.stagingRef).toBe(
      'ghcr.io/org/repo/python-sandbox:sha-a1b2c3d',
    );
  });

  test.each([
    [{ push: true, github: true }, ['type=gha,scope=python-sandbox'], 'type=registry'],
    [
      { push: true, github: false },
      ['type=registry,ref=ghcr.io/org/repo/python-sandbox:buildcache'],
      'type=registry',
    ],
    [{ push: false, github: false }, undefined, 'type=cacheonly'],
  ])('bake definition %j', (o, cacheFrom, output) => {
    const def = bakeDefinition(plan(['linux/amd64', 'linux/arm64']), { ...o, root: '/r' });
    expect(def.group.default!.targets).toEqual(['python-sandbox', 'lean']);
    const t = def.target['python-sandbox']!;
    expect(t).toMatchObject({
      context: '/r/images/python-sandbox',
      platforms: ['linux/amd64', 'linux/arm64'],
      output: [output],
      entitlements: [],
    });
    expect(t['cache-from']).toEqual(cacheFrom);
  });

  test('manifest list: one entry per platform, variant kept', () => {
    expect(
      manifestList([
        { digest: 'sha256:a', size: 1, mediaType: MEDIA.manifest, platform: 'linux/amd64' },
        { digest: 'sha256:b', size: 2, mediaType: MEDIA.manifest, platform: 'linux/arm/v7' },
      ]),
    ).toEqual({
      schemaVersion: 2,
      mediaType: MEDIA.list,
      manifests: [
        {
          mediaType: MEDIA.manifest,
          digest: 'sha256:a',
          size: 1,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: MEDIA.manifest,
          digest: 'sha256:b',
          size: 2,
          platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
        },
      ],
    });
  });
});

describe('registry protocol', () => {
  test.each([
    [
      'ghcr.io/org/repo/python-sandbox:1.2',
      { host: 'ghcr.io', repository: 'org/repo/python-sandbox', ref: '1.2' },
    ],
    ['127.0.0.1:5000/sa/img', { host: '127.0.0.1:5000', repository: 'sa/img', ref: 'latest' }],
    ['localhost/x:y', { host: 'localhost', repository: 'x', ref: 'y' }],
    ['python:3.12', { host: 'registry-1.docker.io', repository: 'library/python', ref: '3.12' }],
    ['r.io/a@sha256:ab', { host: 'r.io', repository: 'a', ref: 'sha256:ab' }],
  ])('reference %s', (text, want) => expect(parseReference(text)).toEqual(want));

  test.each([
    [
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"',
      'bearer',
      { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:a/b:pull' },
    ],
    ['Basic realm="registry"', 'basic', { realm: 'registry' }],
  ])('challenge %s', (h, scheme, params) => expect(parseChallenge(h)).toEqual({ scheme, params }));

  test.each([
    [429, true],
    [500, true],
    [503, true],
    [null, true],
    [401, false],
    [404, false],
    [200, false],
  ])('status %s retryable: %s', (s, want) => expect(retryable(s)).toBe(want));

  test('backoff doubles, is capped, and Retry-After wins', () => {
    expect([1, 2, 3, 4].map((a) => backoff(a, 500))).toEqual([500, 1000, 2000, 4000]);
    expect(backoff(20, 500)).toBe(60_000);
    expect(backoff(1, 500, '3')).toBe(3000);
  });

  test('a fake registry: 429 then 5xx are retried, a Bearer challenge is answered with a token from the realm', async () => {
    const seen: string[] = [];
    let calls = 0;
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      if (req.url!.startsWith('/token')) {
        expect(req.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
        res.end(JSON.stringify({ token: 'T1' }));
        return;
      }
      calls++;
      if (calls === 1) return void res.writeHead(429, { 'retry-after': '0' }).end();
      if (calls === 2) return void res.writeHead(503).end();
      if (req.headers.authorization !== 'Bearer T1') {
        const realm = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/token`;
        return void res
          .writeHead(401, { 'www-authenticate': `Bearer realm="${realm}",service="fake"` })
          .end();
      }
      res.writeHead(200, { 'content-type': MEDIA.manifest, 'docker-content-digest': 'sha256:dd' });
      res.end('{"schemaVersion":2}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const sleeps: number[] = [];
    const client = new RegistryClient(
      `127.0.0.1:${port}`,
      { username: 'u', password: 'p' },
      {
        sleep: async (ms) => void sleeps.push(ms),
      },
    );
    const m = await client.getManifest('a/b', 'latest', [MEDIA.manifest]);
    server.close();
    expect(m).toMatchObject({ digest: 'sha256:dd', mediaType: MEDIA.manifest });
    expect(sleeps).toEqual([0, 1000]);
    expect(seen.filter((s) => s.startsWith('GET /token'))).toHaveLength(1);
    expect(seen.at(-1)).toBe('GET /v2/a/b/manifests/latest Bearer T1');
  });

  test('wrong credentials say so, in one line', async () => {
    const server = http.createServer((_req, res) =>
      res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end(),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const client = new RegistryClient(`127.0.0.1:${(server.address() as net.AddressInfo).port}`, {
      username: 'u',
      password: 'bad',
    });
    await expect(client.getManifest('a/b', 'x', [MEDIA.manifest])).rejects.toThrow(
      /refused the credentials \(401\)/,
    );
    expect(await client.canPush('a/b')).toBe(false);
    server.close();
  });
});

describe('sub-action inputs', () => {
  const env = (o: Record<string, string>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));

  test('build: lists and booleans become options; the password is never an argument', () => {
    const r = buildArgs(
      env({
        images: 'python-sandbox',
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: 'a\nb',
        'base-image': 'linux/arm64=x',
        username: 'me',
        password: 's3cret',
      }),
    );
    expect(r.argv).toEqual([
      '--images',
      'python-sandbox',
      '--platforms',
      'linux/amd64,linux/arm64',
      '--tag',
      'a',
      '--tag',
      'b',
      '--base-image',
      'linux/arm64=x',
      '--push',
      '--username',
      'me',
      '--password-stdin',
    ]);
    expect(r.argv.join(' ')).not.toContain('s3cret');
    expect(r.password).toBe('s3cret');
    expect(() => buildArgs(env({ push: 'yes' }))).toThrow(/^push: 'yes' is not true or false$/);
  });

  test('report: inputs become options, the token stays out of the arguments', () => {
    const r = reportArgs(env({ result: 'r.json', token: 'ghs_x', name: 'verify', 'dry-run': 'true' }));
    expect(r.argv).toEqual(['--result', 'r.json', '--name', 'verify', '--dry-run']);
    expect(r.token).toBe('ghs_x');
    expect(() => reportArgs(env({ 'dry-run': 'maybe' }))).toThrow(/^dry-run: 'maybe' is not true or false$/);
  });
});
