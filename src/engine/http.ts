/** A minimal client of the Docker Engine API on Node's own `http` (unix socket or TCP). */
import http from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { EngineError, ProtocolError } from '../config/errors.js';

export interface Endpoint {
  /** `unix:///var/run/docker.sock` or `tcp://host:2375`. */
  url: string;
  socketPath?: string;
  host?: string;
  port?: number;
}

export function parseEndpoint(url: string): Endpoint {
  if (url.startsWith('unix://')) return { url, socketPath: url.slice('unix://'.length) };
  if (url.startsWith('/')) return { url: `unix://${url}`, socketPath: url };
  const m = /^(?:tcp|http):\/\/([^:/]+)(?::(\d+))?\/?$/.exec(url);
  if (m) return { url, host: m[1]!, port: Number(m[2] ?? 2375) };
  throw new EngineError(
    'engine',
    'connect',
    `unsupported engine address '${url}'`,
    'use unix:///path/to/socket or tcp://host:port (TLS endpoints are not supported)',
  );
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  bodyStream?: Readable;
  headers?: Record<string, string>;
}

export interface RawResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

// One keep-alive agent per endpoint: most of a run's cost is engine round-trips, and reusing the
// socket saves a connect on each.
const agents = new Map<string, http.Agent>();
function agentFor(ep: Endpoint): http.Agent {
  let a = agents.get(ep.url);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: 32 });
    agents.set(ep.url, a);
  }
  return a;
}

export class ApiClient {
  private prefix = '';
  constructor(
    readonly endpoint: Endpoint,
    readonly engineName: string,
  ) {}

  setApiVersion(v: string): void {
    this.prefix = `/v${v}`;
  }

  /** Send a request; resolves with the raw streaming response (any status). */
  raw(
    method: string,
    path: string,
    opts: RequestOptions = {},
    operation = `${method} ${path}`,
  ): Promise<RawResponse> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) qs.set(k, String(v));
    const fullPath = `${this.prefix}${path}${qs.size ? `?${qs}` : ''}`;
    const headers: Record<string, string> = { ...opts.headers };
    let payload: Buffer | undefined;
    if (opts.body !== undefined) {
      payload = Buffer.from(JSON.stringify(opts.body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const ep = this.endpoint;
    return new Promise<RawResponse>((resolve, reject) => {
      const options: http.RequestOptions & { servername: string } = {
        method,
        path: fullPath,
        headers,
        agent: agentFor(ep),
        // No TLS here: an empty servername keeps the agent from computing one with net.isIP, whose first call
        // compiles a large regular expression (~20 ms of every CLI start, measured with --cpu-prof).
        servername: '',
        ...(ep.socketPath ? { socketPath: ep.socketPath } : { host: ep.host, port: ep.port }),
      };
      const req = http.request(options, (res) =>
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res }),
      );
      req.on('error', (err: NodeJS.ErrnoException) => reject(this.connectError(operation, err)));
      if (opts.bodyStream) {
        opts.bodyStream.on('error', (err) => req.destroy(err));
        opts.bodyStream.pipe(req);
      } else {
        req.end(payload);
      }
    });
  }

  /**
   * A request the engine answers with 101 Switching Protocols (exec with stdin): the raw connection, both ways.
   * Its own socket, never the keep-alive pool's. Any other answer becomes an EngineError.
   */
  upgrade(method: string, path: string, body: unknown, operation: string): Promise<Duplex> {
    const payload = Buffer.from(JSON.stringify(body));
    const ep = this.endpoint;
    return new Promise<Duplex>((resolve, reject) => {
      const req = http.request({
        method,
        path: `${this.prefix}${path}`,
        headers: {
          connection: 'Upgrade',
          upgrade: 'tcp',
          'content-type': 'application/json',
          'content-length': String(payload.length),
        },
        agent: false,
        ...(ep.socketPath ? { socketPath: ep.socketPath } : { host: ep.host, port: ep.port }),
      });
      req.on('upgrade', (_res, socket, head) => {
        if (head.length) socket.unshift(head);
        resolve(socket);
      });
      req.on('response', (res) => {
        readAll(res).then(
          (b) => reject(this.statusError(operation, res.statusCode ?? 0, b)),
          (err: unknown) => reject(err),
        );
      });
      req.on('error', (err: NodeJS.ErrnoException) => reject(this.connectError(operation, err)));
      req.end(payload);
    });
  }

  /** Send a request and parse a JSON answer; a non-2xx status becomes an EngineError. */
  async json<T>(method: string, path: string, opts: RequestOptions = {}, operation?: string): Promise<T> {
    const op = operation ?? `${method} ${path}`;
    const res = await this.raw(method, path, opts, op);
    const text = await readAll(res.body);
    if (res.statusCode < 200 || res.statusCode >= 300) throw this.statusError(op, res.statusCode, text);
    return (text.length ? JSON.parse(text.toString('utf8')) : undefined) as T;
  }

  /** A GET whose 404 means "no such thing": null then; any other non-2xx becomes an EngineError. */
  async getOrNull<T>(path: string, operation: string): Promise<T | null> {
    const res = await this.raw('GET', path, {}, operation);
    const body = await readAll(res.body);
    if (res.statusCode === 404) return null;
    if (res.statusCode < 200 || res.statusCode >= 300)
      throw this.statusError(operation, res.statusCode, body);
    return JSON.parse(body.toString('utf8')) as T;
  }

  /**
   * A request the engine answers with a JSON-lines progress stream (pull, build, import, push): a non-200 answer
   * becomes an EngineError; a line with `error` (the engine's way to fail after its 200) too. `each` sees every line.
   */
  async progress<T extends { error?: string }>(
    method: string,
    path: string,
    opts: RequestOptions,
    operation: string,
    each: (line: T) => void = () => undefined,
  ): Promise<void> {
    const res = await this.raw(method, path, opts, operation);
    if (res.statusCode !== 200) throw this.statusError(operation, res.statusCode, await readAll(res.body));
    let error: string | null = null;
    for await (const j of jsonLines<T>(res.body)) {
      if (j.error) error ??= j.error;
      each(j);
    }
    if (error) throw new EngineError(this.engineName, operation, error.trim());
  }

  /** Like json() but ignores the body. `okStatuses` lists extra statuses that count as success. */
  async call(
    method: string,
    path: string,
    opts: RequestOptions = {},
    operation?: string,
    okStatuses: number[] = [],
  ) {
    const op = operation ?? `${method} ${path}`;
    const res = await this.raw(method, path, opts, op);
    const text = await readAll(res.body);
    if ((res.statusCode < 200 || res.statusCode >= 300) && !okStatuses.includes(res.statusCode)) {
      throw this.statusError(op, res.statusCode, text);
    }
    return res.statusCode;
  }

  statusError(operation: string, status: number, body: Buffer): EngineError {
    let detail = body.toString('utf8').trim();
    try {
      const parsed = JSON.parse(detail) as { message?: string };
      if (parsed.message) detail = parsed.message;
    } catch {
      /* not JSON: keep the text */
    }
    return new EngineError(
      this.engineName,
      operation,
      `${detail || 'no detail'} (HTTP ${status})`,
      hintFor(status, this.engineName),
      status,
    );
  }

  private connectError(operation: string, err: NodeJS.ErrnoException): EngineError {
    const where = this.endpoint.url;
    if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') {
      return new EngineError(
        this.engineName,
        operation,
        `no engine answers at ${where}`,
        'start it (`sudo systemctl start docker`, or `sudo scripts/engine-up.sh` here) or set DOCKER_HOST',
      );
    }
    if (err.code === 'EACCES') {
      return new EngineError(
        this.engineName,
        operation,
        `permission denied on ${where}`,
        'add your user to the docker group or run with sudo',
      );
    }
    return new EngineError(this.engineName, operation, `${err.code ?? ''} ${err.message}`.trim());
  }
}

/** What to do about an engine's answer, by its status. */
export function hintFor(status: number, engine = 'docker'): string {
  if (status === 404)
    return 'it no longer exists: another process (or `sandbox-action gc`) may have removed it';
  if (status === 409)
    return 'it is in use or in the wrong state: `sandbox-action gc` removes leftovers of crashed runs';
  if (status === 400)
    return 'the engine refused the request: check the engine version (Docker 20.10+) and the options';
  if (status === 401 || status === 403) return 'the engine refused access: check the socket permissions';
  if (status >= 500)
    return engine === 'podman'
      ? 'the engine failed: see the log of `podman system service` (journalctl --user -u podman, or where its output goes)'
      : 'the engine failed: see its log (journalctl -u docker, or /var/log/dockerd.log)';
  return '';
}

/** Text that arrives in chunks, as whole lines (a line may arrive split over chunks). */
export class LineBuffer {
  private pending = '';
  /** `maxPending`: an unfinished line longer than this is dropped (a peer that never ends its line). */
  constructor(private readonly maxPending = Infinity) {}

  /** The lines this chunk completes. */
  push(text: string): string[] {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop()!;
    if (this.pending.length > this.maxPending) this.pending = '';
    return lines;
  }

  /** What came after the last newline. */
  rest(): string {
    const r = this.pending;
    this.pending = '';
    return r;
  }
}

/** Each non-empty line of a JSON-lines stream, parsed, in order. */
export async function* jsonLines<T>(body: Readable): AsyncGenerator<T> {
  const lines = new LineBuffer();
  for await (const chunk of body) {
    for (const line of lines.push((chunk as Buffer).toString('utf8')))
      if (line.trim()) yield JSON.parse(line) as T;
  }
  const last = lines.rest();
  if (last.trim()) yield JSON.parse(last) as T;
}

export async function readAll(stream: Readable, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      n += b.length;
      if (n > limit) {
        stream.destroy();
        throw new ProtocolError(`answer larger than ${limit} bytes`);
      }
      chunks.push(b);
    }
  } catch (err) {
    // A connection cut in the middle of an answer (the engine stopped or restarted): the engine's failure.
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ECONNRESET' || e.message === 'aborted')
      throw new EngineError(
        'engine',
        'read an answer',
        `the connection to the engine was cut (${e.code ?? e.message})`,
        'is the engine still running? `sandbox-action gc` removes what the run left',
      );
    throw err;
  }
  return Buffer.concat(chunks);
}
