/**
 * Every helper container a run creates (src/sandbox/helper-containers.ts), read off its spec: non-root unless it is
 * the chown helper, every capability dropped but the named one, a read-only root, no network, a memory cap.
 */
import { describe, expect, test } from '@jest/globals';
import type { ContainerSpec } from '../../src/engine/types.js';
import {
  HOLDER_MEMORY_BYTES,
  chownContainer,
  holderContainer,
  probeContainer,
  type HelperRole,
} from '../../src/sandbox/helper-containers.js';
import { LABEL_ROLE, LABEL_RUN } from '../../src/sandbox/plan.js';

const labels = { [LABEL_RUN]: 'r1' };
const owner = { uid: 1000, gid: 1000 };
const vols = [
  { name: 'v-work', mount: '/work' },
  { name: 'v-out', mount: '/output' },
];

/** One entry per role: a role added without its entry here does not compile. */
const HELPERS: Record<HelperRole, { spec: ContainerSpec; user: string; capAdd: string[]; memory: number }> = {
  probe: {
    spec: probeContainer(labels, 'img:1'),
    user: '65534:65534',
    capAdd: [],
    memory: HOLDER_MEMORY_BYTES,
  },
  holder: {
    spec: holderContainer(labels, 'holder', 'img:1', owner, vols),
    user: '1000:1000',
    capAdd: [],
    memory: HOLDER_MEMORY_BYTES,
  },
  'lake-holder': {
    spec: holderContainer(labels, 'lake-holder', 'img:1', owner, [{ name: 'v-lake', mount: '/lake' }]),
    user: '1000:1000',
    capAdd: [],
    memory: HOLDER_MEMORY_BYTES,
  },
  // The one root helper: CHOWN and nothing else.
  chown: {
    spec: chownContainer(labels, 'img:1', owner, vols),
    user: '0:0',
    capAdd: ['CHOWN'],
    memory: 64 * 1024 ** 2,
  },
};

describe.each(Object.entries(HELPERS))('the %s helper', (role, h) => {
  const c = h.spec;
  test.each([
    ['user', h.user],
    ['capDrop', ['ALL']],
    ['capAdd', h.capAdd],
    ['readOnlyRootfs', true],
    ['privileged', false],
    ['networkMode', 'none'],
    ['memoryBytes', h.memory],
    ['memorySwapBytes', h.memory],
    ['image', 'img:1'],
  ] as const)('%s = %p', (k, v) => expect(c[k]).toEqual(v));
  test('no-new-privileges, no seccomp override, no published ports or dns', () => {
    expect(c.securityOpt).toEqual(['no-new-privileges:true']);
    expect(c.dns).toBeUndefined();
  });
  test('a pids limit and ulimits (nofile, nproc, no core dumps)', () => {
    expect(c.pidsLimit).toBeGreaterThan(0);
    expect(c.pidsLimit).toBeLessThanOrEqual(16);
    expect(c.ulimits.map((u) => u.name).sort()).toEqual(['core', 'nofile', 'nproc']);
  });
  test('labelled with the run and its role; no host path mounted', () => {
    expect(c.labels).toEqual({ [LABEL_RUN]: 'r1', [LABEL_ROLE]: role });
    expect(c.name).toBe(`sandbox-action-r1-${role}`);
    for (const m of c.mounts) expect(m.type).toBe('volume');
  });
  test('non-root unless it is the chown helper', () =>
    expect(c.user.startsWith('0:')).toBe(role === 'chown'));
});

describe('what each helper mounts', () => {
  test.each([
    ['probe', []],
    ['holder', [true, true]],
    ['lake-holder', [true]],
    ['chown', [false, false]],
  ] as [HelperRole, boolean[]][])('%s: read-only flags %p', (role, ro) =>
    expect(HELPERS[role].spec.mounts.map((m) => m.readOnly)).toEqual(ro),
  );
  test('chown runs chown to the sandbox user over exactly its volumes', () => {
    expect(HELPERS.chown.spec.entrypoint).toEqual(['chown']);
    expect(HELPERS.chown.spec.cmd).toEqual(['1000:1000', '/work', '/output']);
  });
});
