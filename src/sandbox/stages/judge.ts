/**
 * Stage 7: the verdict, on the trusted side, from the collected evidence (src/verdict/judges.ts). The same for a
 * cold run and a warm one.
 */
import type { RunSpec } from '../../config/run-options.js';
import type { ExpectedFile } from '../../verdict/expected.js';
import { judgeRun, type LeanEvidence } from '../../verdict/judges.js';
import type { Verdict } from '../../verdict/schema.js';
import { WORK_DIR } from '../plan.js';
import { readCollected, type Collected } from './collect.js';
import type { Exit } from './command.js';

/** `spec` is the prepared one (expected files declared). */
export function judge(
  spec: RunSpec,
  o: { expected: ExpectedFile[] | null; trustedTests: boolean; lean?: LeanEvidence | null },
  exit: Exit,
  collected: Collected,
): Promise<Verdict> {
  return judgeRun(
    {
      declared: spec.verdict.declared,
      junit: spec.verdict.junit ? { file: spec.verdict.junit.file, trustedTests: o.trustedTests } : null,
      expect:
        o.expected && spec.verdict.expectDir ? { dir: spec.verdict.expectDir, files: o.expected } : null,
    },
    {
      commandExitCode: exit.commandExitCode,
      timedOut: exit.timedOut,
      oomKilled: exit.oomKilled,
      outputDir: collected.outputs.collected ? spec.io.outputDir : null,
      declared: collected.outputs.declared,
      audit: collected.audit?.report ?? null,
      readCollected: async (rel, cap) =>
        spec.io.outputDir ? readCollected(spec.io.outputDir, rel, cap) : null,
    },
    { root: WORK_DIR, auditAnnotations: collected.audit?.annotations ?? [], lean: o.lean ?? null },
  );
}
