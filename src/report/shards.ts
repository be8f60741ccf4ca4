/**
 * Sharding (pure): targets split deterministically over N shards, and the shards' validated results merged into
 * one for one check run. A shard that is invalid makes the merge invalid (the check then fails, saying which).
 */
import { LIMITS, type Validated } from './schema.js';

/** The targets of shard `index` of `count`: sorted, then dealt round-robin (stable whatever the input order). */
export function shardTargets(targets: string[], count: number, index: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new Error('shards: 1 to 256');
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new Error(`shard index: 0 to ${count - 1}`);
  const sorted = [...new Set(targets.map((t) => t.trim()).filter(Boolean))].sort();
  return sorted.filter((_, i) => i % count === index);
}

const SEVERITY = ['succeeded', 'failed', 'timed-out', 'oom-killed', 'error'] as const;

export function mergeValidated(parts: { name: string; v: Validated }[]): Validated {
  if (parts.length === 0) return { ok: false, reason: 'no result from any shard' };
  const bad = parts.find((p) => !p.v.ok);
  if (bad && !bad.v.ok) return { ok: false, reason: `${bad.name}: ${bad.v.reason}` };
  const values = parts.map((p) => ({ name: p.name, value: (p.v as Extract<Validated, { ok: true }>).value }));
  if (values.length === 1) return { ok: true, value: values[0]!.value };
  const worst = values.reduce((a, b) =>
    SEVERITY.indexOf(b.value.status) > SEVERITY.indexOf(a.value.status) ? b : a,
  );
  const summary = values
    .map((x) => `**${x.name}**: ${x.value.status} (exit ${x.value.exitCode})\n\n${x.value.summary}`)
    .join('\n\n')
    .slice(0, LIMITS.summary);
  return {
    ok: true,
    value: {
      schemaVersion: 1,
      status: worst.value.status,
      exitCode: worst.value.exitCode,
      durationMs: Math.max(...values.map((x) => x.value.durationMs)),
      summary,
      annotations: values.flatMap((x) => x.value.annotations).slice(0, LIMITS.annotations),
    },
  };
}
