#!/usr/bin/env node
/**
 * dist/comparator-projects.js: comparator's own test projects through sandbox-action's sandbox, for the project's
 * GitHub workflow. One line a project; exit 0 when every project's exit code is its test.json's, 1 otherwise,
 * 2 on bad input.
 *   node dist/comparator-projects.js --checkout DIR --comparator BIN --lean4export BIN --image IMAGE
 *        [--isolation runsc] [--filter NAME]... [--json FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCommandLine, type OptionTable } from '../cli/args.js';
import { connect, processContext, randomId, volumeHostFor } from '../cli/door.js';
import { InputError, errorMessage, exitCodeFor } from '../config/errors.js';
import { judgeProjects } from './projects.js';
import { SHIM_PATH } from './run.js';

const TABLE: OptionTable = {
  checkout: { kind: 'string', help: 'a comparator checkout (tests/projects, lean-toolchain)' },
  comparator: { kind: 'string', help: "comparator's binary" },
  lean4export: { kind: 'string', help: "lean4export's binary (absolute)" },
  image: { kind: 'string', help: 'the image the builds and exports run in' },
  isolation: { kind: 'string', help: 'default or runsc' },
  filter: { kind: 'strings', help: 'only projects whose name contains this' },
  json: { kind: 'string', help: 'write the results here as JSON' },
};

async function main(argv: string[]): Promise<number> {
  const { options } = parseCommandLine(argv, TABLE);
  const need = (k: string) => {
    const v = options[k];
    if (typeof v !== 'string' || v === '') throw new InputError(`--${k}`, 'is required');
    return v;
  };
  const isolation = options.isolation ?? 'default';
  if (isolation !== 'default' && isolation !== 'runsc')
    throw new InputError('--isolation', 'default or runsc');
  const ctx = processContext();
  const engine = await connect(ctx);
  const root = path.resolve(import.meta.dirname, '..');
  const results = await judgeProjects(
    {
      checkout: path.resolve(need('checkout')),
      comparator: path.resolve(need('comparator')),
      lean4export: path.resolve(need('lean4export')),
      image: need('image'),
      landrun: path.join(root, SHIM_PATH),
      isolation,
      filters: Array.isArray(options.filter) ? options.filter : [],
      onResult: (r) =>
        process.stdout.write(
          `${r.passed ? '✓' : '✗'} ${r.name}: exit ${r.exitCode ?? 'none'}, expected ${r.expected} (${(r.ms / 1000).toFixed(1)} s)${r.passed || !r.uncaught.length ? '' : `: ${r.uncaught[0]!.split('\n')[0]}`}\n`,
        ),
    },
    { engine, volumeHost: volumeHostFor(ctx), now: () => new Date(), random: randomId },
  );
  if (typeof options.json === 'string')
    fs.writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  const failed = results.filter((r) => !r.passed);
  process.stdout.write(`${results.length - failed.length}/${results.length} projects as expected\n`);
  return failed.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`comparator-projects: ${errorMessage(err)}\n`);
    process.exitCode = exitCodeFor('plain', err);
  },
);
