/**
 * Executes a build plan. Two paths, chosen by what the host has:
 * - buildx: one `docker buildx bake` over the generated definition (parallel, shared cache, pushes itself);
 * - engine: the engine's own builder per image and platform (QEMU through binfmt for foreign platforms), each
 *   platform image pushed under a staging tag, then one manifest list per final tag written to the registry.
 * Either way a multi-platform push really produces a manifest list. Credentials reach the engine in its auth
 * header and the registry in requests, never on a command line.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { EngineError, InputError, errorMessage } from '../config/errors.js';
import type { Engine } from '../engine/types.js';
import { MEDIA, bakeDefinition, manifestList, type BuildTarget, type ImageSource } from './build-plan.js';
import { RegistryClient, parseReference, type Credentials } from './registry.js';

/** The images under `root/images` (a directory with a Dockerfile each); egress-proxy builds from `dist/`. */
export function imageSources(root: string): ImageSource[] {
  const dir = path.join(root, 'images');
  const out: ImageSource[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const dockerfile = path.join(dir, name, 'Dockerfile');
    if (!fs.existsSync(dockerfile)) continue;
    const text = fs.readFileSync(dockerfile, 'utf8');
    const first = /^#\s*(.+)$/m.exec(text)?.[1] ?? name;
    const args: Record<string, string> = {};
    const toolchain = path.join(dir, name, 'lean-toolchain');
    if (fs.existsSync(toolchain)) args.LEAN_TOOLCHAIN = fs.readFileSync(toolchain, 'utf8').trim();
    out.push({
      name,
      contextDir: name === 'egress-proxy' ? path.join(root, 'dist') : path.join(dir, name),
      dockerfile,
      title: `sandbox-action ${name}`,
      description: first.replace(/^[\w-]+:\s*/, '').slice(0, 200),
      args,
    });
  }
  return out;
}

/** The context as a tar: the directory's regular files, and the Dockerfile (as `Dockerfile` when it lives outside). */
export function contextTar(src: ImageSource): { stream: Readable; dockerfile: string } {
  const pack = tar.pack();
  const opts = { mode: 0o644, uid: 0, gid: 0, mtime: new Date(0) };
  const inside = path.relative(src.contextDir, src.dockerfile);
  const outside = inside.startsWith('..') || path.isAbsolute(inside);
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(src.contextDir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(path.join(src.contextDir, r));
      if (st.isDirectory()) walk(r);
      else if (st.isFile()) {
        pack.entry(
          { name: r, ...opts, mode: st.mode & 0o755 ? st.mode & 0o777 : 0o644 },
          fs.readFileSync(path.join(src.contextDir, r)),
        );
      }
    }
  };
  walk('');
  if (outside) pack.entry({ name: 'Dockerfile', ...opts }, fs.readFileSync(src.dockerfile));
  pack.finalize();
  return { stream: Readable.from(pack), dockerfile: outside ? 'Dockerfile' : inside };
}

export function hasBuildx(): boolean {
  const r = spawnSync('docker', ['buildx', 'version'], { stdio: 'ignore' });
  return r.status === 0;
}

/** Credentials for a registry host: given ones, else the `auths` of ~/.docker/config.json (docker login). */
export function credentialsFor(
  host: string,
  given: Credentials | null,
  home = os.homedir(),
): Credentials | null {
  if (given) return given;
  try {
    const cfg = JSON.parse(
      fs.readFileSync(
        path.join(process.env.DOCKER_CONFIG ?? path.join(home, '.docker'), 'config.json'),
        'utf8',
      ),
    ) as {
      auths?: Record<string, { auth?: string }>;
    };
    const auth = cfg.auths?.[host]?.auth ?? cfg.auths?.[`https://${host}`]?.auth;
    if (!auth) return null;
    const text = Buffer.from(auth, 'base64').toString('utf8');
    const i = text.indexOf(':');
    return i > 0 ? { username: text.slice(0, i), password: text.slice(i + 1) } : null;
  } catch {
    return null;
  }
}

export interface BuiltImage {
  image: string;
  references: string[];
  /** The digest every reference resolves to (the manifest list's when several platforms were built). */
  digest: string | null;
  platforms: { platform: string; ref: string; digest: string | null }[];
  pushed: boolean;
}

export interface BuildRun {
  builder: 'engine' | 'buildx';
  images: BuiltImage[];
}

type EngineBuildOptions = {
  push: boolean;
  creds: Credentials | null;
  progress: (line: string) => void;
  noCache?: boolean;
};

/** Engine path: each image built per platform, tagged, and with `push` pushed under one manifest (list). */
export async function buildWithEngine(
  engine: Engine,
  targets: BuildTarget[],
  o: EngineBuildOptions,
): Promise<BuildRun> {
  const images: BuiltImage[] = [];
  for (const t of targets) {
    const built = await buildTarget(engine, t, o);
    if (o.push) await pushTarget(engine, t, built, o);
    images.push(built);
  }
  return { builder: 'engine', images };
}

/** One image for each of its platforms, under its staging reference (one platform: every final tag too). */
async function buildTarget(engine: Engine, t: BuildTarget, o: EngineBuildOptions): Promise<BuiltImage> {
  const built: BuiltImage = {
    image: t.image,
    references: t.references,
    digest: null,
    platforms: [],
    pushed: false,
  };
  for (const p of t.platforms) {
    const ctx = contextTar(t.source);
    o.progress(`building ${t.image} for ${p.platform}`);
    await engine.imageBuild(
      ctx.stream,
      {
        tags: [p.stagingRef],
        dockerfile: ctx.dockerfile,
        buildArgs: p.args,
        labels: t.labels,
        platform: p.platform,
        noCache: o.noCache === true,
      },
      (l) => o.progress(`  ${t.image} ${p.platform}: ${l}`),
    );
    built.platforms.push({ platform: p.platform, ref: p.stagingRef, digest: null });
  }
  if (t.platforms.length === 1) {
    for (const r of t.references)
      if (r !== t.platforms[0]!.stagingRef) await engine.imageTag(t.platforms[0]!.stagingRef, r);
  }
  return built;
}

/** Each platform's image pushed, then one manifest (a list for several platforms) put under every tag. */
async function pushTarget(
  engine: Engine,
  t: BuildTarget,
  built: BuiltImage,
  o: EngineBuildOptions,
): Promise<void> {
  const ref = parseReference(t.references[0]!);
  const registry = new RegistryClient(ref.host, o.creds);
  const auth = o.creds ? { ...o.creds, serveraddress: ref.host } : null;
  const entries: { digest: string; size: number; mediaType: string; platform: string }[] = [];
  for (const p of built.platforms) {
    o.progress(`pushing ${p.ref}`);
    const pushed = await withRetries(() => engine.imagePush(p.ref, auth), o.progress);
    p.digest = pushed.digest;
    const m = await registry.getManifest(ref.repository, pushed.digest, [MEDIA.manifest, MEDIA.ociManifest]);
    entries.push({
      digest: pushed.digest,
      size: m.size,
      mediaType: m.mediaType || MEDIA.manifest,
      platform: p.platform,
    });
  }
  let body: Buffer;
  let mediaType: string;
  if (entries.length > 1) {
    body = Buffer.from(JSON.stringify(manifestList(entries), null, 2));
    mediaType = MEDIA.list;
  } else {
    const m = await registry.getManifest(ref.repository, entries[0]!.digest, [
      MEDIA.manifest,
      MEDIA.ociManifest,
    ]);
    body = m.body;
    mediaType = m.mediaType;
  }
  for (const r of t.references) {
    const tag = parseReference(r).ref;
    built.digest = await registry.putManifest(ref.repository, tag, body, mediaType);
    o.progress(`tagged ${r}`);
  }
  built.pushed = true;
}

async function withRetries<T>(fn: () => Promise<T>, progress: (l: string) => void, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const msg = errorMessage(err);
      const transient = /\b(429|5\d\d)\b|toomanyrequests|timeout|connection reset|EOF/i.test(msg);
      if (!transient || i >= attempts) throw err;
      const ms = 1000 * 2 ** (i - 1);
      progress(`retrying in ${ms} ms after: ${msg.slice(0, 200)}`);
      await new Promise((r) => setTimeout(r, ms));
    }
  }
}

/** buildx path: one bake over the generated definition. */
export async function buildWithBake(
  targets: BuildTarget[],
  o: { push: boolean; github: boolean; root: string; progress: (line: string) => void },
): Promise<BuildRun> {
  const def = bakeDefinition(targets, o);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bake-')), 'bake.json');
  fs.writeFileSync(file, JSON.stringify(def, null, 2));
  const code = await new Promise<number>((resolve) => {
    const child = spawn('docker', ['buildx', 'bake', '-f', file, ...(o.push ? ['--push'] : [])], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new EngineError('docker', 'buildx bake', `exited with ${code}`);
  return {
    builder: 'buildx',
    images: targets.map((t) => ({
      image: t.image,
      references: t.references,
      digest: null,
      platforms: t.platforms.map((p) => ({ platform: p.platform, ref: t.references[0]!, digest: null })),
      pushed: o.push,
    })),
  };
}

/** Fails early, before anything is built, when pushing cannot work. */
export async function checkPushCredentials(reference: string, creds: Credentials | null): Promise<void> {
  const ref = parseReference(reference);
  if (!creds) {
    throw new InputError(
      '--push',
      `no credentials for ${ref.host}: pass --username with --password-stdin (or run docker login ${ref.host})`,
    );
  }
  const ok = await new RegistryClient(ref.host, creds, { attempts: 3 })
    .canPush(ref.repository)
    .catch(() => false);
  if (!ok) {
    throw new InputError(
      '--password-stdin',
      `the registry ${ref.host} refused the credentials of '${creds.username}'`,
    );
  }
}
