/**
 * Stage 7 (lean-proof): comparator, on the trusted side, over the project as the trusted side assembles it (the pull
 * request's files, the trusted files over them). Every build and export comparator starts runs in its own sandbox
 * (sandbox-action landrun); the judging process never loads a file the pull request built.
 */
import { InternalError } from '../../config/errors.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { RunSpec } from '../../config/run-options.js';
import { runComparator, SHIM_PATH } from '../../comparator/run.js';
import type { ComparatorOutcome } from '../../comparator/outcome.js';
import { assembleProject } from '../../lean/challenge.js';
import type { LeanLayout } from '../lean.js';
import type { RunContext } from '../run-context.js';

/** This package's root (where scripts/sandbox-landrun is), from the bundle or the sources. */
export function packageRoot(from = import.meta.dirname): string {
  for (let d = from; d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, SHIM_PATH))) return d;
  }
  throw new InternalError(`${SHIM_PATH} is not in any folder above ${from}`);
}

export async function runLeanJudge(
  ctx: RunContext,
  spec: RunSpec,
  lean: LeanLayout,
): Promise<ComparatorOutcome> {
  const { deps } = ctx;
  const scratch = path.join(deps.volumeHost.stateDir, `${ctx.runId}-lean`);
  const project = path.join(scratch, 'project');
  try {
    await fsp.mkdir(scratch, { recursive: true, mode: 0o755 });
    assembleProject(spec.io.source!.dir, spec.verdict.lean!.challengeDir, lean.files, project);
    deps.notice(
      `comparator: judging ${lean.config.theorem_names.join(', ')} (every build and export in its own sandbox)`,
    );
    return await runComparator(
      {
        projectDir: project,
        comparator: lean.programs.comparator,
        config: spec.verdict.lean!.config,
        image: spec.image.ref,
        landrun: path.join(packageRoot(), SHIM_PATH),
        lake: lean.programs.lake,
        lean4export: lean.programs.lean4export,
        env: {
          PATH: deps.env?.PATH ?? '/usr/local/bin:/usr/bin:/bin',
          HOME: deps.env?.HOME ?? '/nonexistent',
        },
        isolation: spec.security.isolation,
        lakeSizeBytes: Math.min(spec.limits.workSizeBytes, 8 * 1024 ** 3),
        stepLimits: {
          timeoutMs: spec.limits.timeoutMs,
          memoryBytes: spec.limits.memoryBytes,
          cpus: spec.limits.cpus,
          pids: spec.limits.pids,
        },
        timeoutMs: spec.limits.timeoutMs,
      },
      {
        engine: deps.engine,
        volumeHost: deps.volumeHost,
        now: deps.now,
        random: deps.random,
        signal: deps.signal,
        notice: deps.notice,
      },
    );
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}
