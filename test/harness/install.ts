/** What both PR-check suites install in the harness's world: this project's tree as a repository, and the caller. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ROOT } from '../helpers/engine.js';
import { commit, type World } from './world.js';

/** This project's tree (what is under test) as the commit of the "org/sandbox-action" repository. */
export function toolRepo(w: World): string {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && fs.existsSync(path.join(ROOT, f)) && !f.startsWith('node_modules/'));
  const { dir } = w.newRepo('org/sandbox-action', { '.keep': '' });
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  return commit(dir, 'main', {}, 'the tree under test');
}

export interface Caller {
  on: Record<string, unknown>;
  jobs: { verify: { with: Record<string, unknown> } };
}

/**
 * workflows/verify.yml as a user installs it: pinned to the release they use, with the GitHub App `appId` on; an
 * attacking pull request's copy changes it with `edit`.
 */
export function installedCaller(
  pin: string,
  appId: string,
  edit: (wf: Caller) => void = () => undefined,
): string {
  const text = fs.readFileSync(path.join(ROOT, 'workflows/verify.yml'), 'utf8').replace(/[0-9a-f]{40}/g, pin);
  const wf = YAML.parse(text) as Caller;
  Object.assign(wf.jobs.verify.with, { 'app-id': appId, 'report-environment': 'sandbox-report' });
  edit(wf);
  return YAML.stringify(wf);
}
