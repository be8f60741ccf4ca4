/** One line saying how a run ended, for the CLI's stderr and the action's log. */
import { formatBytes, formatDuration } from '../config/units.js';
import type { RunResult } from '../verdict/schema.js';

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
  if (r.network === 'open') parts.push('network: OPEN (unrestricted)');
  const e = r.egress;
  if (e) {
    const hosts = e.allowed.length;
    parts.push(
      `egress${e.mode === 'audit' ? ' (AUDIT: not locked down)' : e.transparent ? ' (transparent)' : ''}: ${hosts} host${hosts === 1 ? '' : 's'}, ${formatBytes(e.bytesUp + e.bytesDown)}, ${e.refusedTotal} refused`,
    );
    if (e.proxyExit) parts.push(e.proxyExit);
  }
  if (r.loosened.length) parts.push(`loosened: ${r.loosened.map((l) => l.option).join(', ')}`);
  return `sandbox-action: ${parts.join('; ')}`;
}

/** Audit mode: the allowlist that lets exactly the contacted hosts through, ready to paste. */
export function suggestionLines(r: RunResult): string[] {
  const s = r.egress?.suggested;
  if (!s) return [];
  if (s.domains.length === 0) return ['sandbox-action: audit: the build contacted no host through the proxy'];
  return [
    'sandbox-action: audit: the build contacted these hosts; to allow exactly them:',
    `  CLI:    ${s.cli}`,
    `  action: ${s.actionInput}`,
  ];
}
