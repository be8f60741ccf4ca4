/** Sharding (pure): targets split deterministically over N shards, the same on every runner whatever their order. */
import { InputError } from '../config/errors.js';

/** The targets of shard `index` of `count`: sorted, then dealt round-robin. */
export function shardTargets(targets: string[], count: number, index: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new InputError('shards', '1 to 256');
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new InputError('shard index', `0 to ${count - 1}`);
  const sorted = [...new Set(targets.map((t) => t.trim()).filter(Boolean))].sort();
  return sorted.filter((_, i) => i % count === index);
}
