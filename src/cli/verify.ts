/**
 * `sandbox-action verify`: the first job of the PR check. It decides, from the event GitHub wrote for this run, whether
 * this run may make a verdict at all (pull_request_target or push; never pull_request, whose workflow files are the
 * pull request's own), and prints the facts the later jobs use: the head commit and its repository, the base branch
 * and commit, the shards, the check's name. With --github-output it writes them as step outputs.
 */
import fs from 'node:fs';
import { FAILED_EXIT, InputError, errorMessage, inputExitCode } from '../config/errors.js';
import { checkName, subjectFromEvent } from '../verdict/event.js';
import { parseCommandLine, type OptionTable } from './args.js';

export const VERIFY_TABLE: OptionTable = {
  shards: { kind: 'string', help: 'number of shards (1 to 256, default 1)' },
  name: { kind: 'string', help: "the check's name before the base branch (default 'sandbox / verify')" },
  'action-ref': {
    kind: 'string',
    help: 'the commit of sandbox-action the workflow runs (40 hex: a tag can move)',
  },
  'github-output': { kind: 'string', help: 'write the facts as step outputs to this file ($GITHUB_OUTPUT)' },
  help: { kind: 'boolean', help: 'this help', short: 'h' },
};

export function verifyCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): number {
  try {
    const { options: o, positionals } = parseCommandLine(argv, VERIFY_TABLE);
    if (positionals.length) throw new InputError(positionals[0]!, 'verify takes no arguments');
    const shardsArg = typeof o.shards === 'string' ? o.shards : '1';
    if (!/^\d{1,3}$/.test(shardsArg) || Number(shardsArg) < 1 || Number(shardsArg) > 256)
      throw new InputError('--shards', `'${shardsArg}' is not a number from 1 to 256`);
    const ref = typeof o['action-ref'] === 'string' ? o['action-ref'] : '';
    if (!/^[0-9a-f]{40}$/.test(ref)) {
      throw new InputError(
        '--action-ref',
        `'${ref}' is not a 40-hex commit: the privileged half must be pinned, a tag can be moved`,
      );
    }
    if (!env.GITHUB_EVENT_NAME || !env.GITHUB_EVENT_PATH)
      throw new InputError('GITHUB_EVENT_PATH', 'is needed: verify reads the event of the workflow run');
    const r = subjectFromEvent(
      env.GITHUB_EVENT_NAME,
      JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')),
    );
    if (!r.ok) {
      io.stderr.write(`sandbox-action: no verdict from this run: ${r.reason}\n`);
      return FAILED_EXIT;
    }
    const n = Number(shardsArg);
    const s = r.subject;
    const facts: Record<string, string> = {
      'head-sha': s.headSha,
      'head-repository': s.headRepository,
      'base-ref': s.baseRef,
      'base-sha': s.baseSha ?? s.headSha,
      repository: s.repository,
      shards: JSON.stringify(Array.from({ length: n }, (_, i) => i)),
      'shard-count': String(n),
      'check-name': checkName(typeof o.name === 'string' ? o.name : 'sandbox / verify', s),
    };
    const lines = Object.entries(facts).map(([k, v]) => `${k}=${v}`);
    if (typeof o['github-output'] === 'string')
      fs.appendFileSync(o['github-output'], `${lines.join('\n')}\n`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
    return inputExitCode('plain');
  }
}
