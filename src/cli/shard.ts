/** `sandbox-action shard`: the targets of one shard (deterministic), for a workflow matrix. */
import { InputError, errorMessage, inputExitCode } from '../config/errors.js';
import { shardTargets } from '../verdict/shards.js';
import { parseCommandLine, type OptionTable } from './args.js';

export const SHARD_TABLE: OptionTable = {
  targets: {
    kind: 'string',
    help: 'space- or comma-separated targets: Lean declaration or module names, or repository paths (tests/test_a.py)',
  },
  shards: { kind: 'string', help: 'number of shards (1 to 256)' },
  index: { kind: 'string', help: 'this shard, from 0' },
};

export function shardCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): number {
  try {
    const { options: o } = parseCommandLine(argv, SHARD_TABLE);
    const num = (k: string) => {
      const v = typeof o[k] === 'string' ? (o[k] as string) : '';
      if (!/^\d{1,3}$/.test(v)) throw new InputError(`--${k}`, `'${v}' is not a number`);
      return Number(v);
    };
    const shards = num('shards');
    const index = num('index');
    if (shards < 1 || shards > 256) throw new InputError('--shards', 'must be 1 to 256');
    if (index >= shards) throw new InputError('--index', `must be below --shards (${shards})`);
    const targets = shardable(String(o.targets ?? '').split(/[\s,]+/));
    for (const t of shardTargets(targets, shards, index)) io.stdout.write(`${t}\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
    return inputExitCode('plain');
  }
}

/** A Lean name (Mathlib.Data.Nat) or a plain repository path (tests/test_a.py): no `..`, no leading `/`, no option. */
const TARGET = /^(?!-)[\w.+-]+(?:\/[\w.+-]+)*$/;

export function shardable(targets: string[]): string[] {
  const out: string[] = [];
  for (const t of targets.map((x) => x.trim()).filter(Boolean)) {
    if (t.length > 512 || !TARGET.test(t) || t.split('/').some((p) => p === '.' || p === '..')) {
      throw new InputError(
        '--targets',
        `'${t.slice(0, 100)}' is not a Lean name or a repository path (letters, digits, _ . + - and /, no ..)`,
      );
    }
    if (!out.includes(t)) out.push(t);
  }
  return out;
}
