/**
 * lean-proof's layout (I/O at the edge of src/lean/challenge.ts): which files the trusted side owns, which of them
 * the pull request changed, the read-only overlays of those files over /work for the build, and the host programs
 * comparator needs, found on PATH when not given as paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../config/errors.js';
import type { RunSpec } from '../config/run-options.js';
import type { Mount } from '../engine/types.js';
import {
  addedProjectFiles,
  changedByPr,
  readConfig,
  addedModules,
  trustedClosure,
  type ComparatorConfig,
} from '../lean/challenge.js';
import { WORK_DIR } from './plan.js';

export interface LeanLayout {
  trusted: boolean;
  config: ComparatorConfig;
  /** Repository paths the trusted side owns. */
  files: string[];
  /** Those the pull request changed or removed. */
  changed: string[];
  overlays: Mount[];
  exclude: string[];
  programs: { comparator: string; lean4export: string; lake: string };
}

/** `name` as the shell would find it on `PATH`, or the path given; refused when it is not an executable file. */
export function findProgram(option: string, name: string, searchPath: string): string {
  const candidates = name.includes('/')
    ? [path.resolve(name)]
    : searchPath
        .split(':')
        .filter(Boolean)
        .map((d) => path.join(d, name));
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      if (fs.statSync(c).isFile()) return c;
    } catch {
      /* next */
    }
  }
  throw new InputError(
    option,
    `'${name}' is not an executable on this host${name.includes('/') ? '' : ' (not on PATH)'}; install it or give its path`,
  );
}

export function resolveLean(
  lean: NonNullable<RunSpec['verdict']['lean']>,
  sourceDir: string,
  searchPath: string,
): LeanLayout {
  const cfgFile = path.join(lean.challengeDir, lean.config);
  if (!fs.lstatSync(cfgFile, { throwIfNoEntry: false })?.isFile()) {
    throw new InputError('--comparator-config', `'${lean.config}' is not a file in ${lean.challengeDir}`);
  }
  const config = readConfig(cfgFile);
  const closure = trustedClosure(lean.challengeDir, lean.config, config);
  const files = closure.files;
  // Project files the base lacks (at any depth): the pull request's copies are left out of /work too.
  const absent = lean.trusted ? addedProjectFiles(lean.challengeDir, sourceDir) : [];
  // A file the pull request adds where a module of the closure could be (a srcDir, a path package) is one too.
  const changed = lean.trusted
    ? [...changedByPr(lean.challengeDir, sourceDir, files, absent), ...addedModules(sourceDir, closure)]
    : [];
  const overlays: Mount[] = lean.trusted
    ? files.map((rel) => ({
        type: 'bind',
        source: path.join(lean.challengeDir, rel),
        target: `${WORK_DIR}/${rel}`,
        readOnly: true,
      }))
    : [];
  return {
    trusted: lean.trusted,
    config,
    files,
    changed,
    overlays,
    exclude: lean.trusted ? [...files, ...absent] : [],
    programs: {
      comparator: findProgram('--comparator', lean.comparator, searchPath),
      lean4export: findProgram('--lean4export', lean.lean4export, searchPath),
      lake: findProgram('--lake', lean.lake, searchPath),
    },
  };
}
