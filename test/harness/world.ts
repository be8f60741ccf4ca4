/**
 * The "GitHub" the workflow harness runs against, all local: git repositories (a base repository with its branches,
 * forks holding pull request heads, the action's repository), repository and environment secrets, GitHub Apps,
 * the Checks API stand-in (test/helpers/checks-api.ts), and per-run artifact and cache stores with GitHub's scopes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startChecksApi, type ChecksApi } from '../helpers/checks-api.js';

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'harness',
      GIT_AUTHOR_EMAIL: 'harness@example.invalid',
      GIT_COMMITTER_NAME: 'harness',
      GIT_COMMITTER_EMAIL: 'harness@example.invalid',
    },
  }).trim();
}

/** Write files (path → content; null deletes) on top of `branch` (made from `from` when new), commit, return the SHA. */
export function commit(
  dir: string,
  branch: string,
  files: Record<string, string | null>,
  message: string,
  from?: string,
): string {
  const exists = git(dir, 'branch', '--list', branch) !== '';
  git(dir, 'checkout', '-q', ...(exists ? [branch] : ['-b', branch, ...(from ? [from] : [])]));
  for (const [p, content] of Object.entries(files)) {
    const abs = path.join(dir, p);
    if (content === null) fs.rmSync(abs, { force: true, recursive: true });
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** The content of `file` at commit `sha`, or null. */
export function show(dir: string, sha: string, file: string): string | null {
  try {
    return git(dir, 'show', `${sha}:${file}`);
  } catch {
    return null;
  }
}

export function listFiles(dir: string, sha: string, under: string): string[] {
  try {
    return git(dir, 'ls-tree', '--name-only', `${sha}:${under}`).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export interface Environment {
  /** Branches whose runs may use it (deployment branch policy). */
  branches: string[];
  secrets: Record<string, string>;
}

export interface ArtifactStore {
  /** run id → artifact name → directory. */
  runs: Map<number, Map<string, string>>;
}

export class World {
  readonly repos = new Map<string, string>();
  readonly secrets = new Map<string, Record<string, string>>();
  readonly environments = new Map<string, Environment>();
  readonly apps = new Map<string, { name: string; privateKey: string }>();
  readonly artifacts = new Map<number, Map<string, string>>();
  readonly caches: { scope: string; key: string; dir: string }[] = [];
  /** Faults a test injects between jobs: artifacts dropped (a crashed runner) or added (a leftover of another run). */
  readonly faults: {
    dropArtifact?(runId: number, name: string): boolean;
    beforeJob?(runId: number, job: string): void;
  } = {};
  private runId = 1000;
  private tokenId = 0;

  private constructor(
    readonly root: string,
    readonly checks: ChecksApi,
  ) {}

  static async create(root: string): Promise<World> {
    fs.mkdirSync(root, { recursive: true });
    return new World(root, await startChecksApi());
  }

  nextRunId(): number {
    return ++this.runId;
  }

  /** A fresh token for a job, as GitHub mints one: the GitHub Actions app, write access to checks only if granted. */
  jobToken(checksWrite: boolean): string {
    const t = `ghs_job_${++this.tokenId}`;
    this.checks.tokens.set(t, { app: 'github-actions', checksWrite });
    return t;
  }

  /** An installation token of a GitHub App (actions/create-github-app-token). */
  appToken(appId: string, privateKey: string): string | null {
    const app = this.apps.get(appId);
    if (!app || app.privateKey !== privateKey) return null;
    const t = `ghs_app_${++this.tokenId}`;
    this.checks.tokens.set(t, { app: app.name, checksWrite: true });
    return t;
  }

  /** A new local repository (a "GitHub" repository named owner/name) with files on its default branch. */
  newRepo(fullName: string, files: Record<string, string>, branch = 'main'): { dir: string; sha: string } {
    const dir = path.join(this.root, 'repos', fullName);
    fs.mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q', '-b', branch);
    // Checkouts fetch commits by SHA, as actions/checkout does from GitHub.
    git(dir, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    const sha = commit(dir, branch, files, 'initial');
    this.repos.set(fullName, dir);
    return { dir, sha };
  }

  /** A fork of a repository (its branches and commits). */
  fork(fullName: string, of: string): string {
    const dir = path.join(this.root, 'repos', fullName);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    execFileSync('git', ['clone', '-q', this.repos.get(of)!, dir]);
    git(dir, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    this.repos.set(fullName, dir);
    return dir;
  }

  repoDir(fullName: string): string {
    const d = this.repos.get(fullName);
    if (!d) throw new Error(`harness: no repository ${fullName}`);
    return d;
  }

  /** The check runs on a commit by name, newest first, as branch protection reads them. */
  checksFor(sha: string, name: string, app?: string) {
    return this.checks.runs
      .filter((r) => r.head_sha === sha && r.name === name && (!app || r.app === app))
      .reverse();
  }

  /**
   * Branch protection's question: is the required check green on this commit? The latest run of that name counts
   * (from the required app, when protection names one; from any app otherwise).
   */
  protectionPasses(sha: string, name: string, app?: string): boolean {
    return this.checksFor(sha, name, app)[0]?.conclusion === 'success';
  }

  async close(): Promise<void> {
    await this.checks.close();
  }
}
