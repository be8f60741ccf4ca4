/**
 * The run as a job summary (markdown). Everything that came from the build (file names, notes about them) is
 * escaped so it renders as text; the whole stays under GitHub's 1 MiB limit for a step's summary.
 */
import { formatBytes, formatDuration } from '../config/units.js';
import type { RunResult } from '../sandbox/result.js';

export const SUMMARY_LIMIT = 1024 * 1024;
const LIST_ROWS = 50;

/** Markdown- and HTML-inert text for a table cell or a line. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  );
}

const ICON: Record<string, string> = {
  succeeded: '✅',
  failed: '❌',
  'timed-out': '⏱️',
  'oom-killed': '💥',
  error: '⚠️',
};

export function renderSummary(r: RunResult, opts: { artifactUrl?: string } = {}): string {
  const l = r.limits;
  const lines: string[] = [
    `### ${ICON[r.status] ?? ''} sandbox-action: ${r.status} (exit ${r.exitCode}) in ${formatDuration(r.durationMs)}`,
    '',
    `Image \`${escapeMarkdown(r.image.ref)}\`, user ${r.user}, network **${r.network}**, runtime ${r.engine.runtime}, ${r.engine.name} ${escapeMarkdown(r.engine.version)}.`,
    '',
    '| limit | value |',
    '|---|---|',
    `| memory (swap equal) | ${formatBytes(l.memoryBytes)} |`,
    `| CPUs | ${l.cpus} |`,
    `| processes | ${l.pids} |`,
    `| timeout | ${formatDuration(l.timeoutMs)} |`,
    `| read-only root | ${l.readOnlyRoot ? 'yes' : '**no**'} |`,
    `| capabilities | ${l.capabilities.length ? l.capabilities.join(', ') : 'none'} |`,
    ...r.volumes.map(
      (v) =>
        `| ${v.mount} | ${formatBytes(v.sizeBytes)} (${v.backend}${v.enforced ? '' : ', **not enforced**'}) |`,
    ),
    '',
  ];
  if (r.loosened.length) {
    lines.push(
      '**Loosened:**',
      ...r.loosened.map((x) => `- \`${x.option}\`: ${escapeMarkdown(x.effect)}`),
      '',
    );
  }
  if (r.notes.length) lines.push('**Notes:**', ...r.notes.map((n) => `- ${escapeMarkdown(n)}`), '');
  const o = r.outputs;
  if (o.collected) {
    lines.push(
      `**Outputs:** ${o.files} files, ${formatBytes(o.bytes)}${opts.artifactUrl ? ` ([artifact](${opts.artifactUrl}))` : ''}.`,
    );
    if (o.skippedCount) {
      lines.push(
        '',
        `**Skipped ${o.skippedCount}:** ${Object.entries(o.skippedByReason)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
        '',
        '| skipped | reason |',
        '|---|---|',
        ...o.skipped.slice(0, LIST_ROWS).map((s) => `| ${escapeMarkdown(s.path)} | ${s.reason} |`),
      );
      if (o.skippedCount > LIST_ROWS)
        lines.push('', `(${o.skippedCount - LIST_ROWS} more in the result file)`);
    }
  }
  if (r.logTruncated) lines.push('', `The log was cut at ${formatBytes(r.logBytes.shown)}.`);
  let md = `${lines.join('\n')}\n`;
  if (Buffer.byteLength(md) > SUMMARY_LIMIT) {
    md = `${Buffer.from(md)
      .subarray(0, SUMMARY_LIMIT - 200)
      .toString('utf8')
      .replace(/\uFFFD*$/, '')}\n\n(summary cut at 1 MiB)\n`;
  }
  return md;
}
