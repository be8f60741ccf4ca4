/**
 * A local stand-in for GitHub's Checks API (POST /repos/{o}/{r}/check-runs, PATCH …/check-runs/{id}), following the
 * documented shapes and limits (shared/reference/github-runner.md): at most 50 annotations per request, summary at
 * most 65,535 characters, titles at most 255, levels notice|warning|failure. Tokens are mapped to an app and a
 * permission, as GitHub does: a GITHUB_TOKEN belongs to the "github-actions" app, with `checks: write` only when the
 * job was granted it; a dedicated GitHub App's installation token belongs to that app. Requests without write
 * permission get 403, as GitHub answers them. Every request and every check run is recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenGrant {
  app: string;
  checksWrite: boolean;
}

export interface CheckRun {
  id: number;
  app: string;
  name: string;
  head_sha: string;
  conclusion: string;
  output: {
    title: string;
    summary: string;
    annotations: { path: string; title: string; message: string; annotation_level: string }[];
  };
}

export interface ChecksApi {
  url: string;
  tokens: Map<string, TokenGrant>;
  requests: { method: string; url: string; token: string; status: number; body: Record<string, unknown> }[];
  runs: CheckRun[];
  close(): Promise<void>;
}

const LEVELS = ['notice', 'warning', 'failure'];

function shapeError(body: Record<string, unknown>): string | null {
  const output = body.output as { title?: unknown; summary?: unknown; annotations?: unknown[] } | undefined;
  if (!output) return null;
  if (typeof output.title !== 'string' || typeof output.summary !== 'string')
    return 'output needs title and summary';
  if (output.summary.length > 65_535) return 'summary too long';
  const anns = (output.annotations ?? []) as Record<string, unknown>[];
  if (anns.length > 50) return 'more than 50 annotations';
  for (const a of anns) {
    if (typeof a.title === 'string' && a.title.length > 255) return 'title too long';
    if (!LEVELS.includes(String(a.annotation_level))) return 'bad level';
    if (typeof a.start_line !== 'number' || typeof a.end_line !== 'number') return 'lines needed';
    if (a.start_column !== undefined && a.start_line !== a.end_line)
      return 'columns on a multi-line annotation';
  }
  return null;
}

export async function startChecksApi(tokens: Record<string, TokenGrant> = {}): Promise<ChecksApi> {
  const api: ChecksApi = {
    url: '',
    tokens: new Map(Object.entries(tokens)),
    requests: [],
    runs: [],
    close: async () => undefined,
  };
  let next = 1;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      const token = /^(?:token|Bearer) (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const grant = api.tokens.get(token);
      const send = (status: number, payload: unknown) => {
        api.requests.push({ method: req.method!, url: req.url!, token, status, body });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      };
      if (!grant) return send(401, { message: 'Bad credentials' });
      if (!grant.checksWrite) return send(403, { message: 'Resource not accessible by integration' });
      const bad = shapeError(body);
      if (bad) return send(422, { message: bad });
      const create = /^\/repos\/([\w.-]+)\/([\w.-]+)\/check-runs$/.exec(req.url ?? '');
      const update = /^\/repos\/([\w.-]+)\/([\w.-]+)\/check-runs\/(\d+)$/.exec(req.url ?? '');
      if (req.method === 'POST' && create) {
        if (typeof body.name !== 'string' || !/^[0-9a-f]{40}$/.test(String(body.head_sha)))
          return send(422, { message: 'name and head_sha are required' });
        const run: CheckRun = {
          id: next++,
          app: grant.app,
          name: body.name,
          head_sha: String(body.head_sha),
          conclusion: String(body.conclusion ?? ''),
          output: structuredClone(
            (body.output ?? { title: '', summary: '', annotations: [] }) as CheckRun['output'],
          ),
        };
        api.runs.push(run);
        return send(201, { id: run.id });
      }
      if (req.method === 'PATCH' && update) {
        const run = api.runs.find((r) => r.id === Number(update[3]));
        if (!run || run.app !== grant.app) return send(404, { message: 'Not Found' });
        const out = body.output as CheckRun['output'] | undefined;
        if (out) run.output.annotations.push(...out.annotations);
        return send(200, { id: run.id });
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () => new Promise<void>((r) => server.close(() => r()));
  return api;
}
