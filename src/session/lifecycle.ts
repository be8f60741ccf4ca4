/**
 * start, stop, rm, ls and the idle TTL. `stop` kills the session's processes (its container stops; its volumes,
 * network and proxy stay); `start` starts the proxy, then the sandbox, whose keeper runs the self-check again and
 * is compared with the plan again; `rm` collects /state back (when the session has one) and removes every resource
 * labelled with the session, loop devices included. The TTL is applied by every session command and by `gc`.
 */
import { EngineError, InputError, SandboxError } from '../config/errors.js';
import type { Engine } from '../engine/types.js';
import type { RunDeps } from '../sandbox/execute.js';
import { gc, type GcReport } from '../sandbox/gc.js';
import { LABEL_RUN } from '../sandbox/plan.js';
import { RunContext } from '../sandbox/run-context.js';
import { judgeSelfCheck, parseSelfCheckLine } from '../sandbox/self-check.js';
import { collect } from '../sandbox/stages/collect.js';
import { checkConformance } from './command.js';
import { keeperCheck } from './plan.js';
import {
  isLocked,
  listRecords,
  removeRecord,
  sessionsDir,
  unreadableRecords,
  writeRecord,
  type SessionRecord,
} from './record.js';
import { lsTable, type SessionRow } from './table.js';
import { ttlDecision } from './ttl.js';
import { loosenedBy } from '../config/run-options.js';

const START_TIMEOUT_MS = 60_000;

export const dirOf = (deps: RunDeps) => sessionsDir(deps.volumeHost.stateDir);

export async function isRunning(engine: Engine, id: string): Promise<boolean | null> {
  try {
    return (await engine.inspectContainer(id)).running;
  } catch (err) {
    if (err instanceof EngineError && err.statusCode === 404) return null;
    throw err;
  }
}

/** Start a stopped session: its proxy first (listening), then its keeper (checked again). */
export async function startSession(deps: RunDeps, r: SessionRecord): Promise<SessionRecord> {
  const { engine } = deps;
  const running = await isRunning(engine, r.container.id);
  if (running === null) throw new InputError('ID', `'${r.id}': its container is gone; remove it with rm`);
  if (running) return r;
  if (r.network.proxyContainer) await startProxy(engine, r.network.proxyContainer);
  const ctx = new RunContext(r.spec, deps);
  await checkConformance(ctx, r);
  await startKeeper(engine, r);
  const next = { ...r, stoppedAt: null, lastUsedAt: deps.now().toISOString() };
  await writeRecord(dirOf(deps), next);
  return next;
}

/** Start the keeper and judge the self-check line it prints first. */
export async function startKeeper(engine: Engine, r: SessionRecord): Promise<void> {
  const id = r.container.id;
  let head = '';
  let line: string | null = null;
  let got: (() => void) | null = null;
  const seen = new Promise<void>((res) => (got = res));
  const attached = await engine.attach(id, (stream, chunk) => {
    if (stream !== 'stdout' || line !== null) return;
    head += chunk.toString('utf8');
    const nl = head.indexOf('\n');
    if (nl >= 0 || head.length > 4096) {
      line = nl >= 0 ? head.slice(0, nl) : '';
      got?.();
    }
  });
  let watch: { exit: Promise<number>; cancel(): void } | null = null;
  try {
    watch = await engine.watchExit(id);
    await engine.startContainer(id);
    const expect = keeperCheck(r.selfCheck, r.keeper);
    if (!expect) return;
    let t: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      seen.then(() => 'line' as const),
      watch.exit.then(
        () => 'exited' as const,
        () => 'exited' as const,
      ),
      new Promise<'late'>((res) => (t = setTimeout(() => res('late'), START_TIMEOUT_MS))),
    ]);
    clearTimeout(t);
    const problems =
      outcome === 'line'
        ? judgeSelfCheck(parseSelfCheckLine(line ?? ''), expect, r.network.deadEndGateways)
        : [
            `the session's keeper ${outcome === 'exited' ? 'exited' : 'did not report'} before its self-check`,
          ];
    if (problems.length) {
      await engine.killContainer(id, 'KILL');
      throw new SandboxError(problems);
    }
  } finally {
    watch?.cancel();
    attached.close();
  }
}

async function startProxy(engine: Engine, id: string): Promise<void> {
  if (await isRunning(engine, id)) return;
  let ready: (() => void) | null = null;
  const listening = new Promise<void>((res) => (ready = res));
  let buf = '';
  const attached = await engine.attach(id, (stream, chunk) => {
    if (stream !== 'stdout') return;
    buf = (buf + chunk.toString('utf8')).slice(-65536);
    if (buf.includes('{"event":"listening"')) ready?.();
  });
  let watch: { exit: Promise<number>; cancel(): void } | null = null;
  try {
    watch = await engine.watchExit(id);
    await engine.startContainer(id);
    let t: NodeJS.Timeout | undefined;
    const r = await Promise.race([
      listening.then(() => 'ok' as const),
      watch.exit.then(
        () => 'exited' as const,
        () => 'exited' as const,
      ),
      new Promise<'late'>((res) => (t = setTimeout(() => res('late'), 30_000))),
    ]);
    clearTimeout(t);
    if (r !== 'ok')
      throw new EngineError(
        engine.info.name,
        'start the egress proxy',
        `it ${r === 'late' ? 'did not listen within 30 s' : 'exited'}`,
      );
  } finally {
    watch?.cancel();
    attached.close();
  }
}

/** Stop: every process of the session dies with its container; volumes, network and proxy stay. */
export async function stopSession(deps: RunDeps, r: SessionRecord): Promise<SessionRecord> {
  const { engine } = deps;
  await engine.killContainer(r.container.id, 'KILL');
  await engine.waitContainer(r.container.id).catch(() => undefined);
  if (r.network.proxyContainer) {
    await engine.killContainer(r.network.proxyContainer, 'KILL');
    await engine.waitContainer(r.network.proxyContainer).catch(() => undefined);
  }
  const next = { ...r, stoppedAt: deps.now().toISOString() };
  await writeRecord(dirOf(deps), next);
  return next;
}

/** Remove the session and everything labelled with it; /state comes back first, through safe collection. */
export async function removeSession(
  deps: RunDeps,
  r: SessionRecord,
): Promise<GcReport & { notes: string[] }> {
  const notes: string[] = [];
  if (r.spec.io.stateDir && (await isRunning(deps.engine, r.container.id)) !== null) {
    const ctx = new RunContext(
      {
        ...r.spec,
        io: { ...r.spec.io, outputDir: null },
        verdict: { ...r.spec.verdict, annotate: null, audit: null },
      },
      deps,
    );
    const c = await collect(ctx, ctx.spec, { id: r.container.id, capture: null }, planOf(r), false);
    if (c.state) notes.push(`/state: ${c.state.files} files collected back into ${c.state.dir}`);
  }
  const report = await gc(deps.engine, deps.volumeHost, { olderThanMs: 0, now: Date.now(), runId: r.id });
  if (report.failures.length === 0) await removeRecord(dirOf(deps), r.id);
  return { ...report, notes };
}

/** The SandboxPlan shape the run's stages take, from a record. */
export function planOf(r: SessionRecord) {
  return {
    runId: r.id,
    labels: { [LABEL_RUN]: r.id },
    volumes: [],
    readOnlySource: null,
    copySource: null,
    container: r.container.plan,
    uid: r.user.uid,
    gid: r.user.gid,
    selfCheck: r.selfCheck,
    notes: [],
  };
}

export async function sessionRows(deps: RunDeps, records: SessionRecord[]): Promise<SessionRow[]> {
  return Promise.all(
    records.map(async (r) => {
      const running = await isRunning(deps.engine, r.container.id);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        state:
          running === null ? ('missing' as const) : running ? ('running' as const) : ('stopped' as const),
        image: r.spec.image.ref,
        network: r.spec.network,
        isolation: r.spec.security.isolation,
        lastUsedAt: r.lastUsedAt,
        idleTtlMs: r.idleTtlMs,
        keep: r.keep,
        loosened: loosenedBy(r.spec).map((l) => l.option),
      };
    }),
  );
}

export async function listTable(deps: RunDeps): Promise<{ rows: SessionRow[]; text: string }> {
  const rows = await sessionRows(deps, await listRecords(dirOf(deps)));
  return { rows, text: lsTable(rows, deps.now().getTime()) };
}

/** Apply the idle TTL to every session (and remove the remains of one whose container is gone). One line each. */
export async function sweep(deps: RunDeps): Promise<string[]> {
  const dir = dirOf(deps);
  const lines: string[] = [];
  // A record this version cannot read (an older version's, or damaged) is never used: its file goes, and with no
  // record its resources are no live session's, so gc removes them.
  for (const id of await unreadableRecords(dir)) {
    if (isLocked(dir, id)) continue;
    await removeRecord(dir, id);
    lines.push(`removed the record of ${id}: written by another version of sandbox-action, or damaged`);
  }
  for (const r of await listRecords(dir)) {
    const busy = isLocked(dir, r.id);
    const running = await isRunning(deps.engine, r.container.id).catch(() => false);
    if (running === null && !busy) {
      await removeSession(deps, r);
      lines.push(`removed ${r.kind} ${r.name ?? r.id}: its container was gone`);
      continue;
    }
    const d = ttlDecision({ ...r, running: running === true, busy }, deps.now().getTime());
    if (d.action === 'stop') {
      await stopSession(deps, r);
      lines.push(`stopped ${r.kind} ${r.name ?? r.id}: ${d.reason}`);
    } else if (d.action === 'remove') {
      await removeSession(deps, r);
      lines.push(`removed ${r.kind} ${r.name ?? r.id}: ${d.reason}`);
    }
  }
  return lines;
}

/** Record a use (the idle TTL counts from the last one). */
export async function touch(deps: RunDeps, r: SessionRecord): Promise<void> {
  const latest = (await listRecords(dirOf(deps))).find((x) => x.id === r.id) ?? r;
  await writeRecord(dirOf(deps), { ...latest, lastUsedAt: deps.now().toISOString() });
}
