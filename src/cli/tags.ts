/** `sandbox-action tags`: the tags an image build gets, from flags or the GitHub environment. */
import fs from 'node:fs';
import { InputError, errorMessage, inputExitCode } from '../config/errors.js';
import { factsFromGithub, planTags, type TagFacts } from '../images/tags.js';
import { parseCommandLine, type OptionTable } from './args.js';

export const TAGS_TABLE: OptionTable = {
  sha: { kind: 'string', help: 'commit (default $GITHUB_SHA)' },
  ref: { kind: 'string', help: 'refs/heads/…, refs/tags/… or refs/pull/… (default $GITHUB_REF)' },
  event: { kind: 'string', help: 'push, pull_request, … (default $GITHUB_EVENT_NAME, else push)' },
  'default-branch': { kind: 'string', help: 'default branch (default: from the event, else main)' },
  pr: { kind: 'string', help: 'pull request number (default: from the event)' },
  fork: { kind: 'boolean', help: 'the pull request comes from a fork (default: from the event)' },
  'head-sha': { kind: 'string', help: 'pull request head commit (default: from the event)' },
  'pr-sha': { kind: 'string', help: 'on pull requests tag the merge commit (default) or the head' },
  tag: { kind: 'strings', help: 'extra tag (repeatable)' },
  repository: {
    kind: 'string',
    help: 'image repository (default $REGISTRY, else ghcr.io/$GITHUB_REPOSITORY)',
  },
  image: { kind: 'string', help: 'image name appended to the repository, e.g. python-sandbox' },
  json: { kind: 'boolean', help: 'print the plan as JSON' },
  help: { kind: 'boolean', help: 'this help', short: 'h' },
};

export function tagsCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): number {
  try {
    const { options: o, positionals } = parseCommandLine(argv, TAGS_TABLE);
    if (positionals.length) throw new InputError(positionals[0]!, 'tags takes no arguments');
    const facts = tagFactsFrom(o, env);
    const plan = planTags(facts);
    if (o.json) io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    else {
      for (const r of plan.references) io.stdout.write(`${r}\n`);
      io.stderr.write(`sandbox-action: ${plan.pushNote}; sha tags name ${plan.shaNote}\n`);
    }
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
    return inputExitCode('plain');
  }
}

/** The tag facts from flags, falling back to the GitHub environment and its event file (typed, untrusted JSON). */
export function tagFactsFrom(o: Record<string, unknown>, env: Record<string, string | undefined>): TagFacts {
  let event: unknown = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch (err) {
      throw new InputError('GITHUB_EVENT_PATH', `cannot read the event: ${errorMessage(err)}`);
    }
  }
  const gh = factsFromGithub(env, event);
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const prText = s('pr');
  if (prText !== undefined && !/^\d+$/.test(prText))
    throw new InputError('--pr', `'${prText}' is not a number`);
  const prSha = s('pr-sha') ?? 'merge';
  if (prSha !== 'merge' && prSha !== 'head')
    throw new InputError('--pr-sha', `'${prSha}' is not merge or head`);
  const sha = s('sha') ?? gh.sha;
  const ref = s('ref') ?? gh.ref;
  if (!sha) throw new InputError('--sha', 'is required outside GitHub Actions');
  if (!ref) throw new InputError('--ref', 'is required outside GitHub Actions');
  const base = s('repository') ?? gh.repository;
  if (!base) throw new InputError('--repository', 'is required outside GitHub Actions (or set REGISTRY)');
  const image = s('image');
  const facts: TagFacts = {
    sha,
    ref,
    event: s('event') ?? gh.event ?? 'push',
    defaultBranch: s('default-branch') ?? gh.defaultBranch ?? 'main',
    pr: prText !== undefined ? Number(prText) : (gh.pr ?? null),
    fork: o.fork === true || gh.fork === true,
    headSha: s('head-sha') ?? gh.headSha ?? null,
    shaSource: prSha,
    extra: Array.isArray(o.tag) ? o.tag : [],
    repository: image ? `${base}/${image}` : base,
  };
  return facts;
}
