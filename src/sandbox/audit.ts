/**
 * The proof audit's sandbox: after the build, a fresh container of the same image, no network, the built /work
 * mounted read-only, the audit file written by the trusted side into its /tmp, `lake env lean` on it. Its output is
 * captured here (never written where the build's files are) and judged by src/lean/audit.ts.
 */
import crypto from 'node:crypto';
import type { RunSpec } from '../config/run-options.js';
import type { ContainerSpec, Engine, Labels, Mount } from '../engine/types.js';
import { auditAnnotations, auditFile, judgeAudit, type TargetReport } from '../lean/audit.js';
import type { Annotation } from '../report/parsers/types.js';
import { LABEL_ROLE, WORK_DIR, type SandboxPlan } from './plan.js';

export interface AuditReport {
  ok: boolean;
  allow: string[];
  targets: TargetReport[];
  exitCode: number | null;
  /** The audit's own output, capped (for the log; the verdict comes from the judged targets). */
  outputBytes: number;
}

const OUTPUT_CAP = 4 * 1024 * 1024;
const AUDIT_TIMEOUT_MS = 20 * 60_000;

export async function runAudit(
  engine: Engine,
  spec: RunSpec,
  plan: SandboxPlan,
  labels: Labels,
): Promise<{ report: AuditReport; annotations: Annotation[]; output: string }> {
  const audit = spec.audit!;
  const nonce = crypto.randomBytes(16).toString('hex');
  const file = auditFile(audit.modules, audit.targets, nonce);
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
  const id = await engine.createContainer(c);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
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
    const output = Buffer.concat(chunks).toString('utf8');
    const targets = judgeAudit(output, audit.targets, nonce, audit.allow);
    const report: AuditReport = {
      ok: targets.every((t) => t.status === 'ok'),
      allow: audit.allow,
      targets,
      exitCode: exit,
      outputBytes: size,
    };
    // The declaring file is not known from the audit's text; annotations go on the lakefile.
    return {
      report,
      annotations: auditAnnotations(targets, () => null),
      output: output.replaceAll(nonce, '<nonce>'),
    };
  } finally {
    await engine.removeContainer(id);
  }
}
