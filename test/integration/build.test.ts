/**
 * `sandbox-action build` against a real registry (docker-registry with htpasswd) and the real engine: python-sandbox
 * for linux/amd64 and linux/arm64 (QEMU), pushed as a manifest list under every computed tag; then the registry is
 * read back and the image is run on both platforms. Bad input and a wrong password push nothing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { MEDIA } from '../../src/images/build-plan.js';
import { RegistryClient } from '../../src/images/registry.js';
import { BASE, CLI, engineOrSkip } from '../helpers/engine.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';

jest.setTimeout(30 * 60_000);
const { engine, d } = await engineOrSkip();
const ARM64_BASE = process.env.SANDBOX_BASE_IMAGE_ARM64 ?? 'sandbox-action/base:bookworm-arm64';
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
let reg: TestRegistry;

beforeAll(async () => {
  if (engine) reg = await startRegistry();
});
afterAll(() => reg?.stop());

/** The bundled CLI with the password on stdin. */
function build(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'build', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// The engine path is the one under test (GitHub's runners have buildx, which `auto` would pick).
const facts = [
  '--sha',
  SHA,
  '--ref',
  'refs/tags/v1.2.3',
  '--event',
  'push',
  '--default-branch',
  'main',
  '--builder',
  'engine',
];

d('sandbox-action build', () => {
  test('python-sandbox for amd64 and arm64: one manifest list under every tag, labelled, runnable on both as non-root', async () => {
    const registry = `${reg.host}/sa`;
    const r = await build(
      [
        '--images',
        'python-sandbox',
        '--platforms',
        'linux/amd64,linux/arm64',
        '--registry',
        registry,
        '--base-image',
        `linux/amd64=${BASE}`,
        '--base-image',
        `linux/arm64=${ARM64_BASE}`,
        '--push',
        '--username',
        reg.user,
        '--password-stdin',
        '--json',
        ...facts,
      ],
      reg.password,
    );
    expect({ code: r.code, err: r.code === 0 ? '' : r.stderr.slice(-2000) }).toEqual({ code: 0, err: '' });
    expect(r.stderr).not.toContain(reg.password);
    const out = JSON.parse(r.stdout) as {
      builder: string;
      images: { references: string[]; digest: string }[];
    };
    expect(out.builder).toBe('engine');
    const img = out.images[0]!;
    const tags = img.references.map((x) => x.split(':').pop());
    // A release tag: the version tags, never latest (that is the default branch's).
    expect(tags).toEqual(['sha-a1b2c3d', SHA, '1.2.3', '1.2', '1']);

    const client = new RegistryClient(reg.host, { username: reg.user, password: reg.password });
    const digests = new Set<string>();
    let list: { manifests: { digest: string; platform: { architecture: string; os: string } }[] } | null =
      null;
    for (const t of tags) {
      const m = await client.getManifest('sa/python-sandbox', t!, [MEDIA.list, MEDIA.ociIndex]);
      expect(m.mediaType).toBe(MEDIA.list);
      digests.add(m.digest);
      list = m.json as typeof list;
    }
    expect(digests.size).toBe(1);
    expect([...digests][0]).toBe(img.digest);
    expect(list!.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
    for (const m of list!.manifests) {
      const manifest = (
        await client.getManifest('sa/python-sandbox', m.digest, [MEDIA.manifest, MEDIA.ociManifest])
      ).json as { config: { digest: string } };
      const config = (await client.getBlobJson('sa/python-sandbox', manifest.config.digest)) as {
        architecture: string;
        config: { Labels: Record<string, string>; User: string };
      };
      expect(config.architecture).toBe(m.platform.architecture);
      expect(config.config.Labels['org.opencontainers.image.revision']).toBe(SHA);
      expect(config.config.Labels['org.opencontainers.image.version']).toBe('1.2.3');
      expect(config.config.User).toBe('sandbox');
    }
    // The verification command, pulled back from the registry, on both platforms, as non-root.
    execFileSync('docker', ['login', reg.host, '-u', reg.user, '--password-stdin'], {
      input: reg.password,
      stdio: 'pipe',
      timeout: 60_000,
    });
    try {
      for (const platform of ['linux/amd64', 'linux/arm64']) {
        const ref = `${registry}/python-sandbox:1.2.3`;
        execFileSync('docker', ['rmi', '-f', ref], { stdio: 'ignore', timeout: 60_000 });
        const got = execFileSync(
          'docker',
          [
            'run',
            '--rm',
            '--pull',
            'always',
            '--platform',
            platform,
            ref,
            '-c',
            "import os, platform, pytest, numpy, scipy; print('ok', os.getuid(), platform.machine())",
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 },
        );
        expect(got.trim()).toBe(`ok 1000 ${platform === 'linux/amd64' ? 'x86_64' : 'aarch64'}`);
      }
    } finally {
      execFileSync('docker', ['logout', reg.host], { stdio: 'ignore', timeout: 60_000 });
    }
  });

  test('a wrong password fails with one clear line before anything is built or pushed', async () => {
    const r = await build(
      [
        '--images',
        'python-sandbox',
        '--registry',
        `${reg.host}/wrongpw`,
        '--base-image',
        BASE,
        '--push',
        '--username',
        reg.user,
        '--password-stdin',
        ...facts,
      ],
      'not-the-password',
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `sandbox-action: --password-stdin: the registry ${reg.host} refused the credentials of '${reg.user}'`,
    ]);
    const client = new RegistryClient(reg.host, { username: reg.user, password: reg.password });
    const catalog = await client.request('GET', '/v2/_catalog', { scope: 'registry:catalog:*' });
    expect(catalog.body.toString()).not.toContain('wrongpw');
  });

  test.each([
    [
      ['--images', 'python-sandbox,nope'],
      /^sandbox-action: --images: 'nope' is not an image; the images are egress-proxy, lean, lean4-dev, python-sandbox$/,
    ],
    [
      ['--platforms', 'linux/amd64,windows/amd64'],
      /^sandbox-action: --platforms: 'windows\/amd64' is not a platform/,
    ],
    [['--platforms', 'linux//arm64'], /^sandbox-action: --platforms: 'linux\/\/arm64' is not a platform/],
    [['--tag', '!!!'], /^sandbox-action: --tag: '!!!' cannot be made a Docker tag/],
    [
      ['--push'],
      /^sandbox-action: --push: no credentials for 127\.0\.0\.1:\d+: pass --username with --password-stdin/,
    ],
    [
      ['--username', 'u'],
      /^sandbox-action: --username: needs --password-stdin \(a password is never taken from the command line\)$/,
    ],
    [
      ['--base-image', 'linux/s390x=img'],
      /^sandbox-action: --base-image: 'linux\/s390x' is not one of the platforms built/,
    ],
    [['--builder', 'kaniko'], /^sandbox-action: --builder: 'kaniko' is not auto, buildx or engine$/],
  ])('bad input %j: one line, exit 2, nothing pushed', async (args, re) => {
    const r = await build(['--images', 'python-sandbox', '--registry', `${reg.host}/bad`, ...facts, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(re);
  });

  test('lean and lean4-dev: the Dockerfiles parse and their build arguments resolve (their downloads need GitHub)', async () => {
    const plan = await build([
      '--images',
      'lean,lean4-dev',
      '--registry',
      `${reg.host}/sa`,
      '--dry-run',
      ...facts,
    ]);
    expect(plan.code).toBe(0);
    const p = JSON.parse(plan.stdout) as {
      targets: { image: string; platforms: { args: Record<string, string> }[] }[];
    };
    const toolchain = (await import('node:fs'))
      .readFileSync(new URL('../../images/lean/lean-toolchain', import.meta.url), 'utf8')
      .trim();
    expect(p.targets.find((t) => t.image === 'lean')!.platforms[0]!.args.LEAN_TOOLCHAIN).toBe(toolchain);
    // From `scratch` the first RUN fails for want of a shell: the engine parsed the whole file and resolved every
    // ARG first (a parse error would say so), and nothing was fetched.
    for (const image of ['lean', 'lean4-dev']) {
      const r = await build([
        '--images',
        image,
        '--registry',
        `${reg.host}/sa`,
        '--base-image',
        'scratch',
        '--builder',
        'engine',
        ...facts,
      ]);
      expect(r.code).toBe(1);
      // The engine's own words for the missing shell: any other missing file fails here.
      expect(r.stderr).toMatch(/exec: "\/bin\/sh": stat \/bin\/sh: no such file or directory/);
      expect(r.stderr).not.toMatch(/parse error|unknown instruction|dockerfile parse/i);
    }
  });
});
