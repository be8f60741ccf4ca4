/** The reset's process list read from /proc and the container's cgroup (src/session/procs.ts): its pure parts. */
import { describe, expect, test } from '@jest/globals';
import { parseStatus, processTable } from '../../src/session/procs.js';
import { strayProcesses } from '../../src/session/reset-script.js';

const status = (name: string, uid: string) =>
  `Name:\t${name}\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t17\nPid:\t17\nPPid:\t1\nUid:\t${uid}\nGid:\t65533\t65533\t65533\t65533\n`;

describe('parseStatus', () => {
  test.each([
    [
      'the keeper',
      status('sh', '65533\t65533\t65533\t65533'),
      { name: 'sh', uids: [65533, 65533, 65533, 65533] },
    ],
    ['a name with spaces', status('my prog', '0\t0\t0\t0'), { name: 'my prog', uids: [0, 0, 0, 0] }],
    [
      'mixed uids',
      status('x', '65533\t65534\t65534\t65534'),
      { name: 'x', uids: [65533, 65534, 65534, 65534] },
    ],
    ['no Uid line', 'Name:\tsh\nPid:\t1\n', null],
    ['no Name line', 'Uid:\t1\t1\t1\t1\n', null],
    ['a Uid line of three', status('sh', '1\t1\t1'), null],
    ['a Uid that is not a number', status('sh', 'a\t1\t1\t1'), null],
  ])('%s', (_n, text, want) => {
    expect(parseStatus(text)).toEqual(want);
  });
});

describe('processTable: what the stray check sees', () => {
  const keeper = 65533;
  const k = [keeper, keeper, keeper, keeper];
  // Each row: the processes read (uids null: listed in the cgroup, gone before its status was read), and the
  // strays the check reports, or null when the table is refused (no keeper in it: this process cannot see the
  // container's processes, so the engine's top is asked instead).
  test.each([
    [
      'keeper and its init only',
      [
        [1, 'docker-init', k],
        [7, 'sh', k],
      ],
      [],
    ],
    [
      'a process of the sandbox user',
      [
        [1, 'sh', k],
        [9, 'sleep', [65534, 65534, 65534, 65534]],
      ],
      ['pid 9 uid 65534 sleep'],
    ],
    // A process whose uids differ is never taken for the keeper, whichever of them is the keeper's.
    [
      'real uid the keeper, effective not',
      [
        [1, 'sh', k],
        [5, 'x', [keeper, 65534, 65534, 65534]],
      ],
      [`pid 5 uid ${keeper}/65534/65534/65534 x`],
    ],
    [
      'effective uid the keeper, real not',
      [
        [1, 'sh', k],
        [5, 'x', [65534, keeper, keeper, keeper]],
      ],
      [`pid 5 uid 65534/${keeper}/${keeper}/${keeper} x`],
    ],
    [
      'root',
      [
        [1, 'sh', k],
        [3, 'sh', [0, 0, 0, 0]],
      ],
      ['pid 3 uid 0 sh'],
    ],
    // A PID gone between the cgroup's list and its status (a hopper's, or one being reaped) is a stray, so the
    // check lists again rather than taking the list for clean.
    [
      'a process gone while listed',
      [
        [1, 'sh', k],
        [12, '', null],
      ],
      ['pid 12 uid ? (gone while listed)'],
    ],
    // No keeper: /proc with hidepid or another PID namespace hides them all; an empty list would say nothing.
    ['nothing', [], null],
    ['only the sandbox user', [[9, 'sleep', [65534, 65534, 65534, 65534]]], null],
    ['only processes gone while listed', [[9, '', null]], null],
    ['the keeper uid only as real uid', [[5, 'x', [keeper, 65534, 65534, 65534]]], null],
  ] as [string, [number, string, number[] | null][], string[] | null][])('%s', (_n, procs, want) => {
    const t = processTable(
      procs.map(([pid, name, uids]) => ({ pid, status: uids && { name, uids } })),
      keeper,
    );
    expect(t && strayProcesses(t, keeper)).toEqual(want);
  });
});
