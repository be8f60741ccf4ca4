/** action.yml: valid for GitHub's own parser, and every input reaches the run (none silently dropped). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import YAML from 'yaml';
import { envName } from '../../src/action/inputs.js';
import { BUILD_INPUTS } from '../../src/action/build.js';
import { REPORT_INPUTS } from '../../src/action/report.js';
import { RUN_OPTIONS, inputName, type RunOptionName } from '../../src/config/run-options.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const text = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = YAML.parse(text) as {
  inputs: Record<string, { required?: boolean; default?: string; description?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

describe('action.yml', () => {
  test("parses with GitHub's workflow-parser, no errors", () => {
    const result = parseAction({ name: 'action.yml', content: text }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  test.each([
    ['a composite run step without shell', (t: string) => t.replace('      shell: bash\n', '')],
    ['an unknown top-level key', (t: string) => t.replace('runs:\n', 'runz: 1\nruns:\n')],
    ['an input that is not a mapping', (t: string) => t.replace('inputs:\n', 'inputs:\n  broken: [1, 2]\n')],
  ])('the parser would notice %s', (_n, mutate) => {
    const result = parseAction({ name: 'action.yml', content: mutate(text) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  test('is a composite action that runs the bundle', () => {
    expect(action.runs.using).toBe('composite');
    const run = action.runs.steps.find((s) => s.id === 'run')!;
    expect(run.run).toBe('node "$GITHUB_ACTION_PATH/dist/index.js"');
  });

  test("an input says '(loosens: …)', in the option table's words, exactly when its option loosens", () => {
    for (const name of Object.keys(RUN_OPTIONS) as RunOptionName[]) {
      const o = RUN_OPTIONS[name];
      const d = action.inputs[inputName(name)]?.description ?? '';
      const said = [...d.matchAll(/loosens/g)].length;
      expect([name, said, o.loosens === null || d.includes(`(loosens: ${o.loosens})`)]).toEqual([
        name,
        o.loosens === null ? 0 : 1,
        true,
      ]);
    }
  });

  test('every CLI option of run has an input (its own name, or the plural the option table names)', () => {
    for (const name of Object.keys(RUN_OPTIONS) as RunOptionName[]) {
      expect(Object.keys(action.inputs)).toContain(inputName(name));
    }
  });

  test('every CLI option reaches the run step as INPUT_<NAME>', () => {
    const run = action.runs.steps.find((s) => s.id === 'run')!;
    for (const option of Object.keys(RUN_OPTIONS) as RunOptionName[]) {
      const name = inputName(option);
      const env = run.env?.[envName(name)] ?? '';
      expect({ name, reaches: env.includes(`inputs.${name}`) }).toEqual({ name, reaches: true });
    }
  });

  test('every input is used by some step: none is silently dropped', () => {
    const stepsText = JSON.stringify(action.runs.steps);
    for (const name of Object.keys(action.inputs)) {
      expect({ name, used: stepsText.includes(`inputs.${name}`) }).toEqual({ name, used: true });
    }
  });

  test('the run step reads no input that does not exist', () => {
    const run = action.runs.steps.find((s) => s.id === 'run')!;
    for (const [k, v] of Object.entries(run.env ?? {})) {
      for (const m of v.matchAll(/inputs\.([\w-]+)/g)) expect(Object.keys(action.inputs)).toContain(m[1]);
      expect(k).toMatch(/^INPUT_[A-Z0-9_-]+$/);
    }
  });

  test('actions it uses are pinned by full commit SHA', () => {
    for (const s of action.runs.steps.filter((x) => x.uses))
      expect(s.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  test('every output comes from a step', () => {
    for (const [name, o] of Object.entries(action.outputs))
      expect({ name, v: o.value }).toMatchObject({
        v: expect.stringMatching(/^\$\{\{ steps\.(run|upload)\.outputs\.[\w-]+ \}\}$/),
      });
  });
});

describe.each([
  ['report/action.yml', 'report', REPORT_INPUTS],
  ['build/action.yml', 'build', BUILD_INPUTS],
] as const)('%s (a sub-action on the same bundle)', (file, job, known) => {
  const subText = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const sub = YAML.parse(subText) as typeof action;
  const step = sub.runs.steps.find((s) => s.run)!;

  test("parses with GitHub's workflow-parser, no errors", () => {
    const r = parseAction({ name: file, content: subText }, new NoOperationTraceWriter());
    expect(r.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  test('runs the one bundle in dist/ for its job', () => {
    expect(sub.runs.using).toBe('composite');
    expect(step.run).toBe('node "$GITHUB_ACTION_PATH/../dist/index.js"');
    expect(step.env?.SANDBOX_ACTION_JOB).toBe(job);
  });

  test('every input reaches the step as INPUT_<NAME>, and the entry reads exactly these inputs', () => {
    expect(Object.keys(sub.inputs).sort()).toEqual([...known].sort());
    for (const name of Object.keys(sub.inputs)) {
      expect({ name, env: step.env?.[envName(name)] }).toEqual({ name, env: `\${{ inputs.${name} }}` });
    }
  });
});
