/**
 * A recording pass-through to the real engine's API socket: every request the CLI makes is listed (method and
 * path), and `GET /info` can be rewritten on its way back. The CLI is pointed at it with DOCKER_HOST. Used to show
 * that a refused run asked the engine to create nothing, and to present the real engine with runtimes registered
 * the way a user's engine may have them (runsc without --oci-seccomp) without touching the shared daemon.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export interface EngineRecorder {
  /** DOCKER_HOST for the CLI. */
  dockerHost: string;
  /** `METHOD /path?query`, in order. */
  requests: string[];
  /** Requests that create or start something. */
  creating(): string[];
  close(): Promise<void>;
}

type Info = Record<string, unknown>;

export async function recordEngine(
  engineSocket: string,
  rewriteInfo?: (info: Info) => void,
): Promise<EngineRecorder> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-engine-rec-'));
  const socket = path.join(dir, 'engine.sock');
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const isInfo = req.method === 'GET' && /^(\/v[\d.]+)?\/info(\?|$)/.test(req.url ?? '');
    const up = http.request(
      { socketPath: engineSocket, method: req.method, path: req.url, headers: req.headers },
      (ur) => {
        if (!isInfo || !rewriteInfo || ur.statusCode !== 200) {
          res.writeHead(ur.statusCode ?? 502, ur.headers);
          res.flushHeaders(); // attach answers its headers long before its first byte
          ur.pipe(res);
          return;
        }
        const parts: Buffer[] = [];
        ur.on('data', (c: Buffer) => parts.push(c));
        ur.on('end', () => {
          const info = JSON.parse(Buffer.concat(parts).toString('utf8')) as Info;
          rewriteInfo(info);
          const body = Buffer.from(JSON.stringify(info));
          const headers = { ...ur.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(200, headers);
          res.end(body);
        });
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(socket, () => r()));
  return {
    dockerHost: `unix://${socket}`,
    requests,
    creating: () =>
      requests.filter((r) =>
        /^POST \S*\/(containers|volumes|networks)\/create|^POST \S*\/start(\?|$)/.test(r),
      ),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          r();
        });
      }),
  };
}

/** Take `--oci-seccomp` out of every registered runtime's arguments (an engine registered as before issue 13). */
export function withoutOciSeccomp(info: Info): void {
  const runtimes = info.Runtimes as Record<string, { runtimeArgs?: string[] }> | undefined;
  for (const r of Object.values(runtimes ?? {})) {
    if (r.runtimeArgs) r.runtimeArgs = r.runtimeArgs.filter((a) => a !== '--oci-seccomp');
  }
}
