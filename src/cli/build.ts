/**
 * `sandbox-action build`: build the sandbox images for one or more platforms, tag them from the commit (the tags
 * module), and push them (a manifest list when several platforms). Everything is checked before anything is built.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { InputError, errorMessage, exitCodeFor, inputExitCode } from '../config/errors.js';
import { installRoot } from '../config/install.js';
import type { Engine } from '../engine/types.js';
import {
  parseBaseImages,
  parseImages,
  parsePlatforms,
  planTargets,
  type BuildTarget,
  type ImageSource,
} from '../images/build-plan.js';
import {
  buildWithBake,
  buildWithEngine,
  checkPushCredentials,
  credentialsFor,
  hasBuildx,
  imageSources,
  type BuildRun,
} from '../images/builder.js';
import { parseReference, type Credentials } from '../images/registry.js';
import { normalizeRepository, ociLabels, planTags, type TagPlan } from '../images/tags.js';
import { parseCommandLine, type OptionTable } from './args.js';
import { TAGS_TABLE, tagFactsFrom } from './tags.js';

/** The tag options of `tags`, except those `build` decides itself (image, repository, output, help). */
const TAG_OPTIONS: OptionTable = Object.fromEntries(
  Object.entries(TAGS_TABLE).filter(([k]) => !['image', 'json', 'repository', 'help'].includes(k)),
);

export const BUILD_TABLE: OptionTable = {
  images: { kind: 'string', help: 'comma-separated images to build (default: every image in images/)' },
  platforms: { kind: 'string', help: 'comma-separated platforms (default $PLATFORMS, else linux/amd64)' },
  push: { kind: 'boolean', help: 'push to the registry (a manifest list when several platforms)' },
  registry: {
    kind: 'string',
    help: 'where images go: REGISTRY/IMAGE:TAG (default $REGISTRY, else ghcr.io/OWNER/REPO lowercased)',
  },
  'base-image': {
    kind: 'strings',
    help: "BASE_IMAGE build argument, IMAGE or PLATFORM=IMAGE (repeatable; default: each Dockerfile's own)",
  },
  'build-arg': { kind: 'strings', help: 'KEY=VALUE build argument for every image (repeatable)' },
  username: { kind: 'string', help: "registry user (with --password-stdin; default: docker login's)" },
  'password-stdin': {
    kind: 'boolean',
    help: 'read the registry password from stdin (never from the command line)',
  },
  builder: { kind: 'string', help: 'auto (default: buildx when present, else the engine), buildx or engine' },
  root: { kind: 'string', help: "the directory holding images/ (default: this installation's)" },
  'no-cache': { kind: 'boolean', help: 'build every step again (engine path)' },
  'dry-run': {
    kind: 'boolean',
    help: 'print the plan (targets, tags, labels, bake definition) and build nothing',
  },
  json: { kind: 'boolean', help: 'print the outcome as JSON' },
  ...TAG_OPTIONS,
  help: { kind: 'boolean', help: 'this help', short: 'h' },
};

function git(args: string[], cwd: string): string | undefined {
  try {
    return (
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

export interface BuildRequest {
  targets: BuildTarget[];
  tags: TagPlan;
  push: boolean;
  builder: 'auto' | 'buildx' | 'engine';
  creds: Credentials | null;
  dryRun: boolean;
  json: boolean;
  root: string;
  noCache: boolean;
}

function parseBuildArgs(args: string[]): Record<string, string> {
  const buildArgs: Record<string, string> = {};
  for (const a of args) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
    if (!m) throw new InputError('--build-arg', `'${a.split('=')[0]}' is not KEY=VALUE`);
    buildArgs[m[1]!] = m[2]!;
  }
  return buildArgs;
}

/** The tags for this commit; outside GitHub the commit facts come from git. */
function buildTags(
  o: Record<string, unknown>,
  env: Record<string, string | undefined>,
  registry: string,
  cwd: string,
): TagPlan {
  const withGit = { ...o };
  if (!withGit.sha && !env.GITHUB_SHA) withGit.sha = git(['rev-parse', 'HEAD'], cwd);
  if (!withGit.ref && !env.GITHUB_REF) {
    const branch = git(['symbolic-ref', '-q', 'HEAD'], cwd);
    withGit.ref = branch ?? (withGit.sha ? `refs/heads/detached` : undefined);
  }
  const tags = planTags(tagFactsFrom({ ...withGit, repository: registry }, env));
  if (tags.tags.length === 0) throw new InputError('--tag', 'no tag could be made for this commit');
  return tags;
}

/** `--username U --password-stdin`: the password is read from stdin, never taken from the command line. */
function stdinCredentials(
  user: string | undefined,
  passwordStdin: boolean,
  readStdin: () => string,
): Credentials | null {
  if (passwordStdin) {
    if (!user) throw new InputError('--password-stdin', 'needs --username');
    const password = readStdin().replace(/\r?\n$/, '');
    if (!password) throw new InputError('--password-stdin', 'read an empty password from stdin');
    return { username: user, password };
  }
  if (user) {
    throw new InputError(
      '--username',
      'needs --password-stdin (a password is never taken from the command line)',
    );
  }
  return null;
}

/** The OCI labels' source URL and creation time (SOURCE_DATE_EPOCH, else the commit's date, else the epoch). */
function sourceFacts(
  env: Record<string, string | undefined>,
  sha: string,
  cwd: string,
): { sourceUrl: string; created: string } {
  const sourceUrl = env.GITHUB_REPOSITORY
    ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}`
    : (git(['remote', 'get-url', 'origin'], cwd) ?? '');
  const created =
    (env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH)
      ? new Date(Number(env.SOURCE_DATE_EPOCH) * 1000).toISOString()
      : git(['show', '-s', '--format=%cI', sha], cwd)) ?? new Date(0).toISOString();
  return { sourceUrl, created };
}

/** Where the images go: --registry, else $REGISTRY, else the GitHub repository's own ghcr.io (lowercased). */
function buildRegistry(flag: string | undefined, env: Record<string, string | undefined>): string {
  const registryText =
    flag ?? env.REGISTRY ?? (env.GITHUB_REPOSITORY ? `ghcr.io/${env.GITHUB_REPOSITORY}` : undefined);
  if (!registryText)
    throw new InputError('--registry', 'is required outside GitHub Actions (or set REGISTRY)');
  return normalizeRepository(registryText);
}

/** Each image's OCI labels: the commit's facts, and its title and description (its Dockerfile's first comment). */
function imageLabels(
  sourceUrl: string,
  created: string,
  tags: TagPlan,
): (src: ImageSource) => Record<string, string> {
  return (src) =>
    ociLabels({
      sourceUrl,
      sha: tags.sha,
      version: tags.version,
      created,
      title: src.title,
      description: src.description,
      licenses: 'MIT',
    });
}

/** Parse and check everything (pure apart from reading images/, git facts and stdin's password). */
export function parseBuild(
  argv: string[],
  env: Record<string, string | undefined>,
  readStdin: () => string,
): BuildRequest {
  const { options: o, positionals } = parseCommandLine(argv, BUILD_TABLE);
  if (positionals.length) throw new InputError(positionals[0]!, 'build takes no arguments');
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const list = (k: string) => (Array.isArray(o[k]) ? (o[k] as string[]) : []);
  const root = path.resolve(s('root') ?? installRoot() ?? process.cwd());
  if (!fs.existsSync(path.join(root, 'images')))
    throw new InputError('--root', `'${root}' has no images/ directory`);
  const sources = imageSources(root);
  const names = sources.map((x) => x.name);
  const images = s('images') ? parseImages(s('images')!, names) : names;
  const platforms = parsePlatforms(s('platforms') ?? env.PLATFORMS ?? 'linux/amd64');
  const baseImages = parseBaseImages(list('base-image'), platforms);
  const buildArgs = parseBuildArgs(list('build-arg'));
  const builder = s('builder') ?? 'auto';
  if (!['auto', 'buildx', 'engine'].includes(builder)) {
    throw new InputError('--builder', `'${builder}' is not auto, buildx or engine`);
  }
  const registry = buildRegistry(s('registry'), env);
  const cwd = process.cwd();
  const tags = buildTags(o, env, registry, cwd);
  const push = o.push === true;
  if (push && !tags.push) throw new InputError('--push', tags.pushNote);
  let creds = stdinCredentials(s('username'), o['password-stdin'] === true, readStdin);
  if (push) creds = credentialsFor(parseReference(`${registry}/x:y`).host, creds);
  const { sourceUrl, created } = sourceFacts(env, tags.sha, cwd);
  const targets = planTargets({
    images: sources.filter((x) => images.includes(x.name)),
    platforms,
    registry,
    tags,
    labels: imageLabels(sourceUrl, created, tags),
    baseImages,
    buildArgs,
  });
  return {
    targets,
    tags,
    push,
    builder: builder as BuildRequest['builder'],
    creds,
    dryRun: o['dry-run'] === true,
    noCache: o['no-cache'] === true,
    json: o.json === true,
    root,
  };
}

export async function executeBuild(
  req: BuildRequest,
  engine: () => Promise<Engine>,
  progress: (line: string) => void,
  env: Record<string, string | undefined>,
): Promise<BuildRun> {
  const useBuildx = req.builder === 'buildx' || (req.builder === 'auto' && hasBuildx());
  if (req.builder === 'buildx' && !hasBuildx()) {
    throw new InputError('--builder', 'buildx: `docker buildx` is not installed here; use --builder engine');
  }
  if (req.push) await checkPushCredentials(req.targets[0]!.references[0]!, req.creds);
  if (useBuildx)
    return buildWithBake(req.targets, {
      push: req.push,
      github: env.GITHUB_ACTIONS === 'true',
      root: req.root,
      progress,
    });
  return buildWithEngine(await engine(), req.targets, {
    push: req.push,
    creds: req.creds,
    progress,
    noCache: req.noCache,
  });
}

export async function buildCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  engine: () => Promise<Engine>,
): Promise<number> {
  let req: BuildRequest;
  try {
    req = parseBuild(argv, env, () => fs.readFileSync(0, 'utf8'));
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
    return inputExitCode('plain');
  }
  if (req.dryRun) {
    io.stdout.write(
      `${JSON.stringify({ tags: req.tags, targets: req.targets.map(({ source, ...t }) => ({ ...t, context: source.contextDir, dockerfile: source.dockerfile })) }, null, 2)}\n`,
    );
    return 0;
  }
  try {
    const run = await executeBuild(
      { ...req, push: req.push },
      engine,
      (l) => io.stderr.write(`sandbox-action: ${l}\n`),
      env,
    );
    if (req.json) io.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    else {
      for (const i of run.images) {
        for (const r of i.references) io.stdout.write(`${r}${i.digest ? ` ${i.digest}` : ''}\n`);
      }
    }
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}\n`);
    return exitCodeFor('plain', err);
  }
}
