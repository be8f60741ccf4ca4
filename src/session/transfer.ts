/**
 * `sync ID [DIR]` and `cp ID:/output/PATH DEST`.
 *  - sync: the host's DIR is read with lstat only (a link is sent as a link, never followed, so nothing outside DIR
 *    is read); /work is listed (GNU find) and brought to DIR's tree: what is gone is deleted, what changed is sent.
 *    Without GNU find in the image, /work is emptied and DIR sent whole. The listing comes from inside the session,
 *    whose own processes could misreport it: that can only make /work differ from DIR, never touch the host.
 *  - cp: one tar stream from the engine through the safe collector (regular files only, never a link, the caps of
 *    the session's plan), into DEST, a new or empty directory.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { EngineError, InputError } from '../config/errors.js';
import { collectFiles, collectTar, prepareOutputDir, type OutputsReport } from '../outputs/collect.js';
import type { RunDeps } from '../sandbox/execute.js';
import { OUTPUT_DIR, WORK_DIR } from '../sandbox/plan.js';
import { RunContext } from '../sandbox/run-context.js';
import { packDirectory } from '../sandbox/source-tar.js';
import { checkConformance, trustedExec } from './command.js';
import { isRunning, touch } from './lifecycle.js';
import type { SessionRecord } from './record.js';
import { wipeScript } from './reset-script.js';
import { chunks, parseFindListing, syncPlan, type TreeEntry } from './sync-plan.js';

const LISTING_CAP = 64 * 1024 * 1024;
/** Go's os.FileMode bits in the engine's stat. */
const GO_MODE_DIR = 1 << 31;
const GO_MODE_SYMLINK = 1 << 27;

async function running(deps: RunDeps, r: SessionRecord, input: string): Promise<void> {
  const up = await isRunning(deps.engine, r.container.id);
  if (up !== true) {
    throw new InputError(input, `'${r.name ?? r.id}' is ${up === null ? 'gone' : 'stopped'}; start it first`);
  }
}

/** The host's tree under `root`: directories, regular files and links (lstat only). */
export async function hostTree(root: string): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  const walk = async (rel: string) => {
    for (const name of (await fsp.readdir(rel ? path.join(root, rel) : root)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = await fsp.lstat(path.join(root, r));
      const mtime = Math.floor(st.mtimeMs / 1000);
      if (st.isDirectory()) {
        out.push({ path: r, type: 'd', size: 0, mtime, link: '' });
        await walk(r);
      } else if (st.isFile()) out.push({ path: r, type: 'f', size: st.size, mtime, link: '' });
      else if (st.isSymbolicLink()) {
        out.push({ path: r, type: 'l', size: 0, mtime, link: await fsp.readlink(path.join(root, r)) });
      }
    }
  };
  await walk('');
  return out;
}

export interface SyncReport {
  sent: number;
  bytes: number;
  deleted: number;
  /** `listed`: only what changed was sent; `whole`: /work was emptied and DIR sent whole. */
  mode: 'listed' | 'whole';
}

export async function syncSession(deps: RunDeps, r: SessionRecord, dir: string): Promise<SyncReport> {
  const st = await fsp.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new InputError('DIR', `'${dir}' is not a directory`);
  if (r.spec.io.source?.readOnly)
    throw new InputError('ID', `'${r.name ?? r.id}' has a read-only /work (--source-readonly)`);
  await running(deps, r, 'ID');
  const ctx = new RunContext(r.spec, deps);
  await checkConformance(ctx, r);
  await touch(deps, r);
  const host = await hostTree(dir);
  const listing = await trustedExec(
    ctx,
    r,
    `cd ${WORK_DIR} && find . -mindepth 1 -printf '%y\\0%s\\0%T@\\0%l\\0%P\\0'`,
    120_000,
    { stdoutCap: LISTING_CAP },
  );
  const have = listing.exitCode === 0 ? parseFindListing(listing.stdout) : null;
  let mode: SyncReport['mode'] = 'listed';
  let remove: string[];
  let send: Set<string> | null;
  if (have) ({ remove, send } = syncPlan(host, have));
  else {
    mode = 'whole';
    const w = await trustedExec(ctx, r, wipeScript({ dirs: [WORK_DIR], roots: [] }), 120_000);
    if (w.exitCode !== 0)
      throw new EngineError(deps.engine.info.name, 'sync', `emptying /work failed: ${w.stderr.trim()}`);
    remove = [];
    send = null;
  }
  for (const part of chunks(remove)) {
    const d = await trustedExec(ctx, r, `cd ${WORK_DIR} && rm -rf -- "$@"`, 120_000, { args: part });
    if (d.exitCode !== 0)
      throw new EngineError(deps.engine.info.name, 'sync', `deleting in /work failed: ${d.stderr.trim()}`);
  }
  const packed = packDirectory(dir, r.user, [], send ? (rel) => send.has(rel) : undefined);
  await Promise.all([deps.engine.putArchive(r.container.id, WORK_DIR, packed.stream), packed.done]);
  const stats = await packed.done;
  await touch(deps, r);
  return { sent: stats.files, bytes: stats.bytes, deleted: remove.length, mode };
}

/** `ID:/output/PATH` → the session reference and the path inside /output. */
export function parseCpSource(arg: string): { ref: string; path: string } {
  const i = arg.indexOf(':');
  const ref = i > 0 ? arg.slice(0, i) : '';
  const p = i > 0 ? path.posix.normalize(arg.slice(i + 1)) : '';
  if (
    !ref ||
    !(p === OUTPUT_DIR || p.startsWith(`${OUTPUT_DIR}/`)) ||
    arg
      .slice(i + 1)
      .split('/')
      .includes('..')
  ) {
    throw new InputError('SOURCE', `'${arg}' is not ID:/output/PATH (cp copies out of /output only)`);
  }
  return { ref, path: p.replace(/\/+$/, '') };
}

export async function cpFromSession(
  deps: RunDeps,
  r: SessionRecord,
  src: string,
  dest: string,
): Promise<OutputsReport> {
  const { engine } = deps;
  const st = fs.existsSync(dest) ? await fsp.lstat(dest) : null;
  if (st && (!st.isDirectory() || (await fsp.readdir(dest)).length > 0)) {
    throw new InputError('DEST', `'${dest}' exists and is not an empty directory; name a new or empty one`);
  }
  if ((await isRunning(engine, r.container.id)) === null)
    throw new InputError('ID', `'${r.name ?? r.id}' is gone`);
  const getOrNull = async (abs: string) => {
    try {
      return await engine.getArchive(r.container.id, abs);
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return null;
      throw err;
    }
  };
  const stream = await getOrNull(src);
  if (!stream) throw new InputError('SOURCE', `'${src}' does not exist in ${r.name ?? r.id}`);
  await prepareOutputDir(dest, 'DEST');
  const caps = r.spec.limits.outputCaps;
  const base = src === OUTPUT_DIR ? 'output' : path.posix.basename(src);
  let report: OutputsReport;
  try {
    report = await collectTar(stream, dest, base, caps);
  } finally {
    if (!stream.readableEnded) stream.destroy();
  }
  // Not a directory: the one file, if it is a regular one within the caps, under its own name.
  if (report.files === 0 && report.skipped.some((s) => s.path === base && s.reason === 'special-file')) {
    report = await cpOneFile(engine, r, { src, base, dest }, getOrNull, report);
  }
  await touch(deps, r);
  return report;
}

/** `cp ID:/output/FILE`: the one file, collected by name from its folder, whose every parent is a real folder. */
async function cpOneFile(
  engine: RunDeps['engine'],
  r: SessionRecord,
  where: { src: string; base: string; dest: string },
  getOrNull: (abs: string) => Promise<Readable | null>,
  report: OutputsReport,
): Promise<OutputsReport> {
  const { src, base, dest } = where;
  // The engine follows links in the parents of an archived path: each must be a real folder (threat model 10).
  for (let dir = path.posix.dirname(src); dir !== OUTPUT_DIR && dir !== '/'; dir = path.posix.dirname(dir)) {
    const st = await engine.statPath(r.container.id, dir);
    if (!st || (st.mode & GO_MODE_DIR) === 0 || (st.mode & GO_MODE_SYMLINK) !== 0) {
      throw new InputError(
        'SOURCE',
        `'${dir}' in ${r.name ?? r.id} is not a folder (a link is never followed)`,
      );
    }
  }
  const d = await collectFiles(getOrNull, path.posix.dirname(src), dest, [base], r.spec.limits.outputCaps);
  const one = d.declared[0]!;
  const ok = one.status === 'collected';
  return {
    ...report,
    skipped: ok ? [] : [{ path: base, reason: 'special-file', detail: one.status }],
    skippedCount: ok ? 0 : 1,
    skippedByReason: ok ? {} : { 'special-file': 1 },
    files: ok ? 1 : 0,
    bytes: d.bytes,
    written: ok ? [{ path: base, size: one.size ?? 0 }] : [],
  };
}
