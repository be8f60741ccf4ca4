/**
 * `--secret-route NAME=https://HOST[:PORT][,header=H][,env=VAR][,ca=FILE]` (pure): the proxy serves
 * `http://<proxy>:3128/NAME/…` to the sandbox and forwards it to `https://HOST/…` with the header H set from the
 * host's environment variable VAR. The sandbox gets `<NAME>_BASE_URL` (upper case, `-` as `_`), never the secret:
 * the value is read by the trusted side when the proxy is made and lives only in the proxy's configuration.
 */
import { InputError } from './errors.js';
import { canonicalHost } from '../egress/policy.js';

export interface SecretRoute {
  /** The first path segment the sandbox asks for (lower case letters, digits, `-`). */
  name: string;
  /** The upstream: always HTTPS, certificate checked against HOST. */
  host: string;
  port: number;
  /** The request header the proxy sets (lower case); whatever the sandbox sent under that name is dropped. */
  header: string;
  /** The host's environment variable holding the header's value (never copied into the sandbox). */
  env: string;
  /** A PEM file of extra certificate authorities the proxy trusts for this upstream (null: the system's). */
  caFile: string | null;
}

const NAME = /^[a-z][a-z0-9-]{0,30}$/;
const HEADER = /^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
const ENV = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** Headers the proxy owns: the route may not set them. */
const RESERVED = ['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'trailer'];

/** `<NAME>_BASE_URL`: what the sandbox is given for a route. */
export const baseUrlVar = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_BASE_URL`;

/** The sandbox's variables for the routes, given the proxy's address on its internal network. */
export function routeEnv(routes: SecretRoute[], address: string, port: number): string[] {
  return routes.map((r) => `${baseUrlVar(r.name)}=http://${address}:${port}/${r.name}`);
}

export function parseSecretRoute(value: string, cwd: string, resolve: (cwd: string, p: string) => string) {
  const bad = (why: string) =>
    new InputError(
      '--secret-route',
      `'${value}': ${why} (NAME=https://HOST[,header=H,env=VAR,ca=FILE], e.g. anthropic=https://api.anthropic.com,header=x-api-key,env=ANTHROPIC_API_KEY)`,
    );
  const eq = value.indexOf('=');
  if (eq <= 0) throw bad('is not NAME=https://HOST');
  const name = value.slice(0, eq);
  if (!NAME.test(name)) throw bad(`NAME '${name}' must be lower case letters, digits and -, at most 31`);
  const [target = '', ...opts] = value.slice(eq + 1).split(',');
  const m = /^https:\/\/([^/:?#@]+)(?::(\d{1,5}))?\/?$/.exec(target);
  if (!m) throw bad(`'${target}' is not https://HOST or https://HOST:PORT (no path, no user)`);
  const host = canonicalHost(m[1]!);
  if (host?.kind !== 'name') throw bad(`'${m[1]}' is not a host name`);
  const port = m[2] ? Number(m[2]) : 443;
  if (port < 1 || port > 65535) throw bad(`port ${m[2]} is out of range`);
  const route: SecretRoute = {
    name,
    host: host.name,
    port,
    header: 'authorization',
    env: `${name.toUpperCase().replace(/-/g, '_')}_API_KEY`,
    caFile: null,
  };
  for (const o of opts) {
    const i = o.indexOf('=');
    const k = i > 0 ? o.slice(0, i) : o;
    const v = i > 0 ? o.slice(i + 1) : '';
    if (k === 'header') {
      const h = v.toLowerCase();
      if (!HEADER.test(h) || RESERVED.includes(h) || h.startsWith('proxy-'))
        throw bad(`header '${v}' is not a header the route may set`);
      route.header = h;
    } else if (k === 'env') {
      if (!ENV.test(v)) throw bad(`env '${v}' is not a variable name`);
      route.env = v;
    } else if (k === 'ca') {
      if (!v) throw bad('ca= needs a file');
      route.caFile = resolve(cwd, v);
    } else throw bad(`'${o}' is not header=, env= or ca=`);
  }
  return route;
}

export function parseSecretRoutes(
  values: string[],
  cwd: string,
  resolve: (cwd: string, p: string) => string,
): SecretRoute[] {
  const routes = values.map((v) => parseSecretRoute(v, cwd, resolve));
  const seen = new Set<string>();
  for (const r of routes) {
    if (seen.has(r.name)) throw new InputError('--secret-route', `two routes named '${r.name}'`);
    seen.add(r.name);
  }
  return routes;
}

/** The secret values, read from the trusted side's environment; one line naming the first that is missing. */
export function routeSecrets(
  routes: SecretRoute[],
  env: Record<string, string | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of routes) {
    const v = env[r.env];
    if (!v) {
      throw new InputError(
        '--secret-route',
        `'${r.name}' takes its secret from $${r.env}, which is not set here; export it before the run`,
      );
    }
    if (/[\r\n\0]/.test(v)) throw new InputError('--secret-route', `$${r.env} holds a line break`);
    out[r.name] = v;
  }
  return out;
}
