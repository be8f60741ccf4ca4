/**
 * dist/cli.js: starts the CLI (dist/cli-main.cjs) with its compiled code cached between runs, so that each run
 * does not parse and compile the whole bundle again. Node 22+ has module.enableCompileCache(); on Node 20 the
 * bundle is compiled as a vm.Script with V8's code cache. The cache lives in a directory only this user can write
 * (checked before use: owned by us, not a link, no write bits for others), keyed by the bundle's SHA-256 and the
 * Node version, so a changed bundle never meets a stale cache. Anything unexpected: run without a cache.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const main = fileURLToPath(new URL('./cli-main.cjs', import.meta.url));

/** $XDG_CACHE_HOME or ~/.cache, then sandbox-action/code-cache; null when it cannot be made safe. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SANDBOX_ACTION_CODE_CACHE === '0') return null;
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : null);
  if (!base || !path.isAbsolute(base)) return null;
  const dir = path.join(base, 'sandbox-action', 'code-cache');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return ownDirectory(dir) ? dir : null;
  } catch {
    return null;
  }
}

/** A directory of ours that no one else can write into (and not a link to one). */
export function ownDirectory(dir: string): boolean {
  const st = fs.lstatSync(dir);
  const uid = process.getuid?.();
  return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
}

/** A cache file of ours (opened without following a link, owned by us, not writable by others), or undefined. */
export function readOwn(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    const uid = process.getuid?.();
    if (!st.isFile() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return undefined;
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * The caches of other bundles (an earlier version, or a rebuilt one) are never read again: removed when this
 * bundle writes its own, so that the directory holds one bundle's caches, not one per build ever run.
 */
export function pruneOthers(dir: string, key: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^cli-([0-9a-f]{32})-[a-z]+\.v8cache$/.exec(name);
    if (!m || m[1] === key) continue;
    // Only our own regular files; anything else under such a name is left, and no failure reaches the CLI's exit.
    try {
      const file = path.join(dir, name);
      if (fs.lstatSync(file).isFile()) fs.unlinkSync(file);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
}

/** Node 20: compile the CommonJS bundle as a script with V8's code cache; write the cache after a first run. */
function runWithCodeCache(file: string, dir: string | null): void {
  // The bundle's first line is its `#!` line: a comment of the same length keeps every position.
  // The key hashes the file's bytes (under 1 ms for the bundle here; hashing the decoded string took 6 ms).
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8').replace(/^#!/, '//');
  const key = crypto
    .createHash('sha256')
    .update(bytes)
    .update(`\0${process.version}\0${process.arch}`)
    .digest('hex')
    .slice(0, 32);
  // Made at exit, a cache holds every function the process compiled: one made by a `run` covers the run's path
  // and is preferred; one made by any other command serves until a run has made its own.
  const at = (kind: string) => (dir ? path.join(dir, `cli-${key}-${kind}.v8cache`) : null);
  const isRun = process.argv[2] === 'run';
  const runCache = at('run');
  const anyCache = at('any');
  const found = runCache ? readOwn(runCache) : undefined;
  const cachedData = found ?? (anyCache ? readOwn(anyCache) : undefined);
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const target = isRun && !found ? runCache : !cachedData || script.cachedDataRejected ? anyCache : null;
  if (target) {
    process.once('exit', () => {
      writeAtomically(target, script.createCachedData());
      if (dir) pruneOthers(dir, key);
    });
  }
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  const m = { exports: {} };
  wrapper.call(m.exports, m.exports, createRequire(file), m, file, path.dirname(file));
}

export function launch(): void {
  const dir = cacheDir();
  const enable = (Module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (typeof enable === 'function') {
    if (dir) enable(dir);
    createRequire(import.meta.url)(main);
    return;
  }
  runWithCodeCache(main, dir);
}
