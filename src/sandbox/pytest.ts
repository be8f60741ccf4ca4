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
export const PYTEST_RUNNER = `${PYTEST_CONFIG_DIR}/run.py`;

/**
 * The trusted runner, `python -I -B /sandbox-action/pytest/run.py JUNIT -- PYTEST-ARGS` (threat model 17). The code
 * under test runs in the same process as the tests, so it can always lie to them; what this runner makes sure is
 * that the JUnit file is pytest's own, written by a controller that runs no code from /work:
 *  - isolated mode puts neither /work nor the script's folder on sys.path, so pytest is the image's; the controller
 *    never has /work on sys.path (a module there cannot shadow one the controller imports later);
 *  - the controller loads no conftest.py at all, trusted or not (`noconftest`, set by the trusted plugin for this
 *    process only): no import of a package `__init__.py` above a conftest, no path inserted for it;
 *  - the tests run in a pytest-xdist worker, started in isolated mode too, with /work appended to its path by the
 *    trusted plugin; the controller never imports a test module, and takes a warning's category from a worker as
 *    text (xdist would import the module it names); it receives the reports and writes the JUnit XML into a pipe
 *    only it holds (workers do not inherit it);
 *  - this process is made non-dumpable first, so no process of the same user can ptrace it or read its memory or
 *    file descriptors through /proc;
 *  - when pytest returns, every other process of the user is killed, and only then is the JUnit written to
 *    /output, replacing whatever a submission left there (a forged file, a link). A run that dies before
 *    (os._exit at import, a killed controller) leaves no pytest JUnit, so the judge fails it.
 */
export const RUNNER_SOURCE = `# sandbox-action: the trusted pytest runner (src/sandbox/pytest.ts says what it guarantees).
import ctypes, os, signal, sys, threading, time
ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no ptrace, no /proc/PID/mem or fd by this user
sys.path.append('${PYTEST_CONFIG_DIR}')  # the trusted plugin; xdist hands the worker this path list
import sandbox_action_pytest
sandbox_action_pytest.CONTROLLER = True
import pytest
junit = sys.argv[1]
assert sys.argv[2] == '--'
r, w = os.pipe()
chunks = []
def drain():
    while True:
        b = os.read(r, 65536)
        if not b:
            return
        chunks.append(b)
reader = threading.Thread(target=drain)
reader.start()
# One worker, itself in isolated mode (execnet shell-splits python=): /work is on no path it starts with.
worker = 'popen//python=%s -I -B' % sys.executable
# A worker that dies is not replaced: the session ends, failed (a crash is never retried into a pass).
rc = pytest.main(['-p', 'sandbox_action_pytest', '-p', 'xdist.plugin', '--dist', 'load', '--tx', worker, '--max-worker-restart', '0',
                  '--junitxml=/dev/fd/%d' % w] + sys.argv[3:])
os.close(w)
# Every other process of this user is killed first: one that holds the pipe (or rewrites /output) is gone before
# the report is read to its end and written.
for _ in range(1000):
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        break
    time.sleep(0.005)
else:
    sys.exit(125)
reader.join()
try:
    os.unlink(junit)
except FileNotFoundError:
    pass
except IsADirectoryError:
    import shutil
    shutil.rmtree(junit)
data = b''.join(chunks)
if data:
    fd = os.open(junit, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    os.write(fd, data)
    os.close(fd)
sys.exit(int(rc))
`;

export const PYTEST_PLUGIN = `${PYTEST_CONFIG_DIR}/sandbox_action_pytest.py`;

/** The trusted plugin, loaded with `-p` by the controller and by the worker (xdist passes the arguments on). */
export const PLUGIN_SOURCE = `"""sandbox-action: the trusted pytest plugin (src/sandbox/pytest.ts says what it guarantees).

run.py imports it before pytest starts (PYTEST_DONT_REWRITE: no assertion to rewrite, no warning for that)."""
import sys, warnings
import pytest

CONTROLLER = False  # run.py sets it before pytest starts; a worker imports this module afresh
WORK = '/work'

def _off_work():
    sys.path[:] = [p for p in sys.path if p not in ('', '.') and p != WORK and not p.startswith(WORK + '/')]

def _warning_as_text(data):
    # xdist would import the module a worker names for the warning's class: the name is only printed.
    text = '%s.%s: %s' % (data.get('category_module') or '', data.get('category_class_name') or '', data.get('message_str'))
    kwargs = {'message': UserWarning(text), 'category': UserWarning}
    for name in warnings.WarningMessage._WARNING_DETAILS:
        if name not in kwargs:
            kwargs[name] = data.get(name)
    return warnings.WarningMessage(**kwargs)

@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if CONTROLLER:
        early_config.known_args_namespace.noconftest = True
        _off_work()
        import xdist.workermanage
        xdist.workermanage.unserialize_warning_message = _warning_as_text
    elif WORK not in sys.path:
        sys.path.append(WORK)

@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    if CONTROLLER:
        _off_work()
`;

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
  /** What the layout could not take from the trusted side, for the result's notes. */
  notes: string[];
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

/** A folder of tests only: every Python file in it (not below) is a test module, a conftest.py or an __init__.py. */
export function isTestFolder(dir: string): boolean {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name.endsWith('.py'))
    .every((e) => /^(test_.*|.*_test|conftest|__init__)\.py$/.test(e.name));
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
  tests: NonNullable<RunSpec['verdict']['tests']>,
  scratch: string,
): Promise<PytestLayout> {
  const config = findPytestConfig(tests.dir);
  const testArgs = tests.paths.map((p) => `${WORK_DIR}/${p}`);
  await fsp.mkdir(scratch, { recursive: true, mode: 0o755 });
  const runner = path.join(scratch, 'run.py');
  await fsp.writeFile(runner, RUNNER_SOURCE, { mode: 0o644 });
  const plugin = path.join(scratch, 'sandbox_action_pytest.py');
  await fsp.writeFile(plugin, PLUGIN_SOURCE, { mode: 0o644 });
  const mounts: Mount[] = [
    { type: 'bind', source: runner, target: PYTEST_RUNNER, readOnly: true },
    { type: 'bind', source: plugin, target: PYTEST_PLUGIN, readOnly: true },
  ];
  const cleanup = () => fsp.rm(scratch, { recursive: true, force: true });
  if (!tests.trusted) {
    // The source's own tests: pytest reads the source's configuration as it would anywhere.
    return {
      trusted: false,
      mounts,
      args: ['--rootdir=/work', ...(config ? ['-c', `${WORK_DIR}/${config}`] : []), ...testArgs],
      exclude: [],
      config: config ?? '(none)',
      notes: [],
      cleanup,
    };
  }
  const { roots, notes } = trustedRoots(tests);
  const exclude = [...new Set(roots)].filter(
    (r, _i, all) => !all.some((o) => o !== r && r.startsWith(`${o}/`)),
  );
  for (const r of exclude) {
    mounts.push({
      type: 'bind',
      source: path.join(tests.dir, r),
      target: `${WORK_DIR}/${r}`,
      readOnly: true,
    });
  }
  // Empty stand-ins, where the trusted checkout has no conftest.py or no configuration, live in the scratch folder.
  const empty = path.join(scratch, 'empty');
  await fsp.writeFile(empty, '', { mode: 0o644 });
  mounts.push(...conftestMounts(tests, exclude, empty));
  const { source, name } = await trustedConfig(tests.dir, config, scratch);
  const target = `${PYTEST_CONFIG_DIR}/${name}`;
  mounts.push({ type: 'bind', source, target, readOnly: true });
  return {
    trusted: true,
    mounts,
    args: ['-c', target, '--rootdir=/work', '--confcutdir=/work', ...testArgs],
    exclude,
    config: config ?? '(empty)',
    notes,
    cleanup,
  };
}

/** The trusted tests' roots: a test file's whole folder when it is a folder of tests, else the file itself. */
function trustedRoots(tests: NonNullable<RunSpec['verdict']['tests']>): { roots: string[]; notes: string[] } {
  const roots: string[] = [];
  const notes: string[] = [];
  for (const p of tests.paths) {
    const st = fs.lstatSync(path.join(tests.dir, p), { throwIfNoEntry: false });
    if (!st || !(st.isDirectory() || st.isFile())) {
      throw new InputError('--tests-path', `'${p}' is not a directory or file in ${tests.dir}`);
    }
    // A test file in a folder of tests brings the whole folder (its data files, helpers, __init__.py) from the
    // trusted side; in a folder that also holds code (the root, a package), only the file itself.
    const dir = path.posix.dirname(p);
    const folder = st.isFile() && dir !== '.' && isTestFolder(path.join(tests.dir, dir));
    roots.push(folder ? dir : p);
    if (st.isFile() && !folder) {
      notes.push(
        `tests path ${p}: its folder also holds code, so only the file comes from the trusted side; the files beside it are the source's`,
      );
    }
  }
  return { roots, notes };
}

/**
 * Every conftest.py pytest would read above a tests path, from the trusted side (or empty where it has none),
 * unless a trusted root already covers it; each one is added to `exclude`.
 */
function conftestMounts(
  tests: NonNullable<RunSpec['verdict']['tests']>,
  exclude: string[],
  empty: string,
): Mount[] {
  const mounts: Mount[] = [];
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
  return mounts;
}

/** The trusted checkout's pytest configuration, or an empty pytest.ini in the scratch folder. */
async function trustedConfig(
  dir: string,
  config: string | null,
  scratch: string,
): Promise<{ source: string; name: string }> {
  if (config) return { source: path.join(dir, config), name: config };
  const source = path.join(scratch, 'pytest.ini');
  await fsp.writeFile(source, '[pytest]\n', { mode: 0o644 });
  return { source, name: 'pytest.ini' };
}
