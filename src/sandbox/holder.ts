/**
 * Starting a volume holder (helper-containers.ts: `sleep infinity`, read-only mounts, no network), for a run's
 * volumes on Podman (stages/volumes.ts) and comparator's tmpfs .lake (comparator/run.ts).
 *
 * Podman 4.3 sometimes fails a holder's start on its side ("`runc start` failed: exit status 1", HTTP 500: the
 * process had already died between `runc create` and `runc start`; seen once in CI). The holder runs nothing of the
 * run's, so a start that fails on the engine's side (5xx) gets one more holder, under a name of its own (so a first
 * one the engine failed to remove cannot clash). A refusal (4xx) or a second failure is returned to the caller,
 * which words it; a create error is thrown as the engine gave it.
 */
import { EngineError, InternalError } from '../config/errors.js';
import type { ContainerSpec, Engine } from '../engine/types.js';

export type HolderStart =
  /** `retried`: the first start's error, when a second holder was needed. */
  { started: true; retried: unknown } | { started: false; error: unknown };

export async function startHolder(
  engine: Engine,
  spec: ContainerSpec,
  /** Each holder made, for the caller's cleanup (a failed one too). */
  made: (id: string) => void,
  /** Called before the second try: throws when the run must stop instead. */
  check: () => void = () => undefined,
): Promise<HolderStart> {
  const startOne = async (name: string): Promise<unknown> => {
    const id = await engine.createContainer({ ...spec, name });
    made(id);
    return engine.startContainer(id).then(
      () => null,
      (err: unknown) => err ?? new InternalError('the engine refused the start with no reason'),
    );
  };
  const first = await startOne(spec.name);
  if (first === null) return { started: true, retried: null };
  if (!(first instanceof EngineError) || (first.statusCode ?? 0) < 500)
    return { started: false, error: first };
  check();
  const second = await startOne(`${spec.name}-2`);
  return second === null ? { started: true, retried: first } : { started: false, error: second };
}
