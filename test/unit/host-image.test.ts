/** The proxy image from the host's Node: which libraries, for which engines, under which tag. */
import { describe, expect, test } from '@jest/globals';
import { hostNodeTag, hostNodeUnfit, importChanges, parseLdd } from '../../src/egress/host-image.js';

describe('parseLdd', () => {
  test.each([
    [
      'glibc with a loader',
      `\tlinux-vdso.so.1 (0x00007ffd)\n\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x1)\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x2)\n\t/lib64/ld-linux-x86-64.so.2 (0x3)\n`,
      ['/lib/x86_64-linux-gnu/libdl.so.2', '/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2'],
    ],
    ['a static binary', '\tnot a dynamic executable\n', []],
    ['a library not found is not listed', '\tlibfoo.so.1 => not found\n', []],
  ])('%s', (_n, text, libs) => expect(parseLdd(text)).toEqual(libs));
});

describe('hostNodeUnfit', () => {
  test.each([
    [{ os: 'linux', arch: 'amd64' }, 'linux', 'x64', null],
    [{ os: 'linux', arch: 'arm64' }, 'linux', 'arm64', null],
    [{ os: 'linux', arch: 'arm64' }, 'linux', 'x64', 'the engine is arm64, this Node is x64'],
    [{ os: 'windows', arch: 'amd64' }, 'linux', 'x64', 'the engine runs windows containers'],
    [{ os: 'linux', arch: 'amd64' }, 'darwin', 'x64', 'this machine runs darwin, not Linux'],
  ])('%j on %s/%s: %s', (engine, platform, arch, why) =>
    expect(hostNodeUnfit(engine, platform, arch)).toBe(why),
  );
});

test('the tag changes with the bundle and with the Node binary', () => {
  const st = { size: 100, mtimeMs: 1 };
  const a = hostNodeTag(Buffer.from('proxy'), '/usr/bin/node', st, 'v20.0.0');
  expect(a).toMatch(/^sandbox-action\/egress-proxy:node-[0-9a-f]{16}$/);
  expect(hostNodeTag(Buffer.from('proxy'), '/usr/bin/node', st, 'v20.0.0')).toBe(a);
  for (const other of [
    hostNodeTag(Buffer.from('proxy2'), '/usr/bin/node', st, 'v20.0.0'),
    hostNodeTag(Buffer.from('proxy'), '/usr/local/bin/node', st, 'v20.0.0'),
    hostNodeTag(Buffer.from('proxy'), '/usr/bin/node', { size: 101, mtimeMs: 1 }, 'v20.0.0'),
    hostNodeTag(Buffer.from('proxy'), '/usr/bin/node', { size: 100, mtimeMs: 2 }, 'v20.0.0'),
    hostNodeTag(Buffer.from('proxy'), '/usr/bin/node', st, 'v22.0.0'),
  ])
    expect(other).not.toBe(a);
});

test('the image runs the proxy as 65532, never as root', () => {
  expect(importChanges()).toContain('USER 65532:65532');
});
