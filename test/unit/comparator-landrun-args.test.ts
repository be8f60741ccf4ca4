/**
 * The shim's argv: landrun's shape exactly as comparator writes it (Main.lean `buildLandrunArgs`, with and without
 * the `--` older comparators omit), and one refusal per way of leaving that shape.
 */
import { describe, expect, test } from '@jest/globals';
import { InputError } from '../../src/config/errors.js';
import { FIXED_PREFIX, parseLandrunArgs } from '../../src/comparator/landrun-args.js';

const P = [...FIXED_PREFIX];
const build = [
  ...P,
  ...['--env', 'PATH', '--env', 'HOME', '--env', 'LEAN_ABORT_ON_PANIC'],
  ...['--ro', '/p', '--rwx', '/p/.lake', '--rox', '/lean', '--rox', '/usr/bin/git'],
];
const exportFlags = [
  ...P,
  ...['--env', 'PATH', '--env', 'HOME', '--env', 'LEAN_PATH', '--env', 'LEAN_ABORT_ON_PANIC'],
  ...['--ro', '/p', '--ro', '/p/.lake', '--rox', '/lean'],
];

describe("comparator's own argv is accepted", () => {
  test.each([
    [
      'build, with --',
      [...build, '--', 'lake', 'build', 'Challenge'],
      {
        form: 'separator',
        env: ['PATH', 'HOME', 'LEAN_ABORT_ON_PANIC'],
        readOnly: ['/p'],
        writable: ['/p/.lake'],
        executable: ['/lean', '/usr/bin/git'],
        command: 'lake',
        args: ['build', 'Challenge'],
      },
    ],
    [
      'build, older form without --',
      [...build, 'lake', 'build', 'Solution'],
      { form: 'legacy', command: 'lake', args: ['build', 'Solution'] },
    ],
    [
      'export, with --: the `--` inside the command stays the command’s',
      [...exportFlags, '--', '/opt/lean4export', 'Challenge', '--', 'thm', 'propext'],
      {
        form: 'separator',
        env: ['PATH', 'HOME', 'LEAN_PATH', 'LEAN_ABORT_ON_PANIC'],
        readOnly: ['/p', '/p/.lake'],
        writable: [],
        executable: ['/lean'],
        command: '/opt/lean4export',
        args: ['Challenge', '--', 'thm', 'propext'],
      },
    ],
    [
      'export, older form: the first word that is not a flag starts the command',
      [...exportFlags, 'lean4export', 'Challenge', '--', 'thm'],
      { form: 'legacy', command: 'lean4export', args: ['Challenge', '--', 'thm'] },
    ],
    [
      'external kernel: no env, two read-only files',
      [...P, '--ro', '/tmp/cfg.json', '--ro', '/tmp/export', '--', 'nanoda_bin', '/tmp/cfg.json'],
      { env: [], readOnly: ['/tmp/cfg.json', '/tmp/export'], command: 'nanoda_bin', args: ['/tmp/cfg.json'] },
    ],
    [
      'flags in any order, a command without arguments',
      [...P, '--rox', '/a', '--env', 'X', '--ro', '/b', '--', 'true'],
      { env: ['X'], readOnly: ['/b'], executable: ['/a'], command: 'true', args: [] },
    ],
  ])('%s', (_name, argv, want) => expect(parseLandrunArgs(argv)).toMatchObject(want));
});

describe('anything else is refused, naming the word', () => {
  const refused = (argv: string[]) => {
    try {
      parseLandrunArgs(argv);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      const msg = (err as Error).message;
      expect(msg).not.toContain('\n');
      return msg;
    }
    throw new Error(`accepted: ${argv.join(' ')}`);
  };
  test.each([
    ['no arguments', [], /argument 1: expected comparator's fixed prefix/],
    ['the prefix cut short', P.slice(0, 4), /argument 5: .*got the end/],
    [
      'the prefix changed (--rw / instead of /dev)',
      [...P.slice(0, 4), '/', ...P.slice(5), '--', 'true'],
      /argument 5/,
    ],
    ['the prefix in another order', [P[1]!, P[2]!, P[0]!, ...P.slice(3), '--', 'true'], /argument 1/],
    [
      'an unknown flag',
      [...P, '--log-level', 'debug', '--', 'true'],
      /^--log-level: is not a flag comparator passes/,
    ],
    [
      'a writable host path (--rw)',
      [...P, '--rw', '/home', '--', 'true'],
      /^--rw: nothing from the host is writable/,
    ],
    [
      'network flags',
      [...P, '--connect-tcp', '443', '--', 'true'],
      /^--connect-tcp: the step never has a network/,
    ],
    ['--best-effort a second time', [...P, '--best-effort', '--', 'true'], /appears only once/],
    ['a flag without its value at the end', [...P, '--ro'], /^--ro: needs a value/],
    ['a flag followed by a flag', [...P, '--ro', '--rox', '/a', '--', 'true'], /^--ro: needs a value/],
    ['a flag followed by --', [...P, '--env', '--', 'true'], /^--env: needs a value/],
    ['a relative path', [...P, '--ro', 'proj', '--', 'true'], /^--ro: 'proj' is not an absolute path/],
    ['the root again', [...P, '--rox', '/', '--', 'true'], /'\/' is never mounted/],
    [
      'a path with ..',
      [...P, '--ro', '/p/../etc', '--', 'true'],
      /not a normalised path \(write it as '\/etc'\)/,
    ],
    ['a path with //', [...P, '--ro', '/p//q', '--', 'true'], /not a normalised path/],
    ['a trailing slash', [...P, '--ro', '/p/', '--', 'true'], /not a normalised path/],
    ['a newline in a path', [...P, '--ro', '/p\nq', '--', 'true'], /has a control character/],
    ['the same path twice', [...P, '--ro', '/p', '--rox', '/p', '--', 'true'], /'\/p' is named twice/],
    ['a bad variable name', [...P, '--env', 'A=B', '--', 'true'], /^--env: 'A=B' is not a variable name/],
    ['no command after --', [...P, '--env', 'PATH', '--'], /^command: no command/],
    ['no command at all', [...P, '--env', 'PATH'], /^command: no command/],
    ['an empty command', [...P, '--', ''], /^command: no command/],
    [
      'a relative command path',
      [...P, '--', 'bin/lake', 'build'],
      /^command: 'bin\/lake' is not an absolute path/,
    ],
  ])('%s', (_name, argv, want) => expect(refused(argv)).toMatch(want));
});
