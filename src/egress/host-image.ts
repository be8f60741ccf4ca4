/**
 * The proxy's image made from what this machine already has, without the network: the Node binary running this
 * process, the shared libraries it loads (as `ldd` lists them, plus glibc's name-service modules where they are
 * separate files), the proxy bundle, and an /etc with nothing in it but empty mount points. Imported into the engine
 * as one layer (POST /images/create?fromSrc=-), about the size of the Node binary; no base image, no apt, no
 * mirror. Tagged by the bundle's hash and the Node binary's identity, so a changed proxy or Node is a new image.
 */
import { asError } from '../config/errors.js';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import type { Engine } from '../engine/types.js';

const run = promisify(execFile);

export const HOST_NODE_REPOSITORY = 'sandbox-action/egress-proxy';
/** Where the pieces go in the image. */
export const NODE_IN_IMAGE = '/usr/local/bin/node';
export const BUNDLE_IN_IMAGE = '/opt/egress-proxy/proxy.mjs';
/** Bumped when what goes into the image changes. */
const RECIPE = 'host-node-1';

/** Node's names for architectures, as the engine names them. */
const ENGINE_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

/** Why the host's Node cannot make the proxy image for this engine, or null when it can. */
export function hostNodeUnfit(
  engineInfo: { os: string; arch: string },
  platform: string,
  arch: string,
): string | null {
  if (platform !== 'linux') return `this machine runs ${platform}, not Linux`;
  if (engineInfo.os !== 'linux') return `the engine runs ${engineInfo.os} containers`;
  if (ENGINE_ARCH[arch] !== engineInfo.arch) return `the engine is ${engineInfo.arch}, this Node is ${arch}`;
  return null;
}

/** The tag: the bundle's bytes, and the Node binary by path, size, change time and version. */
export function hostNodeTag(
  bundle: Buffer,
  nodePath: string,
  st: { size: number; mtimeMs: number },
  version: string,
): string {
  const h = crypto.createHash('sha256');
  for (const part of [RECIPE, bundle, nodePath, String(st.size), String(st.mtimeMs), version]) {
    const b = Buffer.from(part);
    h.update(`${b.length}:`);
    h.update(b);
  }
  return `${HOST_NODE_REPOSITORY}:node-${h.digest('hex').slice(0, 16)}`;
}

/** The libraries of `ldd` output: `name => /path (addr)` and the loader's `/path (addr)`. */
export function parseLdd(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /=>\s+(\/\S+)\s+\(/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) out.add(m[1]!);
  }
  return [...out];
}

interface FileEntry {
  name: string;
  from: string;
  mode: number;
}

async function imageFiles(nodePath: string): Promise<FileEntry[]> {
  let libs: string[] = [];
  try {
    libs = parseLdd((await run('ldd', [nodePath])).stdout);
  } catch (err) {
    // A static binary: ldd says so and fails; nothing to add.
    if (!/not a dynamic executable/.test(String((err as { stderr?: string }).stderr ?? ''))) throw err;
  }
  // Before glibc 2.34 the name-service modules are separate files, loaded when a name is first looked up.
  const libc = libs.find((l) => /\/libc\.so\.6$/.test(l));
  if (libc) {
    const dir = path.dirname(libc);
    for (const n of ['libnss_dns.so.2', 'libnss_files.so.2', 'libresolv.so.2']) {
      if (fs.existsSync(path.join(dir, n))) libs.push(path.join(dir, n));
    }
  }
  return [
    { name: NODE_IN_IMAGE, from: nodePath, mode: 0o755 },
    ...[...new Set(libs)].map((l) => ({ name: l, from: fs.realpathSync(l), mode: 0o755 })),
  ];
}

/** The image's root as a tar stream: directories, the files, empty /etc mount points, /tmp. */
function rootTar(files: FileEntry[], bundle: Buffer): Readable {
  const pack = tar.pack();
  const base = { uid: 0, gid: 0, mtime: new Date(0) };
  const dirs = new Set<string>(['etc', 'tmp']);
  for (const f of [...files.map((x) => x.name), BUNDLE_IN_IMAGE]) {
    for (let d = path.posix.dirname(f); d !== '/'; d = path.posix.dirname(d)) dirs.add(d.slice(1));
  }
  (async () => {
    for (const d of [...dirs].sort()) {
      pack.entry({ ...base, name: `${d}/`, type: 'directory', mode: d === 'tmp' ? 0o1777 : 0o755 });
    }
    // The engine mounts its own resolv.conf, hosts and hostname over these.
    for (const f of ['etc/resolv.conf', 'etc/hosts', 'etc/hostname'])
      pack.entry({ ...base, name: f, mode: 0o644 }, '');
    pack.entry({ ...base, name: 'etc/nsswitch.conf', mode: 0o644 }, 'hosts: files dns\n');
    pack.entry({ ...base, name: BUNDLE_IN_IMAGE.slice(1), mode: 0o644 }, bundle);
    for (const f of files) {
      const st = fs.statSync(f.from);
      await new Promise<void>((resolve, reject) => {
        const e = pack.entry({ ...base, name: f.name.slice(1), mode: f.mode, size: st.size }, (err) =>
          err ? reject(err) : resolve(),
        );
        fs.createReadStream(f.from).on('error', reject).pipe(e);
      });
    }
    pack.finalize();
  })().catch((err: unknown) => pack.destroy(asError(err)));
  return Readable.from(pack);
}

/** The image's configuration, as `docker import --change` lines. */
export function importChanges(): string[] {
  return [
    'USER 65532:65532',
    'WORKDIR /',
    `ENV PATH=${path.posix.dirname(NODE_IN_IMAGE)}:/usr/bin:/bin`,
    `ENTRYPOINT ["${NODE_IN_IMAGE}", "${BUNDLE_IN_IMAGE}"]`,
    'LABEL org.opencontainers.image.title="sandbox-action egress-proxy (host Node)"',
  ];
}

/** The host-Node proxy image for this engine (imported when missing), or the reason it cannot be made. */
export async function ensureHostNodeImage(
  engine: Engine,
  bundle: Buffer,
  notice: (line: string) => void,
  nodePath = process.execPath,
): Promise<{ ref: string } | { unfit: string }> {
  const unfit = hostNodeUnfit(engine.info, process.platform, process.arch);
  if (unfit) return { unfit };
  const real = fs.realpathSync(nodePath);
  const ref = hostNodeTag(bundle, real, fs.statSync(real), process.version);
  if (await engine.imageInspect(ref)) return { ref };
  notice(
    `making the egress proxy image ${ref} from this machine's Node ${process.version} (once per engine)`,
  );
  await engine.imageImport(rootTar(await imageFiles(real), bundle), ref, importChanges());
  return { ref };
}
