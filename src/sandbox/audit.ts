/**
 * The proof audit's sandbox: after the build, a fresh container of the same image, no network, the built /work
 * mounted read-only, the audit file written by the trusted side into its /tmp, `lake env lean` on it. Its output is
 * captured here (never written where the build's files are) and judged by src/lean/audit.ts.
 */
import crypto from 'node:crypto';
import type { RunSpec } from '../config/run-options.js';
import type { ContainerSpec, Engine, Labels, Mount } from '../engine/types.js';
import fsp from 'node:fs/promises';
import {
  auditAnnotations,
  auditFile,
  declaredTheorems,
  judgeAudit,
  protectedChanges,
  type TargetReport,
} from '../lean/audit.js';
import type { Annotation } from '../report/parsers/types.js';
import { readContainerFile } from './container-files.js';
import { LABEL_ROLE, WORK_DIR, type SandboxPlan } from './plan.js';

export interface AuditReport {
  ok: boolean;
  /** Theorems of protected files whose statement the pull request (or its build) changed. */
  protectedChanges: { path: string; name: string; detail: string }[];
  allow: string[];
  targets: TargetReport[];
  exitCode: number | null;
  /** The audit's own output, capped (for the log; the verdict comes from the judged targets). */
  outputBytes: number;
}

const OUTPUT_CAP = 4 * 1024 * 1024;
const AUDIT_TIMEOUT_MS = 20 * 60_000;

/** Protected statements: the base branch's theorems against /work after the build (what the audit checks). */
export async function checkProtected(
  engine: Engine,
  buildContainer: string,
  files: { path: string; baseFile: string }[],
): Promise<{ path: string; name: string; detail: string }[]> {
  const out: { path: string; name: string; detail: string }[] = [];
  for (const f of files) {
    const base = await fsp.readFile(f.baseFile, 'utf8').catch(() => null);
    if (base === null) {
      out.push({ path: f.path, name: '*', detail: `the base file ${f.baseFile} cannot be read` });
      continue;
    }
    const now = await readContainerFile(engine, buildContainer, `${WORK_DIR}/${f.path}`);
    if (now === null) {
      out.push({ path: f.path, name: '*', detail: 'the file is missing from /work after the build' });
      continue;
    }
    for (const c of protectedChanges(base, now, declaredTheorems(base))) out.push({ path: f.path, ...c });
  }
  return out;
}

/**
 * The Lean audit of a build: the protected statements compared, then a fresh container of the same plan (no
 * network, /work read-only) runs the audit file, whose answers are judged by their nonce on this side.
 */
export async function runAudit(
  engine: Engine,
  spec: RunSpec,
  plan: SandboxPlan,
  labels: Labels,
  buildContainer: string,
): Promise<{ report: AuditReport; annotations: Annotation[]; output: string }> {
  const audit = spec.verdict.audit!;
  const changed = await checkProtected(engine, buildContainer, audit.protected);
  const nonce = crypto.randomBytes(16).toString('hex');
  const file = auditFile(audit.modules, audit.targets, nonce);
  const id = await engine.createContainer(auditContainer(plan, labels, file));
  try {
    const { output, size, exit } = await runCapped(engine, id);
    const targets = judgeAudit(output, audit.targets, nonce, audit.allow);
    const report: AuditReport = {
      ok: targets.every((t) => t.status === 'ok') && changed.length === 0,
      protectedChanges: changed,
      allow: audit.allow,
      targets,
      exitCode: exit,
      outputBytes: size,
    };
    const protectedNotes: Annotation[] = changed.map((c) => ({
      path: c.path,
      startLine: 1,
      endLine: 1,
      level: 'failure',
      title: 'protected statement changed',
      message: `${c.name}: ${c.detail}`,
    }));
    // The declaring file of a target is not known from the audit's text; those annotations go on the lakefile.
    return {
      report,
      annotations: [...protectedNotes, ...auditAnnotations(targets, () => null)],
      output: output.replaceAll(nonce, '<nonce>'),
    };
  } finally {
    await engine.removeContainer(id);
  }
}

/** The build's container, for the audit: /work read-only, its /tmp, no network, the audit file in its env. */
function auditContainer(plan: SandboxPlan, labels: Labels, file: string): ContainerSpec {
  const work: Mount = plan.readOnlySource
    ? { type: 'bind', source: plan.readOnlySource, target: WORK_DIR, readOnly: true }
    : {
        type: 'volume',
        source: plan.volumes.find((v) => v.role === 'work')!.name,
        target: WORK_DIR,
        readOnly: true,
      };
  const tmp = plan.container.mounts.find((m) => m.target === '/tmp')!;
  const c: ContainerSpec = {
    ...plan.container,
    name: `${plan.container.name}-audit`,
    labels: { ...labels, [LABEL_ROLE]: 'audit' },
    entrypoint: ['sh'],
    cmd: ['-c', 'printf "%s" "$SANDBOX_AUDIT_FILE" > /tmp/Audit.lean && exec lake env lean /tmp/Audit.lean'],
    env: [`SANDBOX_AUDIT_FILE=${file}`],
    mounts: [work, tmp],
    networkMode: 'none',
    readOnlyRootfs: true,
  };
  delete c.dns;
  if (c.runtime === 'runsc-host') c.runtime = 'runsc';
  return c;
}

/** Start the container and keep its output up to OUTPUT_CAP; killed at AUDIT_TIMEOUT_MS (exit null). */
async function runCapped(
  engine: Engine,
  id: string,
): Promise<{ output: string; size: number; exit: number | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const attached = await engine.attach(id, (_s, chunk) => {
    if (size < OUTPUT_CAP) chunks.push(Buffer.from(chunk.subarray(0, OUTPUT_CAP - size)));
    size += chunk.length;
  });
  const watch = await engine.watchExit(id);
  await engine.startContainer(id);
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([
    watch.exit,
    new Promise<null>((r) => (timer = setTimeout(() => r(null), AUDIT_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
  if (exit === null) await engine.killContainer(id, 'KILL');
  await Promise.race([attached.done, new Promise((r) => setTimeout(r, 3000).unref())]);
  attached.close();
  return { output: Buffer.concat(chunks).toString('utf8'), size, exit };
}
