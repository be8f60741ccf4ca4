/**
 * What an image build does, as data (pure, table-tested): the targets with their contexts, tags, labels and build
 * arguments per platform; the bake definition for buildx; the manifest list the engine path pushes; registry
 * auth challenges; retry delays. The builder (builder.ts) only executes this.
 */
import { InputError } from '../config/errors.js';
import type { TagPlan } from './tags.js';

export const PLATFORM = /^linux\/(amd64|arm64|arm\/v7|arm\/v6|386|ppc64le|s390x|riscv64)$/;

export interface ImageSource {
  name: string;
  /** Directory sent as the build context. */
  contextDir: string;
  /** The Dockerfile (inside or outside the context). */
  dockerfile: string;
  title: string;
  description: string;
  /** Build arguments the image's own files decide (lean's toolchain). */
  args: Record<string, string>;
}

export interface BuildTarget {
  image: string;
  repository: string;
  /** Final references (repository:tag). */
  references: string[];
  labels: Record<string, string>;
  source: ImageSource;
  /** Per platform: the build arguments (BASE_IMAGE may differ by platform). */
  platforms: { platform: string; args: Record<string, string>; stagingRef: string }[];
}

/** `--platforms linux/amd64,linux/arm64`: checked, deduplicated. */
export function parsePlatforms(text: string): string[] {
  const out: string[] = [];
  for (const p of text.split(/[\s,]+/).filter(Boolean)) {
    if (!PLATFORM.test(p)) {
      throw new InputError(
        '--platforms',
        `'${p}' is not a platform like linux/amd64, linux/arm64 or linux/arm/v7`,
      );
    }
    if (!out.includes(p)) out.push(p);
  }
  if (out.length === 0) throw new InputError('--platforms', 'names no platform');
  return out;
}

/** `--images a,b` against the images that exist. */
export function parseImages(text: string, available: string[]): string[] {
  const out: string[] = [];
  for (const n of text.split(/[\s,]+/).filter(Boolean)) {
    if (!available.includes(n)) {
      throw new InputError('--images', `'${n}' is not an image; the images are ${available.join(', ')}`);
    }
    if (!out.includes(n)) out.push(n);
  }
  if (out.length === 0) throw new InputError('--images', 'names no image');
  return out;
}

/** `--base-image IMAGE` for every platform, or `--base-image linux/arm64=IMAGE` for one. */
export function parseBaseImages(values: string[], platforms: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^(linux\/[^=]+)=(.+)$/.exec(v);
    const [platform, ref] = m ? [m[1]!, m[2]!] : [null, v];
    if (!/^[a-zA-Z0-9][a-zA-Z0-9._\-/:@]*$/.test(ref)) {
      throw new InputError('--base-image', `'${v}' is not IMAGE or PLATFORM=IMAGE`);
    }
    if (platform && !platforms.includes(platform)) {
      throw new InputError(
        '--base-image',
        `'${platform}' is not one of the platforms built (${platforms.join(', ')})`,
      );
    }
    for (const p of platform ? [platform] : platforms) out[p] = ref;
  }
  return out;
}

export const platformSlug = (p: string) => p.replace(/\//g, '-');

export function planTargets(o: {
  images: ImageSource[];
  platforms: string[];
  registry: string;
  tags: TagPlan;
  labels: (image: ImageSource) => Record<string, string>;
  baseImages: Record<string, string>;
  buildArgs: Record<string, string>;
}): BuildTarget[] {
  return o.images.map((src) => {
    const repository = `${o.registry}/${src.name}`;
    const references = o.tags.tags.map((t) => `${repository}:${t}`);
    const primary = o.tags.tags[0] ?? 'latest';
    return {
      image: src.name,
      repository,
      references,
      labels: o.labels(src),
      source: src,
      platforms: o.platforms.map((platform) => ({
        platform,
        args: {
          ...src.args,
          ...o.buildArgs,
          ...(o.baseImages[platform] ? { BASE_IMAGE: o.baseImages[platform] } : {}),
        },
        // Per-platform images are pushed under these tags first; the manifest list then gets the final tags.
        stagingRef:
          o.platforms.length > 1 ? `${repository}:${primary}-${platformSlug(platform)}` : references[0]!,
      })),
    };
  });
}

/**
 * docker buildx bake definition (JSON) for every target: parallel builds with a shared cache. On GitHub the cache
 * is `type=gha` (scoped per image); elsewhere a registry cache next to the image when pushing, else none.
 */
export function bakeDefinition(
  targets: BuildTarget[],
  o: { push: boolean; github: boolean; root: string },
): { group: Record<string, { targets: string[] }>; target: Record<string, Record<string, unknown>> } {
  const target: Record<string, Record<string, unknown>> = {};
  for (const t of targets) {
    // bake takes one set of args per target; a per-platform BASE_IMAGE needs the engine path.
    const args = t.platforms[0]!.args;
    const cache = o.github
      ? { 'cache-from': [`type=gha,scope=${t.image}`], 'cache-to': [`type=gha,scope=${t.image},mode=max`] }
      : o.push
        ? {
            'cache-from': [`type=registry,ref=${t.repository}:buildcache`],
            'cache-to': [`type=registry,ref=${t.repository}:buildcache,mode=max`],
          }
        : {};
    target[t.image] = {
      context: t.source.contextDir,
      dockerfile: t.source.dockerfile,
      platforms: t.platforms.map((p) => p.platform),
      tags: t.references,
      labels: t.labels,
      args,
      ...cache,
      output: [o.push ? 'type=registry' : t.platforms.length === 1 ? 'type=docker' : 'type=cacheonly'],
      // Images for the sandbox are built without extra entitlements.
      entitlements: [],
      'no-cache': false,
    };
  }
  return { group: { default: { targets: targets.map((t) => t.image) } }, target };
}

export const MEDIA = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  list: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

/** The manifest list naming one image manifest per platform. */
export function manifestList(
  entries: { digest: string; size: number; mediaType: string; platform: string }[],
) {
  return {
    schemaVersion: 2,
    mediaType: MEDIA.list,
    manifests: entries.map((e) => {
      const [os, architecture, variant] = e.platform.split('/') as [string, string, string | undefined];
      return {
        mediaType: e.mediaType,
        digest: e.digest,
        size: e.size,
        platform: { os, architecture, ...(variant ? { variant } : {}) },
      };
    }),
  };
}

/** `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } | null {
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[p[1]!.toLowerCase()] = p[2]!;
  return { scheme: m[1]!.toLowerCase(), params };
}

/** Retry on 429 and 5xx (and network errors), never on other answers. */
export function retryable(status: number | null): boolean {
  return status === null || status === 429 || (status >= 500 && status <= 599);
}

/** Delays before attempts 2..n: exponential from `baseMs`, capped; a Retry-After (seconds) wins when given. */
export function backoff(attempt: number, baseMs: number, retryAfter?: string | null): number {
  const ra = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : null;
  return Math.min(ra ?? baseMs * 2 ** (attempt - 1), 60_000);
}
