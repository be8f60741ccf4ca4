/**
 * The CLI's code cache is code: a cache someone else could write would run their code in the trusted CLI. Each
 * case plants a cache the attacker could have written and asserts it is not used; the control is the same cache
 * made safe, which is used.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import { cacheDir, pruneOthers, readOwn } from '../../src/cli/launch.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-launch-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test.each([
  ['a directory of ours, 0700 (control)', 0o700, true],
  ['group-writable', 0o770, false],
  ['world-writable', 0o777, false],
  ['world-writable with the sticky bit', 0o1777, false],
])('cache directory %s: used = %s', (_name, mode, used) => {
  const home = fs.mkdtempSync(path.join(root, 'xdg-'));
  const dir = path.join(home, 'sandbox-action', 'code-cache');
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, mode);
  expect(cacheDir({ XDG_CACHE_HOME: home })).toBe(used ? dir : null);
});

test('a link in place of the cache directory is not followed', () => {
  const home = fs.mkdtempSync(path.join(root, 'xdg-'));
  const elsewhere = fs.mkdtempSync(path.join(root, 'elsewhere-'));
  fs.mkdirSync(path.join(home, 'sandbox-action'));
  fs.symlinkSync(elsewhere, path.join(home, 'sandbox-action', 'code-cache'));
  expect(cacheDir({ XDG_CACHE_HOME: home })).toBeNull();
});

test('no cache without a safe place, or when turned off', () => {
  expect(cacheDir({})).toBeNull();
  expect(cacheDir({ XDG_CACHE_HOME: 'relative/dir' })).toBeNull();
  expect(cacheDir({ XDG_CACHE_HOME: root, SANDBOX_ACTION_CODE_CACHE: '0' })).toBeNull();
});

test.each([
  ['a file of ours, 0600 (control)', 0o600, false, true],
  ['a group-writable file', 0o620, false, false],
  ['a world-writable file', 0o606, false, false],
  ['a link to a file of ours', 0o600, true, false],
])('cache file: %s is read = %s', (_name, mode, link, read) => {
  const dir = fs.mkdtempSync(path.join(root, 'files-'));
  const real = path.join(dir, 'real.v8cache');
  fs.writeFileSync(real, 'bytes');
  fs.chmodSync(real, mode);
  const file = link ? path.join(dir, 'link.v8cache') : real;
  if (link) fs.symlinkSync(real, file);
  expect(readOwn(file)?.toString()).toBe(read ? 'bytes' : undefined);
});

test('writing a cache removes the caches of other bundles, and nothing else', () => {
  const dir = fs.mkdtempSync(path.join(root, 'prune-'));
  const mine = 'a'.repeat(32);
  const other = 'b'.repeat(32);
  const names = [
    `cli-${mine}-run.v8cache`,
    `cli-${mine}-any.v8cache`,
    `cli-${other}-run.v8cache`,
    `cli-${other}-any.v8cache`,
    'notes.txt',
    `cli-${other}-run.v8cache.123.tmp`,
  ];
  for (const n of names) fs.writeFileSync(path.join(dir, n), 'x');
  // A folder and a link under a cache's name are not ours to remove; the prune goes on past them and never throws.
  const third = 'c'.repeat(32);
  fs.mkdirSync(path.join(dir, `cli-${third}-run.v8cache`));
  fs.symlinkSync(path.join(dir, 'notes.txt'), path.join(dir, `cli-${third}-any.v8cache`));
  expect(() => pruneOthers(dir, mine)).not.toThrow();
  expect(fs.readdirSync(dir).sort()).toEqual(
    [
      `cli-${mine}-any.v8cache`,
      `cli-${mine}-run.v8cache`,
      `cli-${other}-run.v8cache.123.tmp`,
      `cli-${third}-any.v8cache`,
      `cli-${third}-run.v8cache`,
      'notes.txt',
    ].sort(),
  );
});
