/**
 * The plan hash (pure): what a warm sandbox must share with a run to be reused by it. Every field of RunSpec is
 * classified here, at compile time (a new field that is not classified does not build): `plan` fields shape the
 * sandbox or bound what it may do, so they are hashed; `run` fields belong to one run (its command, its source, where
 * its evidence goes, how it is judged). The image's id is hashed too, so a re-tagged image is never served from a
 * sandbox made of the old one.
 */
import { createHash } from 'node:crypto';
import type { RunSpec } from '../config/run-options.js';

type Part = 'plan' | 'run';

export const SPEC_FIELDS = {
  image: 'plan',
  entrypoint: 'run',
  preset: 'run',
  command: 'run',
  // A read-only source is a bind mount of the container: its directory is part of the plan (see planFacts).
  source: 'run',
  outputDir: 'run',
  timeoutMs: 'plan',
  memoryBytes: 'plan',
  cpus: 'plan',
  pids: 'plan',
  nofile: 'plan',
  fsizeBytes: 'plan',
  tmpSizeBytes: 'plan',
  workSizeBytes: 'plan',
  outputSizeBytes: 'plan',
  // The host directory is per run (copied in, collected back); whether /state exists is the plan's (planFacts).
  stateDir: 'run',
  stateSizeBytes: 'plan',
  user: 'plan',
  allowRoot: 'plan',
  writableRoot: 'plan',
  tmpExec: 'plan',
  capAdd: 'plan',
  env: 'plan',
  network: 'plan',
  egress: 'plan',
  isolation: 'plan',
  allowWeakerGvisor: 'plan',
  pull: 'run',
  volumeBackend: 'plan',
  outputCaps: 'plan',
  logLimitBytes: 'run',
  logFile: 'run',
  audit: 'plan',
  annotate: 'run',
  verdict: 'run',
  tests: 'plan',
  lean: 'plan',
  subject: 'run',
  selfCheck: 'plan',
  resultFile: 'run',
  defaultSizes: 'run',
  mounts: 'plan',
  allowMounts: 'plan',
  persist: 'plan',
  setup: 'plan',
  // Whether a run is warm is not part of what it runs in; the idle time is the keeper's business.
  warm: 'run',
  // Another engine is another sandbox.
  engine: 'plan',
  // The watchdog guards the process that runs the sandbox, not the sandbox itself.
  watchdog: 'run',
} as const satisfies Record<keyof RunSpec, Part>;

/** Objects with sorted keys, so the same plan always serialises the same. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** The hashed facts: every `plan` field, the parts of `run` fields the container depends on, the image id. */
export function planFacts(spec: RunSpec, imageId: string): Record<string, unknown> {
  const facts: Record<string, unknown> = { imageId };
  for (const [k, part] of Object.entries(SPEC_FIELDS) as [keyof RunSpec, Part][]) {
    if (part === 'plan') facts[k] = spec[k];
  }
  facts.readOnlySource = spec.source?.readOnly ? spec.source.dir : null;
  facts.hasState = spec.stateDir !== null;
  return canonical(facts) as Record<string, unknown>;
}

/** 32 hex digits: short enough for a label, long enough that two plans never meet. */
export function planHash(spec: RunSpec, imageId: string): string {
  return createHash('sha256')
    .update(JSON.stringify(planFacts(spec, imageId)))
    .digest('hex')
    .slice(0, 32);
}
