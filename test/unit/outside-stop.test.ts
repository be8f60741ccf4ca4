/** Pure: whether someone else stopped the sandbox (outside-stop.ts), and the cleanup's retry of engine-side failures. */
import { describe, expect, test } from '@jest/globals';
import { EngineError } from '../../src/config/errors.js';
import { Cleanup, engineSide } from '../../src/sandbox/cleanup.js';
import { outsideStop, type StopEvidence } from '../../src/sandbox/outside-stop.js';

describe('outsideStop', () => {
  const none: StopEvidence = { outside: [], died: true, endedEarly: false };
  test.each<[string, StopEvidence, RegExp | null]>([
    ['the command ended by itself', none, null],
    ['the run killed it (timeout): its kill is not counted', { ...none }, null],
    [
      'an engine restart: SIGTERM first',
      { ...none, outside: ['kill with signal 15'] },
      /\(kill with signal 15, not sent by this run/,
    ],
    ['docker kill: SIGKILL', { ...none, outside: ['kill with signal 9'] }, /kill with signal 9,/],
    ['podman stop', { ...none, outside: ['stop'] }, /\(stop, not sent by this run/],
    [
      'stop, then escalated',
      { ...none, outside: ['kill with signal 15', 'kill with signal 9', 'kill with signal 15'] },
      /signal 15, kill with signal 9, not/,
    ],
    [
      'the stream ended before the die event',
      { outside: [], died: false, endedEarly: true },
      /event stream ended/,
    ],
    ['no die event yet, stream open (grace passed)', { outside: [], died: false, endedEarly: false }, null],
  ])('%s', (_name, e, want) => {
    const got = outsideStop(e);
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatch(want);
  });
});

describe('engineSide', () => {
  test.each<[string, unknown, boolean]>([
    ['no answer (no status)', new EngineError('docker', 'remove volume', 'no engine answers'), true],
    [
      '500: database not open',
      new EngineError('docker', 'remove volume', 'database not open', '', 500),
      true,
    ],
    ['409: in use', new EngineError('docker', 'remove volume', 'in use', '', 409), false],
    ['a plain error', new Error('x'), false],
    [
      'an aggregate with one engine-side cause',
      new AggregateError([new Error('x'), new EngineError('d', 'o', 'd', '', 503)]),
      true,
    ],
    ['an aggregate of others', new AggregateError([new Error('x')]), false],
  ])('%s', (_n, err, want) => expect(engineSide(err)).toBe(want));
});

describe('Cleanup retry', () => {
  /** A step that fails with `err` for its first `fails` calls. */
  const flaky = (fails: number, err: unknown) => {
    let calls = 0;
    return {
      fn: async () => {
        calls++;
        if (calls <= fails) throw err;
      },
      calls: () => calls,
    };
  };
  const down = new EngineError('docker', 'remove volume', 'database not open', '', 500);

  test.each<[string, number, unknown, boolean[], number, RegExp | null]>([
    // name, failures before success, error, ping answers, calls expected, failure line
    ['engine back after one refused ping: retried, removed', 1, down, [false, true], 2, null],
    [
      'still 500 after the engine answers: retried each second until it works',
      2,
      down,
      [true, true, true],
      3,
      null,
    ],
    [
      'never answers: left, and gc named',
      99,
      down,
      [false],
      1,
      /gc` removes it once the engine answers again/,
    ],
    [
      'a 409 is not retried',
      1,
      new EngineError('docker', 'remove volume', 'in use', '', 409),
      [true],
      1,
      /in use/,
    ],
  ])('%s', async (_n, fails, err, answers, calls, line) => {
    const c = new Cleanup();
    const s = flaky(fails, err);
    c.add('remove volumes', s.fn);
    let i = 0;
    const ping = async () => answers[Math.min(i++, answers.length - 1)]!;
    const failures = await c.run({ retry: { ping, withinMs: 60, everyMs: 5 } });
    expect(s.calls()).toBe(calls);
    if (line === null) expect(failures).toEqual([]);
    else expect(failures).toEqual([expect.stringMatching(line)]);
  });

  test('without retry a failure is reported once, and steps run newest first', async () => {
    const order: string[] = [];
    const c = new Cleanup();
    c.add('a', async () => void order.push('a'));
    c.add('b', async () => {
      order.push('b');
      throw down;
    });
    expect(await c.run()).toEqual([expect.stringMatching(/^b: docker: remove volume failed/)]);
    expect(order).toEqual(['b', 'a']);
  });
});
