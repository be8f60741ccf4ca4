/**
 * The proxy's image. By default it is made from this machine's Node and the bundled proxy, without the network
 * (src/egress/host-image.ts). With --proxy-base-image, or when that cannot be done, it is built from this version's own sources (images/egress-proxy/Dockerfile and the
 * bundled dist/egress-proxy.js, both shipped with the action and the npm package) and tagged with their hash, so
 * a changed proxy is never run from a stale image and an unchanged one is built once per engine. `--proxy-image`
 * names a published image instead (pulled per --pull).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { InputError, errorMessage } from '../config/errors.js';
import { installRoot } from '../config/install.js';
import type { EgressSpec, PullPolicy } from '../config/run-options.js';
import type { Engine } from '../engine/types.js';
import { ensureHostNodeImage } from './host-image.js';

export const PROXY_REPOSITORY = 'sandbox-action/egress-proxy';
/** The base of the built image when the host's Node cannot be used and no base is named. */
export const DEFAULT_PROXY_BASE = 'debian:bookworm-slim';

export interface ProxySources {
  dockerfile: Buffer;
  bundle: Buffer;
}

/** The proxy's sources in this installation (images/egress-proxy/Dockerfile and dist/egress-proxy.js). */
export function findProxySources(root = installRoot()): ProxySources {
  const df = root && path.join(root, 'images', 'egress-proxy', 'Dockerfile');
  const js = root && path.join(root, 'dist', 'egress-proxy.js');
  if (df && js && fs.existsSync(df) && fs.existsSync(js)) {
    return { dockerfile: fs.readFileSync(df), bundle: fs.readFileSync(js) };
  }
  throw new InputError(
    '--proxy-image',
    'this installation has no proxy sources (images/egress-proxy and dist/egress-proxy.js); name a published image with --proxy-image',
  );
}

/** The tag of the image made from these sources and this base. */
export function proxyTag(src: ProxySources, baseImage: string): string {
  const h = crypto.createHash('sha256');
  for (const part of [src.dockerfile, src.bundle, Buffer.from(baseImage)]) {
    h.update(String(part.length));
    h.update(':');
    h.update(part);
  }
  return `${PROXY_REPOSITORY}:src-${h.digest('hex').slice(0, 16)}`;
}

function contextTar(src: ProxySources) {
  const pack = tar.pack();
  const opts = { mode: 0o644, uid: 0, gid: 0, mtime: new Date(0) };
  pack.entry({ name: 'Dockerfile', ...opts }, src.dockerfile);
  pack.entry({ name: 'egress-proxy.js', ...opts }, src.bundle);
  pack.finalize();
  return Readable.from(pack);
}

/** The proxy image reference to run, built or pulled when the engine lacks it. */
export async function ensureProxyImage(
  engine: Engine,
  egress: EgressSpec,
  pull: PullPolicy,
  notice: (line: string) => void,
): Promise<string> {
  if (egress.proxyImage) {
    const ref = egress.proxyImage;
    if (pull !== 'always' && (await engine.imageInspect(ref))) return ref;
    if (pull === 'never') {
      throw new InputError('--proxy-image', `'${ref}' is not on this engine and --pull is never`);
    }
    notice(`pulling the egress proxy image ${ref}`);
    try {
      await engine.imagePull(ref);
    } catch (err) {
      throw new InputError('--proxy-image', `'${ref}' could not be pulled: ${errorMessage(err)}`);
    }
    return ref;
  }
  const src = findProxySources();
  if (egress.proxyBaseImage === null) {
    // No base named: the image is made from this machine's Node, without the network; if that cannot be, from
    // the default base through the engine's builder.
    try {
      const made = await ensureHostNodeImage(engine, src.bundle, notice);
      if ('ref' in made) return made.ref;
      notice(
        `the egress proxy image cannot be made from this machine's Node (${made.unfit}); building it instead`,
      );
    } catch (err) {
      notice(
        `the egress proxy image could not be made from this machine's Node (${errorMessage(err)}); building it instead`,
      );
    }
  }
  const baseImage = egress.proxyBaseImage ?? DEFAULT_PROXY_BASE;
  const tag = proxyTag(src, baseImage);
  if (await engine.imageInspect(tag)) return tag;
  notice(`building the egress proxy image ${tag} from ${baseImage} (once per engine and version)`);
  try {
    await engine.imageBuild(contextTar(src), {
      tags: [tag],
      buildArgs: { BASE_IMAGE: baseImage },
      labels: { 'sandbox-action.proxy-sources': tag.split(':')[1]! },
    });
  } catch (err) {
    throw new InputError(
      '--proxy-image',
      `the proxy image could not be built from ${baseImage}: ${errorMessage(err)}; pass --proxy-base-image or --proxy-image`,
    );
  }
  return tag;
}
