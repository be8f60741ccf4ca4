/** Every workflow of the project: valid for GitHub's parser, actions pinned by commit, permissions minimal. */
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
  test('actions from elsewhere are pinned by full commit SHA', () => {
    for (const m of text.matchAll(/uses:\s*([^\s#]+)/g)) {
      const ref = m[1]!;
      if (ref.startsWith('./')) continue;
      // The ready-to-copy callers name this project with a placeholder owner; users pin it in their copy.
      if (file.startsWith('workflows/') && ref.startsWith('org/sandbox-action/')) continue;
      expect(ref).toMatch(/@[0-9a-f]{40}$/);
    }
  });
  test('declares its permissions', () => {
    const wf = YAML.parse(text) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown }> };
    const all =
      wf.permissions !== undefined || Object.values(wf.jobs).every((j) => j.permissions !== undefined);
    expect(all).toBe(true);
  });
});

test('there are workflows to check', () => expect(files.length).toBeGreaterThan(0));
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

describe('the PR verification pair holds no token where PR code runs', () => {
  const load = (f: string) =>
    YAML.parse(fs.readFileSync(path.join(ROOT, '.github/workflows', f), 'utf8')) as {
      permissions?: unknown;
      jobs: Record<
        string,
        { permissions?: unknown; steps?: { uses?: string; with?: Record<string, unknown> }[] }
      >;
    };
  test('pr-verify: every job has permissions {} and every checkout keeps no credentials', () => {
    const wf = load('pr-verify.yml');
    expect(wf.permissions).toEqual({});
    for (const job of Object.values(wf.jobs)) {
      expect(job.permissions).toEqual({});
      for (const s of job.steps ?? []) {
        if (s.uses?.startsWith('actions/checkout@')) expect(s.with?.['persist-credentials']).toBe(false);
      }
    }
  });
  test('pr-report: checks write and actions read only, and it never checks out the pull request', () => {
    const wf = load('pr-report.yml');
    expect(wf.jobs.report!.permissions).toEqual({ checks: 'write', actions: 'read' });
    for (const s of wf.jobs.report!.steps ?? []) {
      if (s.uses?.startsWith('actions/checkout@'))
        expect(s.with?.repository).toBe('${{ inputs.action-repository }}');
    }
  });
});
