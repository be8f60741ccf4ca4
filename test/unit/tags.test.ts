import { describe, expect, test } from '@jest/globals';
import { factsFromGithub, ociLabels, planTags, sanitizeTag, type TagFacts } from '../../src/images/tags.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const HEAD = 'fedcba9876543210fedcba9876543210fedcba98';
const facts = (o: Partial<TagFacts>): TagFacts => ({
  sha: SHA,
  ref: 'refs/heads/main',
  event: 'push',
  defaultBranch: 'main',
  pr: null,
  fork: false,
  headSha: null,
  shaSource: 'merge',
  extra: [],
  repository: 'ghcr.io/org/sandbox-action/python-sandbox',
  ...o,
});
const S = ['sha-0123456', SHA];

describe('planTags', () => {
  test.each([
    ['default branch push', {}, [...S, 'latest'], true],
    ['other branch push', { ref: 'refs/heads/feature/x' }, S, true],
    [
      'default branch named master',
      { ref: 'refs/heads/master', defaultBranch: 'master' },
      [...S, 'latest'],
      true,
    ],
    ['main is not default when default is trunk', { defaultBranch: 'trunk' }, S, true],
    ['workflow_dispatch on default branch', { event: 'workflow_dispatch' }, [...S, 'latest'], true],
    ['schedule on default branch', { event: 'schedule' }, [...S, 'latest'], true],
    ['semver tag', { ref: 'refs/tags/v1.2.3' }, [...S, '1.2.3', '1.2', '1'], true],
    ['semver tag without v', { ref: 'refs/tags/2.0.0' }, [...S, '2.0.0', '2.0', '2'], true],
    ['semver tag 10.20.30', { ref: 'refs/tags/v10.20.30' }, [...S, '10.20.30', '10.20', '10'], true],
    ['0.x has no bare major', { ref: 'refs/tags/v0.4.1' }, [...S, '0.4.1', '0.4'], true],
    ['0.0.x', { ref: 'refs/tags/v0.0.7' }, [...S, '0.0.7', '0.0'], true],
    ['prerelease: only its full version', { ref: 'refs/tags/v1.2.3-rc.1' }, [...S, '1.2.3-rc.1'], true],
    ['prerelease alpha on 0.x', { ref: 'refs/tags/v0.1.0-alpha' }, [...S, '0.1.0-alpha'], true],
    [
      'build metadata is dropped by semver',
      { ref: 'refs/tags/v1.2.3+build.5' },
      [...S, '1.2.3', '1.2', '1'],
      true,
    ],
    [
      'a tag on a release event',
      { ref: 'refs/tags/v3.1.4', event: 'release' },
      [...S, '3.1.4', '3.1', '3'],
      true,
    ],
    ['non-semver tag', { ref: 'refs/tags/nightly-2026-01-01' }, [...S, 'nightly-2026-01-01'], true],
    ['non-semver v tag', { ref: 'refs/tags/v1' }, [...S, 'v1'], true],
    ['tag with odd characters', { ref: 'refs/tags/release/2026@x' }, [...S, 'release-2026-x'], true],
    [
      'pull request (merge commit)',
      { event: 'pull_request', ref: 'refs/pull/12/merge', pr: 12 },
      [...S, 'pr-12'],
      true,
    ],
    [
      'pull request from a fork is never pushed',
      { event: 'pull_request', ref: 'refs/pull/7/merge', pr: 7, fork: true },
      [...S, 'pr-7'],
      false,
    ],
    [
      'pull_request_target from a fork',
      { event: 'pull_request_target', ref: 'refs/heads/main', pr: 9, fork: true },
      [...S, 'pr-9'],
      false,
    ],
    [
      'pull request tagging the head commit',
      { event: 'pull_request', ref: 'refs/pull/3/merge', pr: 3, headSha: HEAD, shaSource: 'head' as const },
      ['sha-fedcba9', HEAD, 'pr-3'],
      true,
    ],
    [
      'pull request on the default branch never gets latest',
      { event: 'pull_request', ref: 'refs/heads/main', pr: 5 },
      [...S, 'pr-5'],
      true,
    ],
    ['extra tag', { extra: ['edge'] }, [...S, 'latest', 'edge'], true],
    [
      'extra tags sanitised',
      { extra: ['my tag', 'feature/x'] },
      [...S, 'latest', 'my-tag', 'feature-x'],
      true,
    ],
    ['extra tag duplicates are folded', { extra: ['latest'] }, [...S, 'latest'], true],
    ['upper-case sha is lowered', { sha: SHA.toUpperCase() }, [...S, 'latest'], true],
    ['branch with slashes and unicode', { ref: 'refs/heads/fix/ünïcode' }, S, true],
  ] as [string, Partial<TagFacts>, string[], boolean][])('%s', (_name, o, tags, push) => {
    const p = planTags(facts(o));
    expect(p.tags).toEqual(tags);
    expect(p.push).toBe(push);
    expect(p.references).toEqual(tags.map((t) => `ghcr.io/org/sandbox-action/python-sandbox:${t}`));
    for (const t of p.tags) expect(t).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/);
  });

  test('the repository is lowercased', () =>
    expect(planTags(facts({ repository: 'ghcr.io/Org/Sandbox-Action/Lean' })).repository).toBe(
      'ghcr.io/org/sandbox-action/lean',
    ));
  test('a registry with a port', () =>
    expect(planTags(facts({ repository: 'localhost:5000/sandbox/python' })).references[0]).toBe(
      'localhost:5000/sandbox/python:sha-0123456',
    ));
  test('the version follows the ref', () => {
    expect(planTags(facts({ ref: 'refs/tags/v1.2.3' })).version).toBe('1.2.3');
    expect(planTags(facts({ ref: 'refs/heads/feature/x' })).version).toBe('feature-x');
    expect(planTags(facts({ event: 'pull_request', pr: 4 })).version).toBe('pr-4');
  });
  test('on pull requests it says which commit the sha tags name', () => {
    expect(planTags(facts({ event: 'pull_request', pr: 1 })).shaNote).toMatch(/merge commit/);
    expect(
      planTags(facts({ event: 'pull_request', pr: 1, headSha: HEAD, shaSource: 'head' })).shaNote,
    ).toMatch(/head commit/);
  });

  test.each([
    [{ sha: 'abc' }, /^--sha: /],
    [{ ref: 'main' }, /^--ref: /],
    [{ event: 'pull_request', pr: null }, /^--pr: /],
    [{ event: 'pull_request', pr: 2, shaSource: 'head' as const }, /^--pr-sha: /],
    [{ extra: ['...'] }, /^--tag: /],
    [{ extra: ['-'] }, /^--tag: /],
    [{ repository: 'ghcr.io/org/bad repo' }, /^--repository: /],
    [{ repository: 'ghcr.io//double' }, /^--repository: /],
    [{ ref: 'refs/tags/...' }, /^--ref: /],
  ] as [Partial<TagFacts>, RegExp][])('bad input %j', (o, re) =>
    expect(() => planTags(facts(o))).toThrow(re),
  );
});

describe('sanitizeTag', () => {
  test.each([
    ['v1.2.3', 'v1.2.3'],
    ['feature/x', 'feature-x'],
    ['.hidden', 'hidden'],
    ['-dash', 'dash'],
    ['_ok', '_ok'],
    ['a b\tc', 'a-b-c'],
    ['x'.repeat(200), 'x'.repeat(128)],
    ['...', null],
    ['', null],
  ])('%j → %j', (text, tag) => expect(sanitizeTag(text)).toBe(tag));
});

test('OCI labels carry the revision and the commit time', () => {
  const l = ociLabels({
    sourceUrl: 'https://github.com/org/sandbox-action',
    sha: SHA,
    version: '1.2.3',
    created: '2026-01-02T03:04:05Z',
    title: 'python-sandbox',
    description: 'Python 3.11 with pytest',
    licenses: 'MIT',
  });
  expect(l['org.opencontainers.image.revision']).toBe(SHA);
  expect(l['org.opencontainers.image.created']).toBe('2026-01-02T03:04:05Z');
  expect(Object.keys(l)).toHaveLength(7);
});

describe('factsFromGithub reads only typed fields of the event', () => {
  const env = {
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/pull/8/merge',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'Org/Repo',
  };
  test.each([
    [
      'a pull request from a fork',
      {
        repository: { default_branch: 'main', full_name: 'Org/Repo' },
        pull_request: { number: 8, head: { sha: HEAD, repo: { full_name: 'evil/Repo' } } },
      },
      { pr: 8, fork: true, headSha: HEAD, defaultBranch: 'main', repository: 'ghcr.io/Org/Repo' },
    ],
    [
      'a pull request from the same repository',
      {
        repository: { full_name: 'Org/Repo' },
        pull_request: { number: 9, head: { repo: { full_name: 'Org/Repo' } } },
      },
      { pr: 9, fork: false },
    ],
    [
      'wrong types are ignored',
      { repository: { default_branch: 42 }, pull_request: { number: '8; rm -rf /' } },
      { event: 'pull_request' },
    ],
    ['not an object', 'garbage', { sha: SHA }],
  ])('%s', (_n, event, expected) => expect(factsFromGithub(env, event)).toMatchObject(expected));
  test('wrong types do not become facts', () => {
    const f = factsFromGithub(env, { repository: { default_branch: 42 }, pull_request: { number: '8' } });
    expect(f.defaultBranch).toBeUndefined();
    expect(f.pr).toBeUndefined();
  });
  test('REGISTRY wins over ghcr.io/<repository>', () =>
    expect(factsFromGithub({ ...env, REGISTRY: 'localhost:5000/x' }, {}).repository).toBe(
      'localhost:5000/x',
    ));
});
