/** Every workflow of the project: valid for GitHub's parser, actions pinned by commit, permissions minimal. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import YAML from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const files = ['.github/workflows', 'workflows']
  .filter((d) => fs.existsSync(path.join(ROOT, d)))
  .flatMap((d) =>
    fs
      .readdirSync(path.join(ROOT, d))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => path.join(d, f)),
  );

describe.each(files)('%s', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  test('parses with no errors', () => {
    const r = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
    expect(r.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });
  test('actions and reusable workflows from elsewhere are pinned by full commit SHA (no exemption)', () => {
    for (const m of text.matchAll(/uses:\s*([^\s#]+)/g)) {
      const ref = m[1]!;
      if (ref.startsWith('./')) continue;
      expect(ref).toMatch(/@[0-9a-f]{40}$/);
    }
    // The callers also name the tool's commit for the reusable workflow to run: 40 hex as well.
    if (file.startsWith('workflows/'))
      for (const m of text.matchAll(/action-ref:\s*(\S+)/g)) expect(m[1]).toMatch(/^[0-9a-f]{40}$/);
  });
  test('declares its permissions', () => {
    const wf = YAML.parse(text) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown }> };
    const all =
      wf.permissions !== undefined || Object.values(wf.jobs).every((j) => j.permissions !== undefined);
    expect(all).toBe(true);
  });
});

test('there are workflows to check', () => expect(files.length).toBeGreaterThan(0));

describe('the callers in workflows/ name this repository at a commit whose reusable workflow takes their inputs', () => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const callers = files.filter((f) => f.startsWith('workflows/'));
  test.each(callers)('%s', (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const caller = YAML.parse(text) as {
      jobs: Record<string, { uses?: string; with?: Record<string, unknown> }>;
    };
    const calls = Object.values(caller.jobs).filter((j) => j.uses?.startsWith('org/sandbox-action/'));
    expect(calls.length).toBeGreaterThan(0);
    for (const job of calls) {
      const [, wfPath, sha] = /^org\/sandbox-action\/(\.github\/workflows\/[\w-]+\.yml)@([0-9a-f]{40})$/.exec(
        job.uses!,
      )!;
      // The pinned commit is one of this repository's (CI clones with the history) and its reusable workflow takes
      // every input the caller passes; the tool it runs is the same commit.
      const pinned = YAML.parse(git('show', `${sha}:${wfPath}`)) as {
        on: { workflow_call: { inputs: Record<string, { required?: boolean }> } };
      };
      const inputs = pinned.on.workflow_call.inputs;
      for (const k of Object.keys(job.with ?? {})) expect(Object.keys(inputs)).toContain(k);
      for (const [k, v] of Object.entries(inputs))
        if (v.required) expect(Object.keys(job.with ?? {})).toContain(k);
      expect(job.with?.['action-ref']).toBe(sha);
    }
  });
  test('verify.yml runs on pull_request_target only, and grants only checks: write', () => {
    const wf = YAML.parse(fs.readFileSync(path.join(ROOT, 'workflows/verify.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: unknown;
      jobs: Record<string, { permissions: unknown }>;
    };
    expect(Object.keys(wf.on)).toEqual(['pull_request_target']);
    expect(wf.permissions).toEqual({});
    expect(Object.values(wf.jobs).map((j) => j.permissions)).toEqual([{ checks: 'write' }]);
  });
});
test('the parser would notice a broken workflow', () => {
  const r = parseWorkflow(
    {
      name: 'bad.yml',
      content: 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a\n        run: b\n',
    },
    new NoOperationTraceWriter(),
  );
  expect(r.context.errors.getErrors().length).toBeGreaterThan(0);
});

describe('pr-verify: a definition the pull request cannot change, and no token where its code runs', () => {
  const text = fs.readFileSync(path.join(ROOT, '.github/workflows/pr-verify.yml'), 'utf8');
  const wf = YAML.parse(text) as {
    on: Record<string, unknown>;
    permissions?: unknown;
    jobs: Record<
      string,
      {
        permissions?: unknown;
        needs?: string[] | string;
        if?: string;
        steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[];
      }
    >;
  };
  test('it is only callable (the caller decides the event: pull_request_target)', () => {
    expect(Object.keys(wf.on)).toEqual(['workflow_call']);
    expect(wf.permissions).toEqual({});
  });
  test('plan and verify hold no token; report holds checks: write and nothing else', () => {
    expect(wf.jobs.plan!.permissions).toEqual({});
    expect(wf.jobs.verify!.permissions).toEqual({});
    expect(wf.jobs.report!.permissions).toEqual({ checks: 'write' });
  });
  test('every checkout keeps no credentials', () => {
    for (const job of Object.values(wf.jobs))
      for (const s of job.steps ?? [])
        if (s.uses?.startsWith('actions/checkout@')) expect(s.with?.['persist-credentials']).toBe(false);
  });
  test("the pull request's head is checked out only in verify, read only by git as data, its merge only the sandbox's source", () => {
    const heads = Object.entries(wf.jobs).flatMap(([name, job]) =>
      (job.steps ?? []).filter((s) => String(s.with?.ref ?? '').includes('head-sha')).map(() => name),
    );
    expect(heads).toEqual(['verify']);
    // Nothing on the runner executes from it: git fetches its commit into the base checkout (data), the merge is
    // written out by git archive, and only the sandbox's source names that folder.
    const lines = (needle: string) =>
      text
        .split('\n')
        .filter((l) => l.includes(needle))
        .map((l) => l.trim());
    expect(lines('.sandbox-pr')).toEqual([
      'path: .sandbox-pr',
      'git -C .sandbox-base fetch -q --no-tags "$GITHUB_WORKSPACE/.sandbox-pr" "$HEAD"',
    ]);
    expect(lines('.sandbox-merge')).toEqual([
      'mkdir .sandbox-merge',
      'git -C .sandbox-base archive "$(printf \'%s\\n\' "$out" | head -n 1)" | tar -x -C .sandbox-merge',
      'source: .sandbox-merge',
    ]);
  });
  test('the report runs whatever the shards did, and only after the event was accepted', () => {
    expect(wf.jobs.report!.needs).toEqual(['plan', 'verify']);
    expect(wf.jobs.report!.if).toBe("always() && needs.plan.result == 'success'");
  });
  test('the tool is always the pinned commit the caller names', () => {
    for (const job of Object.values(wf.jobs)) {
      const tool = (job.steps ?? []).find((s) => s.with?.path === '.sandbox-action-tool');
      expect(tool?.with).toMatchObject({
        repository: '${{ inputs.action-repository }}',
        ref: '${{ inputs.action-ref }}',
      });
    }
  });
});
