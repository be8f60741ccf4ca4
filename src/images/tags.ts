/**
 * Which tags and labels an image build gets, from the git facts of the build. Pure and table-tested; exposed as
 * `sandbox-action tags`. Every tag is sanitised to Docker's grammar; the repository is lowercased.
 */
import semver from 'semver';
import { InputError } from '../config/errors.js';

export interface TagFacts {
  /** The commit being built (40 hex). */
  sha: string;
  /** refs/heads/main, refs/tags/v1.2.3, refs/pull/12/merge. */
  ref: string;
  /** GitHub event: push, pull_request, pull_request_target, workflow_dispatch, schedule, release … */
  event: string;
  defaultBranch: string;
  /** Pull request number, for pull_request events. */
  pr: number | null;
  /** True when the pull request comes from a fork: its images are never pushed. */
  fork: boolean;
  /** On pull requests: the head commit (pull_request.head.sha); `shaSource` says which one to tag. */
  headSha: string | null;
  shaSource: 'merge' | 'head';
  /** Extra tags (--tag). */
  extra: string[];
  /** Image repository, e.g. ghcr.io/Org/Repo/python-sandbox. */
  repository: string;
}

export interface TagPlan {
  repository: string;
  tags: string[];
  /** repository:tag for each tag. */
  references: string[];
  sha: string;
  /** Which commit the sha tags name, in words (merge commit or head). */
  shaNote: string;
  version: string | null;
  push: boolean;
  pushNote: string;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SHA = /^[0-9a-f]{40}$/;
/** Docker's repository grammar (lowercase path components, optional registry host with port). */
const REPOSITORY =
  /^(?:[a-z0-9]+(?:[.-][a-z0-9]+)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** Make `text` a valid Docker tag, or null when nothing valid is left. */
export function sanitizeTag(text: string): string | null {
  const t = text
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return TAG.test(t) ? t : null;
}

export function normalizeRepository(repo: string): string {
  const r = repo.trim().toLowerCase();
  if (!REPOSITORY.test(r) || r.length > 255) {
    throw new InputError('--repository', `'${repo}' is not an image repository like ghcr.io/owner/name`);
  }
  return r;
}

export function planTags(f: TagFacts): TagPlan {
  const repository = normalizeRepository(f.repository);
  const isPr = f.event === 'pull_request' || f.event === 'pull_request_target';
  const { sha, shaNote } = tagCommit(f, isPr);
  const tags: string[] = [`sha-${sha.slice(0, 7)}`, sha];
  const refTags = isPr ? prTags(f) : versionTags(f);
  tags.push(...refTags.tags);
  for (const x of f.extra) {
    const t = sanitizeTag(x);
    if (!t)
      throw new InputError('--tag', `'${x}' cannot be made a Docker tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})`);
    tags.push(t);
  }
  const unique = [...new Set(tags)];
  return {
    repository,
    tags: unique,
    references: unique.map((t) => `${repository}:${t}`),
    sha,
    shaNote,
    version: refTags.version,
    push: refTags.push,
    pushNote: refTags.pushNote,
  };
}

/** The commit the tags name: the ref's, or for a pull request GitHub's merge commit (or its head, asked for). */
function tagCommit(f: TagFacts, isPr: boolean): { sha: string; shaNote: string } {
  let sha = f.sha.toLowerCase();
  let shaNote = 'the commit of the ref';
  if (isPr) {
    if (f.shaSource === 'head') {
      if (!f.headSha)
        throw new InputError('--pr-sha', 'head needs the pull request head commit (--head-sha)');
      sha = f.headSha.toLowerCase();
      shaNote = "the pull request's head commit (--pr-sha head)";
    } else {
      shaNote =
        "GitHub's merge commit of the pull request into its base (--pr-sha head tags the head commit instead)";
    }
  }
  if (!SHA.test(sha)) throw new InputError('--sha', `'${sha}' is not a 40-character commit id`);
  return { sha, shaNote };
}

interface RefTags {
  tags: string[];
  version: string | null;
  push: boolean;
  pushNote: string;
}

/** A pull request: `pr-N`; never pushed from a fork (its code must never get registry credentials). */
function prTags(f: TagFacts): RefTags {
  if (f.pr === null || !Number.isInteger(f.pr) || f.pr <= 0) {
    throw new InputError('--pr', 'a pull request event needs its number (--pr N)');
  }
  return f.fork
    ? {
        tags: [`pr-${f.pr}`],
        version: `pr-${f.pr}`,
        push: false,
        pushNote:
          'not pushed: the pull request comes from a fork, and its code must never get registry credentials',
      }
    : { tags: [`pr-${f.pr}`], version: `pr-${f.pr}`, push: true, pushNote: 'pushed' };
}

/** A tag ref: its semver (with `X.Y` and `X` for a release) or the tag itself; a branch: `latest` on the default. */
function versionTags(f: TagFacts): RefTags {
  const pushed = { push: true, pushNote: 'pushed' };
  const branch = /^refs\/heads\/(.+)$/.exec(f.ref)?.[1] ?? null;
  const tagRef = /^refs\/tags\/(.+)$/.exec(f.ref)?.[1] ?? null;
  if (tagRef !== null) {
    const v = semver.valid(tagRef.replace(/^v(?=\d)/, ''), { loose: false });
    if (v !== null && /^v?\d/.test(tagRef)) {
      const p = semver.parse(v)!;
      const full = sanitizeTag(v);
      if (!full) throw new InputError('--ref', `version '${v}' cannot be made a Docker tag`);
      const tags = [full];
      if (p.prerelease.length === 0) {
        tags.push(`${p.major}.${p.minor}`);
        if (p.major > 0) tags.push(`${p.major}`);
      }
      return { tags, version: v, ...pushed };
    }
    const t = sanitizeTag(tagRef);
    if (!t) throw new InputError('--ref', `tag '${tagRef}' cannot be made a Docker tag`);
    return { tags: [t], version: t, ...pushed };
  }
  if (branch !== null) {
    return { tags: branch === f.defaultBranch ? ['latest'] : [], version: sanitizeTag(branch), ...pushed };
  }
  throw new InputError('--ref', `'${f.ref}' is not refs/heads/…, refs/tags/… or refs/pull/…`);
}

/** OCI labels of the image. `created` is the commit time, so a rebuild of the same commit is the same image. */
export function ociLabels(o: {
  sourceUrl: string;
  sha: string;
  version: string | null;
  created: string;
  title: string;
  description: string;
  licenses: string;
}): Record<string, string> {
  return {
    'org.opencontainers.image.source': o.sourceUrl,
    'org.opencontainers.image.revision': o.sha,
    ...(o.version ? { 'org.opencontainers.image.version': o.version } : {}),
    'org.opencontainers.image.created': o.created,
    'org.opencontainers.image.title': o.title,
    'org.opencontainers.image.description': o.description,
    'org.opencontainers.image.licenses': o.licenses,
  };
}

/** The parts of a GitHub event payload the tags need (read as untrusted JSON: only these fields, type-checked). */
export function factsFromGithub(
  env: Record<string, string | undefined>,
  event: unknown,
): Partial<TagFacts> & { sourceUrl?: string } {
  const obj = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const e = obj(event);
  const repo = obj(e.repository);
  const pr = obj(e.pull_request);
  const headRepo = obj(obj(pr.head).repo);
  const out: Partial<TagFacts> & { sourceUrl?: string } = {};
  if (env.GITHUB_SHA) out.sha = env.GITHUB_SHA;
  if (env.GITHUB_REF) out.ref = env.GITHUB_REF;
  if (env.GITHUB_EVENT_NAME) out.event = env.GITHUB_EVENT_NAME;
  const defaultBranch = str(repo.default_branch);
  if (defaultBranch) out.defaultBranch = defaultBranch;
  if (typeof pr.number === 'number') out.pr = pr.number;
  const headSha = str(obj(pr.head).sha);
  if (headSha) out.headSha = headSha;
  const headName = str(headRepo.full_name);
  const baseName = str(repo.full_name);
  if (headName && baseName) out.fork = headName !== baseName;
  if (env.GITHUB_REPOSITORY) {
    out.repository = `${env.REGISTRY || `ghcr.io/${env.GITHUB_REPOSITORY}`}`;
    out.sourceUrl = `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}`;
  }
  return out;
}
