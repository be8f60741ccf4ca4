/**
 * A lying engine for the sandbox-check tests: the real Docker engine behind a proxy on a unix socket of its own,
 * speaking the same Engine API (requests and answers pass through unchanged) except where a test tells it to lie:
 *  - `create(body, name)`: change the container's create request before the engine sees it (an engine that ignores
 *    a flag, e.g. drops ReadonlyRootfs; or a real engine-side start failure, e.g. a memory limit runc cannot start
 *    in);
 *  - `inspect(json)`: change what `GET /containers/{id}/json` answers (an engine that hides what it did);
 *  - `lateAttach`: keep each attach stream open after the engine ended it, then send a forged frame;
 *  - `cut()`: the engine goes away: every open connection is destroyed and no new one is accepted.
 * Point DOCKER_HOST at `endpoint`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Lies {
  /** The engine's socket the lies sit in front of (Docker's by default; Podman's speaks the same API). */
  upstream?: string;
  /** `name`: the container's name from the request (`?name=`), '' without one. */
  create?(body: Record<string, unknown>, name: string): void;
  inspect?(json: Record<string, unknown>): void;
  lateAttach?: { afterMs: number; stdout: string };
}

export interface LyingEngine {
  endpoint: string;
  requests: string[];
  cut(): void;
  close(): Promise<void>;
}

const UPSTREAM = '/var/run/docker.sock';

/** A stdout frame of the engine's multiplexed attach stream. */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = 1;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

export async function lyingEngine(lies: Lies = {}): Promise<LyingEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-lying-'));
  const socket = path.join(dir, 'engine.sock');
  const sockets = new Set<net.Socket>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(`${req.method} ${url}`);
    const isCreate = req.method === 'POST' && /\/containers\/create(\?|$)/.test(url);
    const isInspect = req.method === 'GET' && /\/containers\/[^/]+\/json(\?|$)/.test(url);
    const isAttach = /\/containers\/[^/]+\/attach(\?|$)/.test(url);
    const forward = (body: Buffer | null) => {
      const headers = { ...req.headers };
      if (body) headers['content-length'] = String(body.length);
      const up = http.request(
        { socketPath: lies.upstream ?? UPSTREAM, path: url, method: req.method, headers },
        (ur) => {
          if (isInspect && lies.inspect && ur.statusCode === 200) {
            const chunks: Buffer[] = [];
            ur.on('data', (c: Buffer) => chunks.push(c));
            ur.on('end', () => {
              const j = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
              lies.inspect!(j);
              const out = Buffer.from(JSON.stringify(j));
              const headers = { ...ur.headers };
              delete headers['transfer-encoding'];
              res.writeHead(200, { ...headers, 'content-length': String(out.length) }).end(out);
            });
            return;
          }
          res.writeHead(ur.statusCode ?? 502, ur.headers);
          // The engine answers a wait or an attach with headers first and the body much later; the client acts on
          // the headers (the wait is registered), so they go on at once.
          res.flushHeaders();
          if (isAttach && lies.lateAttach) {
            ur.on('data', (c: Buffer) => res.write(c));
            ur.on('end', () => {
              setTimeout(() => {
                if (!res.destroyed) res.end(frame(lies.lateAttach!.stdout));
              }, lies.lateAttach!.afterMs).unref();
            });
            return;
          }
          ur.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      if (body) up.end(body);
      else req.pipe(up);
    };
    if (isCreate && lies.create) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const name = new URL(url, 'http://engine').searchParams.get('name') ?? '';
        lies.create!(body, name);
        forward(Buffer.from(JSON.stringify(body)));
      });
    } else forward(null);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(socket, r));
  return {
    endpoint: `unix://${socket}`,
    requests,
    cut() {
      server.close();
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          r();
        });
      }),
  };
}
