/**
 * The run as a job summary (markdown). Everything that came from the build (file names, notes about them) is
 * escaped so it renders as text; the whole stays under GitHub's 1 MiB limit for a step's summary.
 */
import { formatBytes, formatDuration } from '../config/units.js';
import type { RunResult } from '../verdict/schema.js';

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

function egressSection(r: RunResult): string[] {
  if (r.network === 'open') {
    return [
      '> [!WARNING]',
      '> The build ran with **open network access** (`network: open`): nothing restricted where it connected.',
      '',
    ];
  }
  const e = r.egress;
  if (!e) return [];
  const out: string[] = [];
  if (e.mode === 'audit') {
    out.push(
      '> [!WARNING]',
      '> **Audit run**: the proxy let any public host through and recorded it. This run was not locked down.',
      '',
    );
  }
  out.push(
    `**Egress** through the proxy: ${e.allowed.length} hosts, ${formatBytes(e.bytesUp)} up, ${formatBytes(e.bytesDown)} down, ${e.refusedTotal} refused.`,
    '',
  );
  if (e.allowed.length) {
    out.push(
      '| host | ports | connections | up | down |',
      '|---|---|---|---|---|',
      ...e.allowed
        .slice(0, LIST_ROWS)
        .map(
          (h) =>
            `| ${escapeMarkdown(h.host)} | ${h.ports.join(', ')} | ${h.connections} | ${formatBytes(h.bytesUp)} | ${formatBytes(h.bytesDown)} |`,
        ),
      '',
    );
  }
  if (e.refused.length) {
    out.push(
      '| refused | port | reason | times |',
      '|---|---|---|---|',
      ...e.refused
        .slice(0, LIST_ROWS)
        .map((f) => `| ${escapeMarkdown(f.host)} | ${f.port} | ${escapeMarkdown(f.reason)} | ${f.count} |`),
      '',
    );
  }
  if (e.proxyExit) out.push(`**${escapeMarkdown(e.proxyExit)}**`, '');
  if (e.suggested && e.suggested.domains.length) {
    out.push(
      'To allow exactly the hosts this run contacted:',
      '',
      '```yaml',
      e.suggested.actionInput.replace(/`/g, ''),
      '```',
      '',
    );
  }
  return out;
}

/** The judges' table (what decided the verdict), for the job summary and the check. */
export function verdictLines(v: RunResult['verdict']): string[] {
  if (v.judges.length === 0) return ['**Verdict:** no judge ran.', ''];
  return [
    `**Verdict: ${v.passed ? 'passed' : 'failed'}**`,
    '',
    '| judge | result | what it found |',
    '|---|---|---|',
    ...v.judges.map(
      (j) =>
        `| ${j.judge}${j.advisory ? ' (advisory)' : ''} | ${j.passed ? 'passed' : '**failed**'} | ${escapeMarkdown(j.summary)} |`,
    ),
    '',
  ];
}

/** The job summary of one run: its status, image and sandbox, verdict, limits, loosenings, egress, outputs. */
export function renderSummary(r: RunResult, opts: { artifactUrl?: string } = {}): string {
  const lines: string[] = [
    `### ${ICON[r.status] ?? ''} sandbox-action: ${r.status} (exit ${r.exitCode}) in ${formatDuration(r.durationMs)}`,
    '',
    ...(r.error ? [`**Error:** ${escapeMarkdown(r.error)}`, ''] : []),
    `Image \`${escapeMarkdown(r.image.ref)}\`, user ${r.user || 'not decided'}, network **${r.network}**, runtime ${r.engine.runtime}, ${r.engine.name} ${escapeMarkdown(r.engine.version)}.`,
    '',
    ...verdictLines(r.verdict),
    ...(r.sandbox?.selfCheck
      ? [
          `**Self-check** inside the sandbox: ${r.sandbox.selfCheck.ok ? 'as planned' : `**${escapeMarkdown(r.sandbox.selfCheck.problems.join('; '))}**`}.`,
          '',
        ]
      : []),
    ...limitLines(r),
  ];
  if (r.loosened.length) {
    lines.push(
      '**Loosened:**',
      ...r.loosened.map((x) => `- \`${x.option}\`: ${escapeMarkdown(x.effect)}`),
      '',
    );
  }
  lines.push(...egressSection(r));
  if (r.notes.length) lines.push('**Notes:**', ...r.notes.map((n) => `- ${escapeMarkdown(n)}`), '');
  if (r.outputs.collected) lines.push(...outputLines(r.outputs, opts.artifactUrl));
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

/** The limits table, one row per volume with its backend and whether its cap is enforced. */
function limitLines(r: RunResult): string[] {
  const l = r.limits;
  if (!l) return [];
  return [
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
        `| ${v.mount} | ${formatBytes(v.sizeBytes)} (${v.backend}${v.enforced ? '' : ', **not enforced**'}${v.reserved ? ', reserved' : ''}) |`,
    ),
    '',
  ];
}

/** What was collected: counts, truncation, each declared output's fate, the skipped entries (the first rows). */
function outputLines(o: RunResult['outputs'], artifactUrl: string | undefined): string[] {
  const lines = [
    `**Outputs:** ${o.files} files, ${formatBytes(o.bytes)}${artifactUrl ? ` ([artifact](${artifactUrl}))` : ''}.`,
  ];
  if (o.truncated) {
    lines.push('', `**Truncated:** the caps dropped ${o.droppedByCaps} file(s).`);
  }
  if (o.declared.length) {
    lines.push(
      '',
      '| declared output | fate |',
      '|---|---|',
      ...o.declared.map(
        (d) =>
          `| ${escapeMarkdown(d.path)} | ${d.status === 'collected' ? 'collected' : `**${d.status}**`} |`,
      ),
    );
  }
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
    if (o.skippedCount > LIST_ROWS) lines.push('', `(${o.skippedCount - LIST_ROWS} more in the result file)`);
  }
  return lines;
}
