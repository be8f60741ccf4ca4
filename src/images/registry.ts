/**
 * A small OCI distribution client on Node's http/https: read and write manifests, read blobs. Basic auth, and the
 * Bearer token flow when the registry asks for it (ghcr.io, Docker Hub). Retries with backoff on 429 and 5xx.
 * Loopback registries are spoken to over plain HTTP (as the engine does); everything else over HTTPS.
 */
import { RegistryError, asError } from '../config/errors.js';
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { backoff, parseChallenge, retryable } from './build-plan.js';

export interface Credentials {
  username: string;
  password: string;
}

export interface Reference {
  /** host[:port] */
  host: string;
  /** path inside the registry, e.g. org/sandbox-action/python-sandbox */
  repository: string;
  /** tag or digest */
  ref: string;
}

/** Split `host/path/name:tag` (or `@sha256:…`). The first component is a host when it has a dot, a colon or is localhost. */
export function parseReference(text: string): Reference {
  const at = text.indexOf('@');
  let name = text;
  let ref = 'latest';
  if (at >= 0) {
    name = text.slice(0, at);
    ref = text.slice(at + 1);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon > text.lastIndexOf('/')) {
      name = text.slice(0, colon);
      ref = text.slice(colon + 1);
    }
  }
  const [first, ...rest] = name.split('/');
  const isHost = rest.length > 0 && (/[.:]/.test(first!) || first === 'localhost');
  return isHost
    ? { host: first!, repository: rest.join('/'), ref }
    : { host: 'registry-1.docker.io', repository: name.includes('/') ? name : `library/${name}`, ref };
}

const isLoopback = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);

export { RegistryError };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class RegistryClient {
  private tokens = new Map<string, string>();
  constructor(
    readonly host: string,
    private readonly creds: Credentials | null,
    private readonly o: {
      attempts?: number;
      baseDelayMs?: number;
      sleep?: (ms: number) => Promise<void>;
    } = {},
  ) {}

  private once(method: string, url: URL, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
    const mod = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = mod.request(url, { method, headers, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new RegistryError('timed out', null)));
      req.on('error', reject);
      req.end(body);
    });
  }

  private async authorization(challenge: string, scope: string): Promise<string | null> {
    const c = parseChallenge(challenge);
    if (!c) return null;
    if (c.scheme === 'basic') {
      return this.creds
        ? `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}`
        : null;
    }
    if (c.scheme !== 'bearer' || !c.params.realm) return null;
    const cached = this.tokens.get(scope);
    if (cached) return `Bearer ${cached}`;
    const url = new URL(c.params.realm);
    if (c.params.service) url.searchParams.set('service', c.params.service);
    url.searchParams.set('scope', c.params.scope ?? scope);
    const headers: Record<string, string> = {};
    if (this.creds) {
      headers.authorization = `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}`;
    }
    const a = await this.once('GET', url, headers);
    if (a.status !== 200)
      throw new RegistryError(`the registry's token service answered ${a.status}`, a.status);
    const j = JSON.parse(a.body.toString()) as { token?: string; access_token?: string };
    const token = j.token ?? j.access_token;
    if (!token) throw new RegistryError('the registry issued no token', null);
    this.tokens.set(scope, token);
    return `Bearer ${token}`;
  }

  /** One request with auth (answering a 401 challenge once) and retries with backoff on 429/5xx/network errors. */
  async request(
    method: string,
    path: string,
    o: { headers?: Record<string, string>; body?: Buffer; scope: string },
  ): Promise<Answer> {
    const url = new URL(`${isLoopback(this.host) ? 'http' : 'https'}://${this.host}${path}`);
    const attempts = this.o.attempts ?? 5;
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let auth: string | null = null;
    for (let attempt = 1; ; attempt++) {
      let a: Answer | null = null;
      let err: Error | null = null;
      try {
        a = await this.once(
          method,
          url,
          { ...(o.headers ?? {}), ...(auth ? { authorization: auth } : {}) },
          o.body,
        );
        if (a.status === 401 && !auth && a.headers['www-authenticate']) {
          auth = await this.authorization(String(a.headers['www-authenticate']), o.scope);
          if (auth) {
            a = await this.once(method, url, { ...(o.headers ?? {}), authorization: auth }, o.body);
          }
        }
      } catch (e) {
        if (e instanceof RegistryError) throw e;
        err = asError(e);
      }
      const status = a ? a.status : null;
      if (a && !retryable(status)) return a;
      if (attempt >= attempts) {
        if (a) return a;
        throw new RegistryError(`${method} ${url.pathname}: ${err?.message ?? 'no answer'}`, null);
      }
      await sleep(
        backoff(
          attempt,
          this.o.baseDelayMs ?? 500,
          a ? (a.headers['retry-after'] as string | undefined) : null,
        ),
      );
    }
  }

  private check(a: Answer, what: string): Answer {
    if (a.status === 401 || a.status === 403) {
      throw new RegistryError(
        `${what}: the registry refused the credentials (${a.status}); check the username and password`,
        a.status,
      );
    }
    if (a.status < 200 || a.status > 299) {
      throw new RegistryError(
        `${what}: the registry answered ${a.status}: ${a.body.toString().slice(0, 300)}`,
        a.status,
      );
    }
    return a;
  }

  async getManifest(repository: string, ref: string, accept: string[]) {
    const a = this.check(
      await this.request('GET', `/v2/${repository}/manifests/${ref}`, {
        headers: { accept: accept.join(', ') },
        scope: `repository:${repository}:pull`,
      }),
      `read manifest ${repository}:${ref}`,
    );
    const digest = String(
      a.headers['docker-content-digest'] ??
        `sha256:${crypto.createHash('sha256').update(a.body).digest('hex')}`,
    );
    const mediaType = String(a.headers['content-type'] ?? '').split(';')[0]!;
    return {
      digest,
      mediaType,
      size: a.body.length,
      body: a.body,
      json: JSON.parse(a.body.toString()) as unknown,
    };
  }

  async putManifest(repository: string, ref: string, body: Buffer, mediaType: string): Promise<string> {
    const a = this.check(
      await this.request('PUT', `/v2/${repository}/manifests/${ref}`, {
        headers: { 'content-type': mediaType },
        body,
        scope: `repository:${repository}:pull,push`,
      }),
      `write manifest ${repository}:${ref}`,
    );
    return String(a.headers['docker-content-digest'] ?? '');
  }

  async getBlobJson(repository: string, digest: string): Promise<unknown> {
    let a = await this.request('GET', `/v2/${repository}/blobs/${digest}`, {
      scope: `repository:${repository}:pull`,
    });
    // Blobs may redirect to storage: follow once, without the registry's credentials.
    if (a.status >= 300 && a.status < 400 && a.headers.location) {
      a = await this.once('GET', new URL(String(a.headers.location), `https://${this.host}`), {});
    }
    return JSON.parse(this.check(a, `read blob ${digest}`).body.toString()) as unknown;
  }

  /** Does the registry accept these credentials for pushing to `repository`? */
  async canPush(repository: string): Promise<boolean> {
    const a = await this.request('GET', `/v2/`, { scope: `repository:${repository}:pull,push` });
    return a.status === 200;
  }
}
