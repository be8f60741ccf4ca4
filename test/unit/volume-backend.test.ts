/** Which backend enforces the volume caps, and what the result says when the host cannot give loop devices. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Engine, EngineInfo } from '../../src/engine/types.js';
import { chooseBackend, type VolumeHost } from '../../src/sandbox/volumes.js';

const engine = (info: Partial<EngineInfo>) =>
  ({
    info: {
      name: 'docker',
      version: '1',
      apiVersion: '1.41',
      os: 'linux',
      arch: 'amd64',
      endpoint: 'x',
      local: true,
      rootless: false,
      cgroupVersion: 'v2',
      readOnlyTmpfs: [],
      ...info,
    },
  }) as unknown as Engine;
const host = (canLosetup: boolean): VolumeHost => ({
  stateDir: '/tmp/none',
  privileged: async () => {
    if (!canLosetup) throw new Error('sudo: a password is required');
    return 'losetup from util-linux';
  },
  tool: async () => 'mke2fs 1.47.0',
  freeBytes: async () => null,
});

describe('chooseBackend', () => {
  test.each([
    ['root on a local docker', {}, true, 'auto', 'loop', null],
    [
      'no root and no sudo: tmpfs, said in a note',
      {},
      false,
      'auto',
      'tmpfs',
      /losetup needs root or passwordless sudo/,
    ],
    ['a remote engine', { local: false }, true, 'auto', 'tmpfs', /the engine is remote/],
    ['rootful podman: loop, as on docker', { name: 'podman' as const }, true, 'auto', 'loop', null],
    [
      'rootless podman: tmpfs (ext4 needs real root), said in a note',
      { name: 'podman' as const, rootless: true },
      true,
      'auto',
      'tmpfs',
      /rootless podman, which cannot mount an ext4 volume/,
    ],
    ['tmpfs asked for', {}, true, 'tmpfs', 'tmpfs', null],
    ['unbounded asked for', {}, true, 'unbounded', 'unbounded', null],
  ] as [string, Partial<EngineInfo>, boolean, 'auto' | 'tmpfs' | 'unbounded', string, RegExp | null][])(
    '%s',
    async (_n, info, canLosetup, wanted, backend, note) => {
      const r = await chooseBackend(wanted, engine(info), host(canLosetup));
      expect(r.backend).toBe(backend);
      if (note) expect(r.note).toMatch(note);
      else expect(r.note).toBeNull();
    },
  );
  test('--volume-backend loop where it cannot be had fails with the reason', async () => {
    await expect(chooseBackend('loop', engine({}), host(false))).rejects.toThrow(
      /losetup needs root or passwordless sudo/,
    );
  });
});

describe('a loop image handed to the background', () => {
  test('leaves the state directory at once and is unlinked by a detached rm', async () => {
    const { defaultVolumeHost, DISCARD_DIR } = await import('../../src/sandbox/volumes.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-discard-'));
    try {
      const image = path.join(dir, 'sandbox-action-x-work.img');
      fs.writeFileSync(image, 'x');
      await defaultVolumeHost(dir, true, true, true).discard!(image);
      expect(fs.existsSync(image)).toBe(false);
      const moved = path.join(dir, DISCARD_DIR, 'sandbox-action-x-work.img');
      for (let i = 0; i < 100 && fs.existsSync(moved); i++) await new Promise((r) => setTimeout(r, 50));
      expect(fs.existsSync(moved)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without deferDiscard the host has no discard (the image is removed before the run ends)', async () => {
    const { defaultVolumeHost } = await import('../../src/sandbox/volumes.js');
    expect(defaultVolumeHost('/tmp/x', true).discard).toBeUndefined();
  });
});
