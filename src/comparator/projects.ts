/**
 * comparator's own test projects (tests/projects/NAME in a comparator checkout, each with config.json and
 * test.json `{"exit_code": 0|1}`), judged through runComparator the way comparator's runtests.lean judges them:
 * each project is copied to a fresh directory with the checkout's lean-toolchain and, when it has none, a
 * lakefile.toml with the libraries Solution and Challenge; the exit code must be test.json's. For the project's
 * GitHub workflow (.github/workflows/lean-comparator.yml): it needs comparator, lean4export and Lean on the host.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../config/errors.js';
import { runComparator, type ComparatorDeps, type ComparatorRun } from './run.js';

export const DEFAULT_LAKEFILE =
  'name = "comparatortest"\nversion = "0.1.0"\n\n[[lean_lib]]\nname = "Solution"\n\n[[lean_lib]]\nname = "Challenge"\n';

export interface ProjectResult {
  name: string;
  expected: number;
  exitCode: number | null;
  passed: boolean;
  ms: number;
  uncaught: string[];
}

export interface ProjectsRun extends Omit<ComparatorRun, 'projectDir' | 'config'> {
  /** A comparator checkout (the pinned commit): its tests/projects and lean-toolchain are used. */
  checkout: string;
  /** Only projects whose name contains one of these (as runtests.lean's filters); all when empty. */
  filters?: string[];
  /** Each result as it is known. */
  onResult?(r: ProjectResult): void;
}

function expectedExit(file: string): number {
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as { exit_code?: unknown };
  if (j.exit_code !== 0 && j.exit_code !== 1) throw new InputError(file, 'exit_code must be 0 or 1');
  return j.exit_code;
}

export async function judgeProjects(o: ProjectsRun, deps: ComparatorDeps): Promise<ProjectResult[]> {
  const dir = path.join(o.checkout, 'tests', 'projects');
  const toolchain = path.join(o.checkout, 'lean-toolchain');
  if (!fs.existsSync(dir) || !fs.existsSync(toolchain)) {
    throw new InputError('--checkout', `'${o.checkout}' has no tests/projects or lean-toolchain`);
  }
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && (!o.filters?.length || o.filters.some((f) => e.name.includes(f))))
    .map((e) => e.name)
    .sort();
  if (!names.length) throw new InputError('--filter', `no project of ${dir} matches`);
  const results: ProjectResult[] = [];
  for (const name of names) {
    const src = path.join(dir, name);
    const expected = expectedExit(path.join(src, 'test.json'));
    const work = await fsp.mkdtemp(path.join(os.tmpdir(), `comparator-${name}-`));
    try {
      await fsp.cp(src, work, { recursive: true });
      await fsp.copyFile(toolchain, path.join(work, 'lean-toolchain'));
      if (!fs.existsSync(path.join(work, 'lakefile.toml'))) {
        await fsp.writeFile(path.join(work, 'lakefile.toml'), DEFAULT_LAKEFILE);
      }
      // The steps run as another user: they must read the project.
      await fsp.chmod(work, 0o755);
      const t = Date.now();
      const out = await runComparator({ ...o, projectDir: work, config: 'config.json' }, deps);
      const r: ProjectResult = {
        name,
        expected,
        exitCode: out.exitCode,
        passed: out.exitCode === expected && (expected !== 0 || out.okLine),
        ms: Date.now() - t,
        uncaught: out.uncaught,
      };
      results.push(r);
      o.onResult?.(r);
    } finally {
      await fsp.rm(work, { recursive: true, force: true });
    }
  }
  return results;
}
