/**
 * The proxy's process: created, joined to the internal network, attached (its decisions go to the ledger, its
 * listening line gives its address), watched and started; `stop` ends it and waits for its last lines. Every
 * handle it opens is in the cleanup (a session keeps its proxy past this process).
 */
import { EngineError, errorMessage } from '../config/errors.js';
import type { Ledger } from '../egress/ledger.js';
import { LineBuffer } from '../engine/http.js';
import type { ContainerSpec, Engine } from '../engine/types.js';
import type { NetworkDeps } from './network.js';

const PROXY_START_TIMEOUT_MS = 30_000;
const PROXY_STOP_GRACE_MS = 5_000;

export async function startProxy(
  engine: Engine,
  spec: ContainerSpec,
  internalId: string,
  ledger: Ledger,
  deps: Pick<NetworkDeps, 'addCleanup' | 'notes'>,
): Promise<{ id: string; address: string; stop(): Promise<void> }> {
  const id = await engine.createContainer(spec);
  deps.addCleanup('remove the proxy', () => engine.removeContainer(id));
  await engine.connectNetwork(internalId, id);

  const out = await attachProxyOutput(engine, id, ledger);
  const attached = out.attached;
  deps.addCleanup('detach the proxy', async () => attached.close());
  const watch = await engine.watchExit(id);
  // A session keeps its proxy past this process: the wait on it must not keep the process alive.
  deps.addCleanup('stop watching the proxy', async () => watch.cancel());
  await engine.startContainer(id);
  const address = await listeningAddress(engine, out, watch.exit);

  let stopping = false;
  void watch.exit.then(
    (code) => {
      if (!stopping) {
        ledger.proxyExit = `the proxy exited with ${code} while the build ran; from then on the build had no egress`;
      }
    },
    () => undefined, // the wait was cancelled (a session outlives this process)
  );

  return {
    id,
    address,
    async stop() {
      stopping = true;
      try {
        await engine.killContainer(id, 'TERM');
        let t: NodeJS.Timeout | undefined;
        const done = await Promise.race([
          watch.exit.then(() => true),
          new Promise<false>((r) => (t = setTimeout(() => r(false), PROXY_STOP_GRACE_MS))),
        ]).finally(() => clearTimeout(t));
        if (!done) await engine.killContainer(id, 'KILL');
        await Promise.race([attached.done, new Promise((r) => setTimeout(r, 2000).unref())]);
        const last = out.rest();
        if (last) ledger.addLine(last);
      } catch (err) {
        deps.notes.push(`stopping the proxy: ${errorMessage(err)}`);
      }
    },
  };
}

/**
 * The proxy's output, attached before it starts: its `listening` event resolves `ready`, every other stdout line
 * goes to the ledger (none of ours is longer than 1 MiB: a longer one is dropped), and the first 4 KiB of stderr is
 * kept for the error when it does not start.
 */
async function attachProxyOutput(engine: Engine, id: string, ledger: Ledger) {
  const stdout = new LineBuffer(1024 * 1024);
  let stderr = '';
  let listening: ((addr: string) => void) | null = null;
  const ready = new Promise<string>((r) => (listening = r));
  const attached = await engine.attach(id, (stream, chunk) => {
    if (stream === 'stderr') {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
      return;
    }
    for (const line of stdout.push(chunk.toString('utf8'))) {
      if (line.startsWith('{"event":"listening"')) {
        try {
          listening?.((JSON.parse(line) as { address: string }).address);
        } catch {
          /* not ours */
        }
        continue;
      }
      ledger.addLine(line);
    }
  });
  return { attached, ready, stderr: () => stderr, rest: () => stdout.rest() };
}

/** The address the proxy listens on, or why it did not: it exited, or it did not listen within 30 s. */
async function listeningAddress(
  engine: Engine,
  out: { ready: Promise<string>; stderr(): string },
  exit: Promise<number>,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    out.ready,
    exit.then((code) => {
      throw new EngineError(
        engine.info.name,
        'start the egress proxy',
        `it exited with ${code}: ${out.stderr().trim().slice(0, 500) || 'no message'}`,
      );
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new EngineError(engine.info.name, 'start the egress proxy', 'it did not listen within 30 s'),
          ),
        PROXY_START_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}
