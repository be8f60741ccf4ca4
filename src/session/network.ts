/**
 * A session's network between commands. In proxy mode the proxy lives as long as the session (it is stopped and
 * started with it, removed with it); each command gets the proxy's current address in its proxy variables, and its
 * own egress report, folded from the decisions the proxy prints while the command runs.
 */
import os from 'node:os';
import { proxyEnv } from '../sandbox/plan.js';
import { routeEnv } from '../config/secret-routes.js';
import { Ledger } from '../egress/ledger.js';
import type { AttachedStreams, Engine } from '../engine/types.js';
import type { RunDeps } from '../sandbox/execute.js';
import type { SessionRecord } from './record.js';

export function deadEndGateways(deps: RunDeps, gateways: string[]): string[] {
  const mine = (deps.hostAddresses ?? localAddresses)();
  return gateways.filter((g) => deps.engine.info.local && !mine.includes(g));
}

function localAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .flatMap((i) => (i && i.family === 'IPv4' ? [i.address] : []));
}

/** The proxy variables for a command now (none outside proxy mode); null when the proxy has no address. */
export async function proxyVariables(engine: Engine, r: SessionRecord): Promise<string[] | null> {
  const n = r.network;
  if (!n.proxyContainer || !n.internalNetwork || !n.proxyPort) return [];
  const addr = (await engine.containerAddresses(n.proxyContainer))[n.internalNetwork];
  return addr
    ? [...proxyEnv(addr, n.proxyPort), ...routeEnv(r.spec.egress?.routes ?? [], addr, n.proxyPort)]
    : null;
}

/** Follow the proxy's decisions for one command (proxy mode), or nothing. */
export async function followProxy(
  engine: Engine,
  r: SessionRecord,
): Promise<{ ledger: Ledger | null; stop(): Promise<void> }> {
  const n = r.network;
  if (!n.proxyContainer || !n.egress) return { ledger: null, stop: async () => undefined };
  const ledger = new Ledger(n.egress.mode, n.egress.domains, n.egress.image);
  let pending = '';
  const attached: AttachedStreams = await engine.attach(n.proxyContainer, (stream, chunk) => {
    if (stream !== 'stdout') return;
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop()!;
    if (pending.length > 1024 * 1024) pending = '';
    for (const line of lines) if (!line.startsWith('{"event":"listening"')) ledger.addLine(line);
  });
  let stopped = false;
  return {
    ledger,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The proxy prints a decision when a connection ends: a moment for the last ones of this command.
      await new Promise((res) => setTimeout(res, 100));
      attached.close();
      if (pending) ledger.addLine(pending);
    },
  };
}
