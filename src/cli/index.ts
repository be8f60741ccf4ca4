#!/usr/bin/env node
import { InternalError, exitCodeFor } from '../config/errors.js';
import { main } from './main.js';

let settled = false;
// If a bug ever left a promise unsettled, Node would exit 0 with nothing said: make that a loud failure.
process.on('beforeExit', () => {
  if (!settled) {
    process.stderr.write('sandbox-action: internal error: the run stalled before finishing\n');
    // A crash of the CLI is sandbox-action failing: 125, as for run.
    process.exitCode = exitCodeFor('mirror', new InternalError('stalled'));
    settled = true;
  }
});
main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (err: unknown) => {
    settled = true;
    process.stderr.write(`sandbox-action: internal error: ${String(err)}\n`);
    process.exitCode = exitCodeFor('mirror', err);
  },
);
