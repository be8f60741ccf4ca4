/** The images layer of the Docker API engine: inspect, pull, build, import, tag, push (progress via ApiClient). */
import type { Readable } from 'node:stream';
import { EngineError } from '../config/errors.js';
import { DockerEngineBase } from './docker-base.js';
import type {
  BuildOptions,
  BuildProgressLine,
  ImageInfo,
  ImageInspectResponse,
  PushProgressLine,
  RegistryAuth,
} from './types.js';

/** `repo:tag` → parts (a colon before the last slash is a registry port, not a tag). */
export function splitRef(ref: string): { repo: string; tag: string } {
  const i = ref.lastIndexOf(':');
  return i > ref.lastIndexOf('/')
    ? { repo: ref.slice(0, i), tag: ref.slice(i + 1) }
    : { repo: ref, tag: 'latest' };
}

export class DockerImages extends DockerEngineBase {
  async imageInspect(ref: string): Promise<ImageInfo | null> {
    const j = await this.api.getOrNull<ImageInspectResponse>(
      `/images/${encodeURIComponent(ref)}/json`,
      'inspect image',
    );
    if (!j) return null;
    const c = j.Config ?? {};
    return {
      id: j.Id,
      user: c.User ?? '',
      workingDir: c.WorkingDir ?? '',
      env: c.Env ?? [],
      entrypoint: c.Entrypoint ?? null,
      cmd: c.Cmd ?? null,
      os: j.Os,
      arch: j.Architecture,
      labels: c.Labels ?? {},
    };
  }

  async imagePull(ref: string): Promise<void> {
    // The pull answers 200 then streams progress; an error arrives as a JSON line with `error`.
    await this.api.progress('POST', '/images/create', { query: { fromImage: ref } }, `pull ${ref}`);
  }

  async imageBuild(
    context: Readable,
    o: BuildOptions,
    progress: (line: string) => void = () => undefined,
  ): Promise<string> {
    const query: Record<string, string | number> = {
      dockerfile: o.dockerfile ?? 'Dockerfile',
      buildargs: JSON.stringify(o.buildArgs ?? {}),
      labels: JSON.stringify(o.labels ?? {}),
      rm: 1,
      forcerm: 1,
      pull: o.pull ? 1 : 0,
      nocache: o.noCache ? 1 : 0,
      ...(o.platform ? { platform: o.platform } : {}),
    };
    // Several tags are several `t` parameters: the first goes in the query, the rest are tagged after.
    const [first, ...rest] = o.tags;
    if (first) query.t = first;
    let id = '';
    await this.api.progress<BuildProgressLine>(
      'POST',
      '/build',
      { query, bodyStream: context, headers: { 'content-type': 'application/x-tar' } },
      'build image',
      (j) => {
        if (j.aux?.ID) id = j.aux.ID;
        if (j.stream) {
          const m = /Successfully built ([0-9a-f]+)/.exec(j.stream);
          if (m && !id) id = m[1]!;
          for (const l of j.stream.split('\n')) if (l.trim()) progress(l);
        }
      },
    );
    if (!id) throw new EngineError(this.info.name, 'build image', 'the engine reported no image id');
    for (const t of rest) await this.imageTag(id, t);
    return id;
  }

  async imageImport(rootfs: Readable, ref: string, changes: string[]): Promise<void> {
    // The whole reference in `repo` (the API allows a tag there): Podman 4.3 ignores a separate `tag`.
    const qs = new URLSearchParams({ fromSrc: '-', repo: ref });
    for (const c of changes) qs.append('changes', c);
    // Several `changes` parameters: the query is written here, not through the one-value-per-key helper.
    let id = '';
    await this.api.progress<{ error?: string; status?: string }>(
      'POST',
      `/images/create?${qs}`,
      { bodyStream: rootfs, headers: { 'content-type': 'application/x-tar' } },
      `import ${ref}`,
      (j) => {
        if (j.status && /^sha256:[0-9a-f]{64}$/.test(j.status)) id = j.status;
      },
    );
    // Tagged by the id it reported as well: the name is then the one asked for, whatever the engine made of it.
    if (!id) throw new EngineError(this.info.name, `import ${ref}`, 'the engine reported no image id');
    await this.imageTag(id, ref);
  }

  async imageTag(source: string, ref: string): Promise<void> {
    const { repo, tag } = splitRef(ref);
    await this.api.call(
      'POST',
      `/images/${encodeURIComponent(source)}/tag`,
      { query: { repo, tag } },
      `tag ${ref}`,
    );
  }

  async imagePush(ref: string, auth: RegistryAuth | null): Promise<{ digest: string; size: number }> {
    const { repo, tag } = splitRef(ref);
    // The engine wants the credentials as base64url JSON in a header: never on a command line.
    // URL-safe base64 *with* padding: the engine decodes it with Go's base64.URLEncoding.
    const header = Buffer.from(JSON.stringify(auth ?? {}))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    let digest = '';
    let size = 0;
    await this.api.progress<PushProgressLine>(
      'POST',
      `/images/${encodeURIComponent(repo)}/push`,
      { query: { tag }, headers: { 'x-registry-auth': header } },
      `push ${ref}`,
      (j) => {
        if (j.aux?.Digest) {
          digest = j.aux.Digest;
          size = j.aux.Size ?? 0;
        }
      },
    );
    if (!digest) throw new EngineError(this.info.name, `push ${ref}`, 'the engine reported no digest');
    return { digest, size };
  }
}
