import { exitCodeFor } from '../config/errors.js';
import { runAction } from './main.js';

runAction().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`::error::sandbox-action: internal error: ${String(err)}\n`);
    process.exitCode = exitCodeFor('plain', err);
  },
);
