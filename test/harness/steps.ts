/**
 * Steps as GitHub's runner executes them: `run:` with bash and the runner's default variables and file commands
 * (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY); `uses: ./path` as a composite action (its `run:` steps get no
 * INPUT_*: only the env they map, as on GitHub); and stand-ins, following each action's documented inputs and
 * outputs, for actions/checkout (from the world's local repositories), upload/download-artifact and cache
 * (the world's stores, with GitHub's rules: unique artifact names per run, immutable cache keys, branch scopes),
 * setup-node (Node is here) and create-github-app-token (the world's apps).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { asString, condition, evalValue, interpolate, type Contexts, type Status } from './expr.js';
import { git, type World } from './world.js';

export interface StepDef {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}

/** What one job instance has: its folders, token, secrets, the run it belongs to, and its log. */
export interface JobEnv {
  world: World;
  runId: number;
  /** The github context (event_name, event, ref, sha, repository, token, …). */
  github: Record<string, unknown>;
  workspace: string;
  temp: string;
  baseEnv: Record<string, string>;
  log: string[];
  /** Every checkout, as it was asked for (tests read repository, ref, path and credentials). */
  checkouts: { repository: string; ref: string; path: string; persistCredentials: unknown }[];
  uses: { uses: string; with: Record<string, string> }[];
}

export interface StepScope {
  contexts: Contexts;
  env: Record<string, string>;
  /** The folder of the composite action the steps belong to (GITHUB_ACTION_PATH), if any. */
  actionPath?: string;
}

export interface StepsOutcome {
  failed: boolean;
  steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
}

function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(file)) return out;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const heredoc = /^([\w-]+)<<(\S+)$/.exec(l);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      out[heredoc[1]!] = body.join('\n');
      continue;
    }
    const kv = /^([\w-]+)=(.*)$/.exec(l);
    if (kv) out[kv[1]!] = kv[2]!;
  }
  return out;
}

/** The environment every step gets from the runner. */
function runnerEnv(job: JobEnv, scope: StepScope, outFile: string, envFile: string): Record<string, string> {
  const g = job.github;
  const ev = g.event as { pull_request?: { base?: { ref?: string }; head?: { ref?: string } } };
  return {
    ...job.baseEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: job.workspace,
    RUNNER_TEMP: job.temp,
    GITHUB_EVENT_NAME: asString(g.event_name),
    GITHUB_EVENT_PATH: path.join(job.temp, '_event.json'),
    GITHUB_REF: asString(g.ref),
    GITHUB_SHA: asString(g.sha),
    GITHUB_REPOSITORY: asString(g.repository),
    GITHUB_RUN_ID: asString(g.run_id),
    GITHUB_RUN_ATTEMPT: asString(g.run_attempt),
    GITHUB_JOB: asString(g.job),
    GITHUB_API_URL: job.world.checks.url,
    GITHUB_BASE_REF: ev.pull_request?.base?.ref ?? '',
    GITHUB_HEAD_REF: ev.pull_request?.head?.ref ?? '',
    GITHUB_OUTPUT: outFile,
    GITHUB_ENV: envFile,
    GITHUB_STEP_SUMMARY: path.join(job.temp, '_summary.md'),
    ...(scope.actionPath ? { GITHUB_ACTION_PATH: scope.actionPath } : {}),
  };
}

let stepCounter = 0;

async function runShell(job: JobEnv, scope: StepScope, step: StepDef, status: Status) {
  const n = ++stepCounter;
  const outFile = path.join(job.temp, `_out-${n}`);
  const envFile = path.join(job.temp, `_env-${n}`);
  fs.writeFileSync(outFile, '');
  fs.writeFileSync(envFile, '');
  const stepEnv = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([k, v]) => [k, asString(evalValue(v, scope.contexts, status))]),
  );
  const env = { ...scope.env, ...stepEnv, ...runnerEnv(job, scope, outFile, envFile) };
  const script = interpolate(step.run ?? '', scope.contexts, status);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      env,
      cwd: job.workspace,
    });
    child.stdout.on('data', (c: Buffer) => job.log.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => job.log.push(c.toString()));
    child.on('close', resolve);
  });
  // GITHUB_ENV sets variables for the job's later steps.
  Object.assign(scope.env, readOutputs(envFile));
  return { ok: code === 0, outputs: readOutputs(outFile) };
}

/** actions/checkout: a clone of the world's repository at the ref, into the workspace (or `path` under it). */
function checkout(job: JobEnv, w: Record<string, string>) {
  const repository = w.repository || asString(job.github.repository);
  const ref = w.ref || asString(job.github.sha);
  const rel = w.path || '.';
  const dest = path.resolve(job.workspace, rel);
  if (!dest.startsWith(job.workspace)) throw new Error(`checkout: path '${rel}' is outside the workspace`);
  job.checkouts.push({ repository, ref, path: rel, persistCredentials: w['persist-credentials'] });
  if (rel === '.')
    for (const f of fs.readdirSync(dest)) fs.rmSync(path.join(dest, f), { recursive: true, force: true });
  else fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  git(dest, 'init', '-q');
  git(dest, 'fetch', '-q', job.world.repoDir(repository), ref);
  git(dest, 'checkout', '-q', '--detach', 'FETCH_HEAD');
  return {};
}

function copyInto(src: string, dest: string) {
  fs.mkdirSync(dest, { recursive: true });
  fs.cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
}

function uploadArtifact(job: JobEnv, w: Record<string, string>): Record<string, string> {
  const name = w.name || 'artifact';
  const store = job.world.artifacts.get(job.runId) ?? new Map<string, string>();
  job.world.artifacts.set(job.runId, store);
  if (store.has(name))
    throw new Error(`upload-artifact: an artifact named '${name}' already exists in this run`);
  const paths = (w.path ?? '')
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const files = paths.filter((p) => fs.existsSync(path.resolve(job.workspace, p)));
  const count = files.reduce((n, p) => {
    const abs = path.resolve(job.workspace, p);
    return n + (fs.statSync(abs).isDirectory() ? fs.readdirSync(abs, { recursive: true }).length : 1);
  }, 0);
  if (count === 0) {
    if ((w['if-no-files-found'] || 'warn') === 'error')
      throw new Error(`upload-artifact: no files found at ${w.path}`);
    return {};
  }
  if (job.world.faults.dropArtifact?.(job.runId, name)) return {};
  const dir = path.join(job.world.root, 'artifacts', String(job.runId), name);
  for (const p of files) {
    const abs = path.resolve(job.workspace, p);
    if (fs.statSync(abs).isDirectory()) copyInto(abs, dir);
    else copyInto(abs, path.join(dir, path.basename(abs)));
  }
  store.set(name, dir);
  return {
    'artifact-id': String(store.size),
    'artifact-url': `${job.world.checks.url}/artifacts/${job.runId}/${name}`,
  };
}

function downloadArtifact(job: JobEnv, w: Record<string, string>) {
  const runId = w['run-id'] ? Number(w['run-id']) : job.runId;
  const store = job.world.artifacts.get(runId) ?? new Map<string, string>();
  const dest = path.resolve(job.workspace, w.path || '.');
  const glob = (w.pattern || w.name || '*').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const matches = [...store.keys()].filter((n) => new RegExp(`^${glob}$`).test(n));
  if (w.name && matches.length === 0) throw new Error(`download-artifact: no artifact named '${w.name}'`);
  const single = !!w.name && !w.pattern;
  for (const n of matches)
    copyInto(store.get(n)!, single || w['merge-multiple'] === 'true' ? dest : path.join(dest, n));
  return { 'download-path': dest };
}

function cacheScopes(job: JobEnv): string[] {
  const ev = job.github.event as { repository?: { default_branch?: string } };
  return [asString(job.github.ref), `refs/heads/${ev.repository?.default_branch ?? 'main'}`];
}

function cacheRestore(job: JobEnv, w: Record<string, string>) {
  const scopes = cacheScopes(job);
  const keys = [
    w.key!,
    ...(w['restore-keys'] ?? '')
      .split('\n')
      .map((k) => k.trim())
      .filter(Boolean),
  ];
  const visible = job.world.caches.filter((c) => scopes.includes(c.scope));
  const exact = visible.find((c) => c.key === w.key);
  const hit =
    exact ??
    keys
      .slice(1)
      .map((k) => visible.filter((c) => c.key.startsWith(k)).at(-1))
      .find(Boolean);
  if (hit) copyInto(hit.dir, path.resolve(job.workspace, w.path!));
  return {
    'cache-hit': exact ? 'true' : 'false',
    'cache-primary-key': w.key!,
    'cache-matched-key': hit?.key ?? '',
  };
}

function cacheSave(job: JobEnv, w: Record<string, string>) {
  const scope = asString(job.github.ref);
  if (job.world.caches.some((c) => c.scope === scope && c.key === w.key)) return {}; // entries are immutable
  const src = path.resolve(job.workspace, w.path!);
  if (!fs.existsSync(src)) return {};
  const dir = path.join(job.world.root, 'caches', String(job.world.caches.length));
  copyInto(src, dir);
  job.world.caches.push({ scope, key: w.key!, dir });
  return {};
}

function appToken(job: JobEnv, w: Record<string, string>) {
  const t = job.world.appToken(w['app-id'] || w['client-id'] || '', w['private-key'] ?? '');
  if (!t) throw new Error('create-github-app-token: the app id or private key is wrong');
  return { token: t, 'installation-id': '1', 'app-slug': job.world.apps.get(w['app-id'] ?? '')!.name };
}

const STAND_INS: Record<string, (job: JobEnv, w: Record<string, string>) => Record<string, string>> = {
  'actions/checkout': checkout,
  'actions/setup-node': () => ({}),
  'actions/upload-artifact': uploadArtifact,
  'actions/download-artifact': downloadArtifact,
  'actions/cache/restore': cacheRestore,
  'actions/cache/save': cacheSave,
  'actions/create-github-app-token': appToken,
};

interface ActionFile {
  inputs?: Record<string, { default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: StepDef[] };
}

/** A local composite action (`uses: ./path`): its steps with its own inputs and steps contexts. */
async function composite(
  job: JobEnv,
  scope: StepScope,
  dir: string,
  w: Record<string, string>,
  status: Status,
) {
  const file = ['action.yml', 'action.yaml'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`uses: no action.yml in ${dir}`);
  const action = YAML.parse(fs.readFileSync(file, 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error(`uses: ${dir} is not a composite action`);
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs ?? {})) {
    inputs[k] = w[k] ?? asString(evalValue(v.default ?? '', scope.contexts, status));
  }
  const inner: StepScope = {
    contexts: { ...scope.contexts, inputs, steps: {} },
    env: { ...scope.env },
    actionPath: dir,
  };
  const r = await runSteps(job, inner, action.runs.steps);
  const ctx = { ...inner.contexts, steps: r.steps };
  const outputs = Object.fromEntries(
    Object.entries(action.outputs ?? {}).map(([k, o]) => [
      k,
      interpolate(o.value, ctx, { failed: r.failed }),
    ]),
  );
  return { ok: !r.failed, outputs };
}

export async function runSteps(job: JobEnv, scope: StepScope, steps: StepDef[]): Promise<StepsOutcome> {
  const out: StepsOutcome = { failed: false, steps: {} };
  scope.contexts.steps = out.steps;
  let index = 0;
  for (const step of steps) {
    const id = step.id ?? `__${index++}`;
    const status: Status = { failed: out.failed };
    if (!condition(step.if, scope.contexts, status)) {
      out.steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    let ok = true;
    let outputs: Record<string, string> = {};
    try {
      if (step.run !== undefined) ({ ok, outputs } = await runShell(job, scope, step, status));
      else if (step.uses) {
        const w = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([k, v]) => [
            k,
            asString(evalValue(v, scope.contexts, status)),
          ]),
        );
        job.uses.push({ uses: step.uses, with: w });
        if (step.uses.startsWith('./')) {
          // As on GitHub: relative to the workspace, also inside a composite action.
          ({ ok, outputs } = await composite(job, scope, path.resolve(job.workspace, step.uses), w, status));
        } else {
          const name = step.uses.split('@')[0]!;
          const f = STAND_INS[name];
          if (!f) throw new Error(`harness: no stand-in for ${step.uses}`);
          outputs = f(job, w);
        }
      }
    } catch (err) {
      job.log.push(`::error::${String(err)}\n`);
      ok = false;
    }
    const tolerated = !ok && step['continue-on-error'] === true;
    out.steps[id] = {
      outputs,
      outcome: ok ? 'success' : 'failure',
      conclusion: ok || tolerated ? 'success' : 'failure',
    };
    if (!ok && !tolerated) out.failed = true;
  }
  return out;
}
