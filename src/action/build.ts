/**
 * The `build/` sub-action: its inputs become the arguments of `sandbox-action build`; the registry password comes
 * from an input into the environment and reaches the builder as stdin would, never as an argument.
 */
import { BOOLEAN_TEXT } from '../config/raw-options.js';
import * as core from '@actions/core';
import { executeBuild, parseBuild } from '../cli/build.js';
import { connect, processContext } from '../cli/door.js';
import { InputError, errorMessage, exitCodeFor, inputExitCode } from '../config/errors.js';
import { envName } from './inputs.js';

export const BUILD_INPUTS = [
  'images',
  'platforms',
  'push',
  'registry',
  'tags',
  'base-image',
  'build-args',
  'username',
  'password',
  'builder',
  'pr-sha',
  'root',
] as const;

/** Pure: the environment in, the CLI arguments and the password out. */
export function buildArgs(env: Record<string, string | undefined>): { argv: string[]; password: string } {
  const get = (n: (typeof BUILD_INPUTS)[number]) => (env[envName(n)] ?? '').trim();
  const lines = (n: (typeof BUILD_INPUTS)[number]) =>
    get(n)
      .split(/\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const argv: string[] = [];
  for (const n of ['images', 'platforms', 'registry', 'builder', 'pr-sha', 'root'] as const)
    if (get(n)) argv.push(`--${n}`, get(n));
  for (const t of lines('tags')) argv.push('--tag', t);
  for (const b of lines('base-image')) argv.push('--base-image', b);
  for (const b of lines('build-args')) argv.push('--build-arg', b);
  const push = get('push') || 'false';
  if (!BOOLEAN_TEXT.test(push)) throw new InputError('push', `'${push}' is not true or false`);
  if (push.toLowerCase() === 'true') argv.push('--push');
  const password = env[envName('password')] ?? '';
  if (get('username')) argv.push('--username', get('username'));
  if (password) argv.push('--password-stdin');
  return { argv, password };
}

export async function runBuildAction(env: Record<string, string | undefined>): Promise<number> {
  let req;
  try {
    const { argv, password } = buildArgs(env);
    if (password) core.setSecret(password);
    req = parseBuild(argv, env, () => password);
  } catch (err) {
    core.setFailed(`input ${errorMessage(err)}`);
    return inputExitCode('plain');
  }
  try {
    const run = await executeBuild(
      req,
      () => connect(processContext()),
      (l) => core.info(l),
      env,
    );
    core.setOutput('references', run.images.flatMap((i) => i.references).join('\n'));
    core.setOutput('result-json', JSON.stringify(run));
    if (env.GITHUB_STEP_SUMMARY)
      await core.summary
        .addHeading('sandbox-action: images', 3)
        .addTable([
          [
            { data: 'image', header: true },
            { data: 'platforms', header: true },
            { data: 'tags', header: true },
            { data: 'digest', header: true },
          ],
          ...run.images.map((i) => [
            i.image,
            i.platforms.map((p) => p.platform).join(', '),
            i.references.map((r) => r.split(':').pop()!).join(', '),
            i.digest ?? (i.pushed ? '' : 'not pushed'),
          ]),
        ])
        .write();
    return 0;
  } catch (err) {
    core.setFailed(errorMessage(err));
    return exitCodeFor('plain', err);
  }
}
