/** The action's log groups per stage of the run (src/action/groups.ts): pure, over a recorded start/end. */
import { describe, expect, test } from '@jest/globals';
import { STAGE_TITLES, StageGroups } from '../../src/action/groups.js';
import type { RunStage } from '../../src/sandbox/execute.js';

const T = STAGE_TITLES;

describe('StageGroups', () => {
  test.each([
    ['no stage: no group', [], []],
    [
      'a run: each stage its own group, one ending where the next begins',
      ['prepare', 'command', 'collect', 'cleanup'],
      [
        `start ${T.prepare}`,
        'end',
        `start ${T.command}`,
        'end',
        `start ${T.collect}`,
        'end',
        `start ${T.cleanup}`,
        'end',
      ],
    ],
    [
      'with a setup phase',
      ['prepare', 'setup', 'command'],
      [`start ${T.prepare}`, 'end', `start ${T.setup}`, 'end', `start ${T.command}`, 'end'],
    ],
    [
      'the same stage twice in a row is one group (a warm run names prepare twice)',
      ['prepare', 'prepare', 'command'],
      [`start ${T.prepare}`, 'end', `start ${T.command}`, 'end'],
    ],
    [
      'a run that failed in prepare goes straight to cleanup',
      ['prepare', 'cleanup'],
      [`start ${T.prepare}`, 'end', `start ${T.cleanup}`, 'end'],
    ],
  ] as [string, RunStage[], string[]][])('%s', (_, stages, calls) => {
    const got: string[] = [];
    const g = new StageGroups(
      (t) => got.push(`start ${t}`),
      () => got.push('end'),
    );
    for (const s of stages) g.stage(s);
    g.close();
    g.close(); // closing twice ends nothing more
    expect(got).toEqual(calls);
  });

  test('every stage has a title that names sandbox-action', () => {
    for (const s of ['prepare', 'setup', 'command', 'collect', 'cleanup'] as RunStage[])
      expect(T[s]).toMatch(/^sandbox-action: /);
  });
});
