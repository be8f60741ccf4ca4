/**
 * The challenge is the base branch's (comparator's first assumption): the comparator config, the lakefile, the
 * toolchain, the manifest, and the challenge module with every local module it imports, all from the trusted side's
 * checkout. A pull request's copies of them are never judged: they are replaced (bind-mounted read-only in the build,
 * overwritten in the judged project), and a pull request that changes one of them fails the `challenge` judge.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../config/errors.js';
import { HeaderError, headerImports, moduleFile } from './header.js';

export { headerImports } from './header.js';

/**
 * Project files the trusted side always owns: Lake's configuration and manifest, and what picks the toolchain (elan
 * reads `lean-toolchain`, else `leanpkg.toml`). `lake env` reads them on the host, before any sandbox: Lake prefers a
 * `lakefile.lean` over a `lakefile.toml` and elaborates it (its code runs), and elan installs the toolchain a file
 * names. The base branch's copies are judged; one the base does not have is not the pull request's to add.
 */
export const PROJECT_FILES = [
  'lakefile.lean',
  'lakefile.toml',
  'lean-toolchain',
  'lake-manifest.json',
  'leanpkg.toml',
];

/**
 * Every entry under dir named like a project file, at any depth (a path package's `common/lakefile.lean` is loaded by
 * `lake env` on the host too), of any kind (no link followed; `.git` and `.lake` left out), as repository paths.
 */
export function projectFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel))) {
      if (name === '.git' || name === '.lake') continue;
      const r = rel ? `${rel}/${name}` : name;
      if (PROJECT_FILES.includes(name)) out.push(r);
      else if (fs.lstatSync(path.join(dir, r)).isDirectory()) walk(r);
    }
  };
  walk('');
  return out;
}

/** The pull request's project files (any depth) the base branch does not have: not its to add (they are left out). */
export function addedProjectFiles(baseDir: string, prDir: string): string[] {
  const has = (rel: string) =>
    fs.lstatSync(path.join(baseDir, rel), { throwIfNoEntry: false })?.isFile() === true;
  return projectFilesIn(prDir).filter((rel) => !has(rel));
}

export interface ComparatorConfig {
  challenge_module: string;
  solution_module: string;
  theorem_names: string[];
  permitted_axioms: string[];
}

const MODULE = /^[A-Za-z_][\w']*(\.[A-Za-z_][\w']*)*$/;

/** comparator's config, as the trusted side holds it (its keys are not checked by comparator: they are here). */
export function readConfig(file: string): ComparatorConfig {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new InputError(
      '--challenge',
      `the comparator config ${file} cannot be read as JSON: ${String(err)}`,
    );
  }
  const names = (k: string) => {
    const v = j[k];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
      throw new InputError('--challenge', `${file}: ${k} is not a list of names`);
    return v as string[];
  };
  for (const k of ['challenge_module', 'solution_module']) {
    if (typeof j[k] !== 'string' || !MODULE.test(j[k] as string))
      throw new InputError('--challenge', `${file}: ${k} is not a module name`);
  }
  const theorems = names('theorem_names');
  if (theorems.length === 0)
    throw new InputError('--challenge', `${file}: theorem_names is empty: nothing would be judged`);
  return {
    challenge_module: j.challenge_module as string,
    solution_module: j.solution_module as string,
    theorem_names: theorems,
    permitted_axioms: names('permitted_axioms'),
  };
}

/** Every regular `.lean` file under dir (no link followed; `.git` and `.lake` left out), as repository paths. */
export function leanFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel))) {
      if (name === '.git' || name === '.lake') continue;
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(path.join(dir, r));
      if (st.isDirectory()) walk(r);
      else if (st.isFile() && name.endsWith('.lean')) out.push(r);
    }
  };
  walk('');
  return out;
}

/** The files among `all` that could be the module file `rel` in some source root (`srcDir`, a path package). */
const underAnyRoot = (all: string[], rel: string) => all.filter((f) => f === rel || f.endsWith(`/${rel}`));

export interface TrustedClosure {
  /** Repository paths the trusted side owns. */
  files: string[];
  /** The module file (`A/B.lean`) of every module the closure imports, local or not. */
  modules: string[];
}

/**
 * Repository files the trusted side owns for this challenge: the config, the project files, and the import closure.
 * A module's file is looked for in every source root of the base (`A/B.lean` at the root, or under any folder: a
 * library's `srcDir`, a path package): each file of the base that could be it is trusted and followed. A module the
 * base has nowhere is a package's or the toolchain's; the pull request may not add a file that could be it either.
 */
export function trustedClosure(baseDir: string, configPath: string, cfg: ComparatorConfig): TrustedClosure {
  const has = (rel: string) =>
    fs.lstatSync(path.join(baseDir, rel), { throwIfNoEntry: false })?.isFile() === true;
  const files = [
    configPath,
    ...projectFilesIn(baseDir).filter((rel) => fs.lstatSync(path.join(baseDir, rel)).isFile()),
  ];
  const all = leanFiles(baseDir);
  const todo: { m: string; from: string }[] = [{ m: cfg.challenge_module, from: configPath }];
  const seen = new Set<string>();
  const modules: string[] = [];
  // An import the trusted side cannot read could be a local module it does not own: refuse, never skip.
  const readable = <T>(from: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof HeaderError)) throw err;
      throw new InputError('--challenge', `${from}: its header cannot be read: ${err.message}`);
    }
  };
  while (todo.length) {
    const { m, from } = todo.pop()!;
    if (seen.has(m)) continue;
    seen.add(m);
    const rel = readable(from, () => moduleFile(m));
    modules.push(rel);
    if (m === cfg.challenge_module && !has(rel))
      throw new InputError('--challenge', `the challenge module ${m} (${rel}) is not in ${baseDir}`);
    for (const f of underAnyRoot(all, rel)) {
      if (files.includes(f)) continue;
      files.push(f);
      const text = fs.readFileSync(path.join(baseDir, f), 'utf8');
      todo.push(...readable(f, () => headerImports(text)).map((i) => ({ m: i, from: f })));
    }
  }
  return { files: [...new Set(files)], modules: [...new Set(modules)] };
}

/** The trusted files alone (trustedClosure). */
export function trustedFiles(baseDir: string, configPath: string, cfg: ComparatorConfig): string[] {
  return trustedClosure(baseDir, configPath, cfg).files;
}

/** The pull request's `.lean` files that could be a module of the closure but are not trusted files: added by it. */
export function addedModules(prDir: string, c: TrustedClosure): string[] {
  const all = leanFiles(prDir);
  return [...new Set(c.modules.flatMap((rel) => underAnyRoot(all, rel)))].filter((f) => !c.files.includes(f));
}

/**
 * Each trusted file the pull request changed (or removed), and each project file the base lacks that the pull request
 * adds (`added`, from addedProjectFiles): none of them is judged as the pull request has it, so the check says so.
 */
export function changedByPr(baseDir: string, prDir: string, files: string[], added: string[] = []): string[] {
  const changed = files.filter((rel) => {
    const theirs = path.join(prDir, rel);
    const st = fs.lstatSync(theirs, { throwIfNoEntry: false });
    if (!st?.isFile()) return true;
    return !fs.readFileSync(theirs).equals(fs.readFileSync(path.join(baseDir, rel)));
  });
  return [...changed, ...added.filter((rel) => !changed.includes(rel))];
}

/**
 * The project comparator judges, on the host: the pull request's regular files (no links, no `.lake`, no `.git`, no
 * entry named like one of the PROJECT_FILES, at any depth), then the trusted files over them. Readable by the steps' user; written by this process only.
 */
export function assembleProject(prDir: string, baseDir: string, files: string[], dest: string): void {
  fs.mkdirSync(dest, { recursive: true, mode: 0o755 });
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(prDir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (!rel && (name === '.lake' || name === '.git')) continue;
      if (PROJECT_FILES.includes(name)) continue; // the base's own are put back below
      const st = fs.lstatSync(path.join(prDir, r));
      if (st.isDirectory()) {
        fs.mkdirSync(path.join(dest, r), { mode: 0o755 });
        walk(r);
      } else if (st.isFile())
        fs.writeFileSync(path.join(dest, r), fs.readFileSync(path.join(prDir, r)), { mode: 0o644 });
    }
  };
  walk('');
  for (const rel of files) {
    fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true, mode: 0o755 });
    fs.rmSync(path.join(dest, rel), { force: true, recursive: true });
    fs.writeFileSync(path.join(dest, rel), fs.readFileSync(path.join(baseDir, rel)), { mode: 0o644 });
  }
  fs.mkdirSync(path.join(dest, '.lake'), { recursive: true, mode: 0o755 });
}
