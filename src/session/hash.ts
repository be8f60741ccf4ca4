/**
 * The plan hash (pure): what a warm sandbox must share with a run to be reused by it. Every field of RunSpec is
 * classified here, field by field inside each group, at compile time (a new field that is not classified does not build): `plan` fields shape the
 * sandbox or bound what it may do, so they are hashed; `run` fields belong to one run (its command, its source, where
 * its evidence goes, how it is judged). The image's id is hashed too, so a re-tagged image is never served from a
 * sandbox made of the old one.
 */
import { createHash } from 'node:crypto';
import type { RunSpec } from '../config/run-options.js';

type Part = 'plan' | 'run';

/** The groups of RunSpec classified field by field; every other top-level field is classified whole. */
type Group = 'image' | 'io' | 'limits' | 'security' | 'host' | 'verdict' | 'phases';
type Classification = {
  [K in keyof RunSpec]-?: K extends Group ? { [F in keyof RunSpec[K]]-?: Part } : Part;
};

export const SPEC_FIELDS = {
  preset: 'run',
  image: { ref: 'plan', entrypoint: 'run', pull: 'run' },
  command: 'run',
  env: 'plan',
  io: {
    // A read-only source is a bind mount of the container: its directory is part of the plan (see planFacts).
    source: 'run',
    outputDir: 'run',
    // The host directory is per run (copied in, collected back); whether /state exists is the plan's (planFacts).
    stateDir: 'run',
    logFile: 'run',
    resultFile: 'run',
  },
  limits: {
    timeoutMs: 'plan',
    memoryBytes: 'plan',
    cpus: 'plan',
    pids: 'plan',
    nofile: 'plan',
    fsizeBytes: 'plan',
    tmpSizeBytes: 'plan',
    workSizeBytes: 'plan',
    outputSizeBytes: 'plan',
    stateSizeBytes: 'plan',
    outputCaps: 'plan',
    logLimitBytes: 'run',
    defaultSizes: 'run',
  },
  security: {
    user: 'plan',
    allowRoot: 'plan',
    writableRoot: 'plan',
    tmpExec: 'plan',
    capAdd: 'plan',
    isolation: 'plan',
    allowWeakerGvisor: 'plan',
    selfCheck: 'plan',
  },
  network: 'plan',
  egress: 'plan',
  host: {
    // Another engine is another sandbox.
    engine: 'plan',
    volumeBackend: 'plan',
    // The watchdog guards the process that runs the sandbox, not the sandbox itself.
    watchdog: 'run',
  },
  verdict: {
    declared: 'run',
    junit: 'run',
    expectDir: 'run',
    annotate: 'run',
    audit: 'plan',
    tests: 'plan',
    subject: 'run',
    lean: 'plan',
  },
  phases: {
    mounts: 'plan',
    allowMounts: 'plan',
    persist: 'plan',
    setup: 'plan',
    // Whether a run is warm is not part of what it runs in; the idle time is the keeper's business.
    warm: 'run',
  },
} as const satisfies Classification;

/** Every field as `group.field` (or `field` for an ungrouped one), with its part: the classification, flat. */
export function specFieldParts(): [string, Part][] {
  return Object.entries(SPEC_FIELDS).flatMap(([k, v]): [string, Part][] =>
    typeof v === 'string'
      ? [[k, v]]
      : Object.entries(v).map(([f, part]): [string, Part] => [`${k}.${f}`, part]),
  );
}

/** The value at `group.field` (or `field`) of the spec. */
function valueAt(spec: RunSpec, key: string): unknown {
  return key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], spec);
}

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
  for (const [k, part] of specFieldParts()) if (part === 'plan') facts[k] = valueAt(spec, k);
  facts.readOnlySource = spec.io.source?.readOnly ? spec.io.source.dir : null;
  facts.hasState = spec.io.stateDir !== null;
  return canonical(facts) as Record<string, unknown>;
}

/** 32 hex digits: short enough for a label, long enough that two plans never meet. */
export function planHash(spec: RunSpec, imageId: string): string {
  return createHash('sha256')
    .update(JSON.stringify(planFacts(spec, imageId)))
    .digest('hex')
    .slice(0, 32);
}
