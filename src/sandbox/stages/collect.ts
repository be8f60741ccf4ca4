/**
 * Stage 6: evidence, from the stopped container. /output in one tar (the declared outputs in it outside the count
 * cap, with their bytes kept), then /state; all through safe collection (regular files only, never a link).
 * Annotations from the log or a JUnit file are advisory; the proof audit, when asked, runs in its own sandbox.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { DEFAULTS, type RunSpec } from '../../config/run-options.js';
import {
  collectTar,
  emptyOutputs,
  prepareOutputDir,
  reserveFor,
  type OutputsReport,
} from '../../outputs/collect.js';
import { parseGeneric } from '../../report/parsers/generic.js';
import { parseJunit } from '../../report/parsers/junit.js';
import { parseLean } from '../../report/parsers/lean.js';
import type { Annotation, ParseResult } from '../../report/parsers/types.js';
import type { RunResult } from '../../verdict/schema.js';
import { runAudit, type AuditReport } from '../audit.js';
import { OUTPUT_DIR, STATE_DIR, WORK_DIR, type SandboxPlan } from '../plan.js';
import type { RunContext } from '../run-context.js';
import type { Sandbox } from './sandbox.js';

export const MAX_ANNOTATIONS = 10_000;
/** Go's os.ModeType: any of these bits in a stat's mode means not a regular file. */
const GO_MODE_TYPE = (1 << 31) | (1 << 27) | (1 << 26) | (1 << 25) | (1 << 24) | (1 << 21) | (1 << 19);
const ANNOTATE_FILE_CAP = 16 * 1024 * 1024;

export interface Collected {
  outputs: OutputsReport;
  state: RunResult['state'];
  annotations: Annotation[];
  annotationsDropped: number;
  audit: { report: AuditReport; annotations: Annotation[] } | null;
  collectMs: number;
}

/** `spec` is the prepared one (volume sizes that fit, the expected files declared). */
export async function collect(
  ctx: RunContext,
  spec: RunSpec,
  box: Pick<Sandbox, 'id' | 'capture'>,
  p: SandboxPlan,
  timedOut: boolean,
): Promise<Collected> {
  const { deps } = ctx;
  const { engine } = deps;
  const t = Date.now();
  let outputs = emptyOutputs(spec.io.outputDir);
  if (spec.io.outputDir) {
    const dest = spec.io.outputDir;
    await prepareOutputDir(dest, '--output-dir');
    // Sizes only: the engine's stat follows links in a path's parents, so it never decides what is collected.
    const sizes = await ctx.race(
      Promise.all(
        spec.verdict.declared.map(async (rel) => {
          const st = await engine.statPath(box.id, `${OUTPUT_DIR}/${rel}`);
          return st && (st.mode & GO_MODE_TYPE) === 0 ? st.size : null;
        }),
      ),
    );
    const plan = { paths: spec.verdict.declared, reservedBytes: reserveFor(sizes, spec.limits.outputCaps) };
    const stream = await engine.getArchive(box.id, OUTPUT_DIR);
    // The engine holds the container while it streams: whatever happens, the stream is consumed or destroyed.
    try {
      outputs = await ctx.race(collectTar(stream, dest, OUTPUT_DIR.slice(1), spec.limits.outputCaps, plan));
    } finally {
      if (!stream.readableEnded) stream.destroy();
    }
  }
  const parsed = spec.verdict.annotate ? await annotate(ctx, box) : { annotations: [], dropped: 0 };
  const state = spec.io.stateDir ? await collectState(ctx, spec, box.id) : null;
  let audit: Collected['audit'] = null;
  if (spec.verdict.audit && !timedOut) {
    ctx.check();
    deps.notice(
      `proof audit: ${spec.verdict.audit.targets.length} target(s) in a fresh sandbox, /work read-only, no network`,
    );
    const a = await ctx.race(runAudit(engine, spec, p, ctx.labels, box.id));
    audit = { report: a.report, annotations: a.annotations };
    for (const x of a.report.targets) {
      deps.notice(`proof audit: ${x.target}: ${x.status}${'axioms' in x ? ` [${x.axioms.join(', ')}]` : ''}`);
    }
  }
  return {
    outputs,
    state,
    annotations: parsed.annotations.slice(0, MAX_ANNOTATIONS),
    annotationsDropped: parsed.dropped + Math.max(0, parsed.annotations.length - MAX_ANNOTATIONS),
    audit,
    collectMs: Date.now() - t,
  };
}

/** Advisory annotations: from the log (lean, gcc) or from a JUnit file that safe collection wrote. */
async function annotate(ctx: RunContext, box: Pick<Sandbox, 'capture'>): Promise<ParseResult> {
  const a = ctx.spec.verdict.annotate!;
  if (a.parser !== 'junit') {
    const log = box.capture?.text() ?? '';
    return a.parser === 'lean' ? parseLean(log, { root: WORK_DIR }) : parseGeneric(log, { root: WORK_DIR });
  }
  const text = await readCollected(ctx.spec.io.outputDir!, a.file, ANNOTATE_FILE_CAP);
  return text ? parseJunit(text.toString('utf8'), { root: WORK_DIR }) : { annotations: [], dropped: 0 };
}

/** A file that safe collection wrote under `dir` (a regular file of ours; never a link), up to a cap. */
export async function readCollected(dir: string, rel: string, cap: number): Promise<Buffer | null> {
  const file = path.join(dir, rel);
  if (!file.startsWith(path.resolve(dir) + path.sep)) return null;
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > cap) return null;
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Bring /state back to the host: written by the untrusted build, so it goes through the same safe collection as
 * /output (regular files only, within the state cap), into a sibling directory that then replaces the old one.
 */
async function collectState(
  ctx: RunContext,
  spec: RunSpec,
  id: string,
): Promise<NonNullable<RunResult['state']>> {
  const { deps } = ctx;
  const dir = spec.io.stateDir!;
  const fresh = `${dir.replace(/\/+$/, '')}.sandbox-${ctx.runId}`;
  await fsp.rm(fresh, { recursive: true, force: true });
  await fsp.mkdir(fresh, { recursive: true, mode: 0o755 });
  const stream = await deps.engine.getArchive(id, STATE_DIR);
  try {
    const r = await ctx.race(
      collectTar(stream, fresh, STATE_DIR.slice(1), {
        maxTotalBytes: spec.limits.stateSizeBytes,
        maxFiles: DEFAULTS.maxStateFiles,
        maxFileBytes: spec.limits.stateSizeBytes,
      }),
    );
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.rename(fresh, dir);
    return {
      dir,
      files: r.files,
      bytes: r.bytes,
      skippedCount: r.skippedCount,
      skippedByReason: r.skippedByReason,
    };
  } catch (err) {
    await fsp.rm(fresh, { recursive: true, force: true });
    throw err;
  } finally {
    if (!stream.readableEnded) stream.destroy();
  }
}
