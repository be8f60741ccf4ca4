/**
 * The python-tests layout (threat model 17): the trusted side's tests run against the pull request's code. From a
 * checkout the trusted side holds (`--tests DIR`, e.g. the base branch): each test path, the conftest.py of every
 * directory above it (or an empty one where the trusted checkout has none) and the pytest configuration are
 * bind-mounted read-only over /work, so the pull request's own copies are neither read nor collected. pytest gets
 * `-c` (that configuration, or an empty one: the source's pytest.ini, pyproject.toml, tox.ini or setup.cfg are never
 * read), `--rootdir=/work`, `--confcutdir=/work` (no conftest.py above /work) and the test paths.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import type { Mount } from '../engine/types.js';
import { WORK_DIR } from './plan.js';

export const PYTEST_CONFIG_DIR = '/sandbox-action/pytest';

export interface PytestLayout {
  trusted: boolean;
  /** Read-only bind mounts over /work (trusted tests only). */
  mounts: Mount[];
  /** Added to the preset's pytest command. */
  args: string[];
  /** Repository paths not copied from the source: they are mounted over. */
  exclude: string[];
  /** The configuration pytest reads (repository-relative, or `(empty)`). */
  config: string;
  cleanup(): Promise<void>;
}

/** pytest's configuration files, in the order pytest itself prefers them, with the section that makes each one. */
const CONFIGS: [string, RegExp | null][] = [
  ['pytest.ini', null],
  ['.pytest.ini', null],
  ['pyproject.toml', /^\[tool\.pytest\.ini_options\]/m],
  ['tox.ini', /^\[pytest\]/m],
  ['setup.cfg', /^\[tool:pytest\]/m],
];

function regularFile(p: string): boolean {
  return fs.lstatSync(p, { throwIfNoEntry: false })?.isFile() === true;
}

export function findPytestConfig(dir: string): string | null {
  for (const [name, section] of CONFIGS) {
    const p = path.join(dir, name);
    if (!regularFile(p)) continue;
    if (section === null || section.test(fs.readFileSync(p, 'utf8'))) return name;
  }
  return null;
}

/** Every directory above a repository path, root first: `a/b/tests` → '', 'a', 'a/b'. */
export function ancestors(rel: string): string[] {
  const parts = rel.split('/');
  return parts.map((_, i) => parts.slice(0, i).join('/')).slice(0, parts.length);
}

export async function resolvePytest(
  tests: NonNullable<RunSpec['tests']>,
  scratch: string,
): Promise<PytestLayout> {
  const config = findPytestConfig(tests.dir);
  const testArgs = tests.paths.map((p) => `${WORK_DIR}/${p}`);
  if (!tests.trusted) {
    // The source's own tests: nothing is mounted; pytest reads the source's configuration as it would anywhere.
    return {
      trusted: false,
      mounts: [],
      args: ['--rootdir=/work', ...(config ? ['-c', `${WORK_DIR}/${config}`] : []), ...testArgs],
      exclude: [],
      config: config ?? '(none)',
      cleanup: async () => undefined,
    };
  }
  const mounts: Mount[] = [];
  const exclude: string[] = [];
  for (const p of tests.paths) {
    const st = fs.lstatSync(path.join(tests.dir, p), { throwIfNoEntry: false });
    if (!st || !(st.isDirectory() || st.isFile())) {
      throw new InputError('--tests-path', `'${p}' is not a directory or file in ${tests.dir}`);
    }
    mounts.push({
      type: 'bind',
      source: path.join(tests.dir, p),
      target: `${WORK_DIR}/${p}`,
      readOnly: true,
    });
    exclude.push(p);
  }
  // Empty stand-ins, where the trusted checkout has no conftest.py or no configuration, live in a scratch folder.
  await fsp.mkdir(scratch, { recursive: true, mode: 0o755 });
  const empty = path.join(scratch, 'empty');
  await fsp.writeFile(empty, '', { mode: 0o644 });
  for (const a of [...new Set(tests.paths.flatMap(ancestors))]) {
    const rel = a ? `${a}/conftest.py` : 'conftest.py';
    if (exclude.some((e) => rel === e || rel.startsWith(`${e}/`))) continue;
    const trusted = path.join(tests.dir, rel);
    mounts.push({
      type: 'bind',
      source: regularFile(trusted) ? trusted : empty,
      target: `${WORK_DIR}/${rel}`,
      readOnly: true,
    });
    exclude.push(rel);
  }
  let configSource: string;
  let configName: string;
  if (config) {
    configSource = path.join(tests.dir, config);
    configName = config;
  } else {
    configSource = path.join(scratch, 'pytest.ini');
    await fsp.writeFile(configSource, '[pytest]\n', { mode: 0o644 });
    configName = 'pytest.ini';
  }
  const target = `${PYTEST_CONFIG_DIR}/${configName}`;
  mounts.push({ type: 'bind', source: configSource, target, readOnly: true });
  return {
    trusted: true,
    mounts,
    args: ['-c', target, '--rootdir=/work', '--confcutdir=/work', ...testArgs],
    exclude,
    config: config ?? '(empty)',
    cleanup: () => fsp.rm(scratch, { recursive: true, force: true }),
  };
}
