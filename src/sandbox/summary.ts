/** One line saying how a run ended, for the CLI's stderr and the action's log. */
import { formatBytes, formatDuration } from '../config/units.js';
import type { RunResult } from './result.js';

export function summaryLine(r: RunResult): string {
  const o = r.outputs;
  const parts = [`${r.status} in ${formatDuration(r.durationMs)} (exit ${r.exitCode})`];
  if (o.collected) {
    parts.push(`outputs: ${o.files} files, ${formatBytes(o.bytes)} in ${o.dir}`);
    if (o.skippedCount) {
      const why = Object.entries(o.skippedByReason).map(([k, v]) => `${k}: ${v}`);
      parts.push(`skipped ${o.skippedCount} (${why.join(', ')})`);
    }
  }
  if (r.loosened.length) parts.push(`loosened: ${r.loosened.map((l) => l.option).join(', ')}`);
  return `sandbox-action: ${parts.join('; ')}`;
}
