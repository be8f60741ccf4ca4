/** The action door: inputs from the environment, the run, outputs and the step's verdict. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { InputError, errorMessage } from '../config/errors.js';
import { parseRunOptions } from '../config/run-options.js';
import { executeRun } from '../sandbox/execute.js';
import { abortOnSignals, connect, processContext, randomId, volumeHostFor } from '../cli/door.js';
import { renderSummary } from '../report/summary.js';
import { suggestionLines, summaryLine } from '../sandbox/summary.js';
import { readActionInputs } from './inputs.js';
import { runBuildAction } from './build.js';
import { runReportAction } from './report.js';

export async function runAction(): Promise<number> {
  // One bundle serves the action and its sub-actions; each composite step says which job it runs.
  const job = process.env.SANDBOX_ACTION_JOB ?? 'run';
  if (job === 'report') return runReportAction(process.env);
  if (job === 'build') return runBuildAction(process.env);
  if (job !== 'run') {
    core.setFailed(`SANDBOX_ACTION_JOB '${job}' is not run, report or build`);
    return 2;
  }
  const ctx = processContext();
  let inputs;
  let spec;
  try {
    inputs = readActionInputs(ctx.env);
    // Outputs are always collected on the runner: by default into a fresh folder of its temp directory, unique
    // per use of the action (two uses in one job must not meet in one folder).
    inputs.options['output-dir'] ??= path.join(
      ctx.env.RUNNER_TEMP || os.tmpdir(),
      `sandbox-output-${randomId()}`,
    );
    spec = parseRunOptions(inputs.options, inputs.command, {
      cpus: ctx.cpus,
      cwd: ctx.cwd,
      sharedWithEngine: ctx.env.ACT !== 'true',
    });
    if (ctx.env.ACT === 'true')
      core.info('sandbox-action: running under act: volumes are engine-side tmpfs, the source is copied');
  } catch (err) {
    // Bad input: one line naming the input, before any container starts.
    core.setFailed(err instanceof InputError ? `input ${err.message}` : errorMessage(err));
    return 2;
  }
  const sig = abortOnSignals();
  try {
    const engine = await connect(ctx);
    const result = await executeRun(spec, {
      engine,
      volumeHost: volumeHostFor(ctx),
      log: { stdout: process.stdout, stderr: process.stderr },
      notice: (l) => core.info(`sandbox-action: ${l}`),
      fenceWorkflowCommands: ctx.env.GITHUB_ACTIONS === 'true',
      signal: sig.signal,
      now: () => new Date(),
      random: randomId,
    });
    const dir = ctx.env.RUNNER_TEMP || ctx.cwd;
    const resultPath = path.join(dir, `sandbox-result-${result.runId}.json`);
    fs.writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);
    core.setOutput('status', result.status);
    core.setOutput('exit-code', String(result.exitCode));
    core.setOutput('duration-ms', String(result.durationMs));
    core.setOutput('outputs-dir', result.outputs.dir ?? '');
    core.setOutput('result-json', resultPath);
    for (const n of result.notes) core.warning(n);
    core.info(summaryLine(result));
    for (const l of suggestionLines(result)) core.info(l);
    if (ctx.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderSummary(result)).write();
    if (result.status !== 'succeeded' && inputs.failOnError) {
      core.setFailed(`the sandboxed command ${result.status} (exit ${result.exitCode})`);
    }
    return result.status === 'succeeded' || !inputs.failOnError ? 0 : 1;
  } catch (err) {
    core.setFailed(`sandbox-action: ${errorMessage(err)}`);
    return 1;
  } finally {
    sig.dispose();
  }
}
