/** `sandbox-action ls` (pure): one row per session, aligned columns, or the same rows as JSON. */
export interface SessionRow {
  id: string;
  name: string | null;
  kind: 'session' | 'warm';
  state: 'running' | 'stopped' | 'missing';
  image: string;
  network: string;
  isolation: string;
  lastUsedAt: string;
  idleTtlMs: number;
  keep: boolean;
  loosened: string[];
}

const ago = (ms: number) =>
  ms < 60_000
    ? `${Math.max(0, Math.round(ms / 1000))}s`
    : ms < 3_600_000
      ? `${Math.round(ms / 60_000)}m`
      : `${Math.round(ms / 3_600_000)}h`;

export const LS_COLUMNS = [
  'ID',
  'NAME',
  'KIND',
  'STATE',
  'IDLE',
  'TTL',
  'NETWORK',
  'ISOLATION',
  'IMAGE',
  'LOOSENED',
];

export function lsTable(rows: SessionRow[], now: number): string {
  const cells = rows.map((r) => [
    r.id,
    r.name ?? '-',
    r.kind,
    r.state,
    ago(now - Date.parse(r.lastUsedAt)),
    r.keep ? 'keep' : ago(r.idleTtlMs),
    r.network,
    r.isolation,
    r.image,
    r.loosened.length ? r.loosened.join(',') : '-',
  ]);
  const all = [LS_COLUMNS, ...cells];
  const width = LS_COLUMNS.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  return all
    .map((c) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(width[i]!))).join('  '))
    .join('\n');
}
