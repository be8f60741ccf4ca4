/** `sandbox-action shard`: the targets of one shard (deterministic), for a workflow matrix. */
import { InputError, errorMessage } from '../config/errors.js';
import { checkTargets } from '../lean/audit.js';
import { shardTargets } from '../verdict/shards.js';
import { parseCommandLine, type OptionTable } from './args.js';

const TABLE: OptionTable = {
  targets: { kind: 'string', help: 'space- or comma-separated declaration names' },
  shards: { kind: 'string', help: 'number of shards (1 to 256)' },
  index: { kind: 'string', help: 'this shard, from 0' },
};

export function shardCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): number {
  try {
    const { options: o } = parseCommandLine(argv, TABLE);
    const num = (k: string) => {
      const v = typeof o[k] === 'string' ? (o[k] as string) : '';
      if (!/^\d{1,3}$/.test(v)) throw new InputError(`--${k}`, `'${v}' is not a number`);
      return Number(v);
    };
    const shards = num('shards');
    const index = num('index');
    if (shards < 1 || shards > 256) throw new InputError('--shards', 'must be 1 to 256');
    if (index >= shards) throw new InputError('--index', `must be below --shards (${shards})`);
    const targets = checkTargets(String(o.targets ?? '').split(/[\s,]+/));
    for (const t of shardTargets(targets, shards, index)) io.stdout.write(`${t}\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
    return 2;
  }
}
