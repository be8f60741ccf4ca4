/** The action door: inputs from the environment, the run, outputs and the step's verdict. */
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { FAILED_EXIT, InputError, errorMessage, inputExitCode } from '../config/errors.js';
import { parseRunOptions, type RunSpec } from '../config/run-options.js';
import { runSandboxed } from '../session/warm.js';
import {
  abortOnSignals,
  connect,
  failedBeforeRun,
  makeRunDeps,
  processContext,
  type ProcessContext,
  randomId,
  writeResultFile,
  writeResultOnCrash,
} from '../cli/door.js';
import { renderSummary } from '../report/summary.js';
import { suggestionLines, summaryLine } from '../sandbox/summary.js';
import type { RunResult } from '../verdict/schema.js';
import { readActionInputs, type ActionInputs } from './inputs.js';
import { runBuildAction } from './build.js';
import { runReportAction } from './report.js';
import { runStateKeyAction } from './state-key.js';
import { StageGroups } from './groups.js';

export async function runAction(): Promise<number> {
  // One bundle serves the action and its sub-actions; each composite step says which job it runs.
  const job = process.env.SANDBOX_ACTION_JOB ?? 'run';
  if (job === 'report') return runReportAction(process.env);
  if (job === 'build') return runBuildAction(process.env);
  if (job === 'state-key') return runStateKeyAction(process.env);
  if (job !== 'run') {
    core.setFailed(`SANDBOX_ACTION_JOB '${job}' is not run, report, build or state-key`);
    return inputExitCode('plain');
  }
  const ctx = processContext();
  const temp = ctx.env.RUNNER_TEMP || os.tmpdir();
  // The result file's path is an output before anything can fail: the next steps always know where to look.
  const given = (ctx.env['INPUT_RESULT-FILE'] ?? '').trim();
  const resultPath = given
    ? path.resolve(ctx.cwd, given)
    : path.join(temp, `sandbox-result-${randomId()}.json`);
  core.setOutput('result-json', resultPath);
  let parsed: { inputs: ActionInputs; spec: RunSpec };
  try {
    parsed = parseInputs(ctx, temp, resultPath);
  } catch (err) {
    // Bad input: one line naming the input, before any container starts; the result says so too.
    finish(failedBeforeRun(err, null), resultPath);
    core.setFailed(err instanceof InputError ? `input ${err.message}` : errorMessage(err));
    return inputExitCode('plain');
  }
  const { inputs, spec } = parsed;
  writeResultOnCrash(resultPath, spec.verdict.subject);
  const sig = abortOnSignals();
  try {
    const result = await runInGroup(ctx, spec, sig.signal);
    finish(result, resultPath);
    await tell(ctx, result);
    if (result.status !== 'succeeded' && inputs.failOnError) {
      core.setFailed(`the sandboxed command ${result.status} (exit ${result.exitCode})`);
      return FAILED_EXIT;
    }
    return 0;
  } finally {
    sig.dispose();
  }
}

/** The action's inputs, as the one RunSpec (validated once, here), with the runner's output folder and result file. */
function parseInputs(
  ctx: ProcessContext,
  temp: string,
  resultPath: string,
): { inputs: ActionInputs; spec: RunSpec } {
  const inputs = readActionInputs(ctx.env);
  // Outputs are always collected on the runner: by default into a fresh folder of its temp directory, unique
  // per use of the action (two uses in one job must not meet in one folder).
  inputs.options['output-dir'] ??= path.join(temp, `sandbox-output-${randomId()}`);
  inputs.options['result-file'] = resultPath;
  const spec = parseRunOptions(inputs.options, inputs.command, {
    cpus: ctx.cpus,
    cwd: ctx.cwd,
    sharedWithEngine: ctx.env.ACT !== 'true',
  });
  if (ctx.env.ACT === 'true')
    core.info('sandbox-action: running under act: volumes are engine-side tmpfs, the source is copied');
  return { inputs, spec };
}

/** The run, one log group per stage; a failure to connect or to run is a result with status `error`, never a throw. */
async function runInGroup(ctx: ProcessContext, spec: RunSpec, signal: AbortSignal): Promise<RunResult> {
  const groups = new StageGroups(core.startGroup, core.endGroup);
  try {
    const engine = await connect(ctx, spec.host.engine);
    return await runSandboxed(
      spec,
      makeRunDeps(ctx, engine, {
        log: { stdout: process.stdout, stderr: process.stderr },
        notice: (l) => core.info(`sandbox-action: ${l}`),
        signal,
        watchdog: spec.host.watchdog,
        // Set at once, so the cleanup step (if: always()) can remove this run even if this process is killed.
        onRunId: (id) => core.setOutput('run-id', id),
        onStage: (s) => groups.stage(s),
      }),
    );
  } catch (err) {
    return failedBeforeRun(err, spec);
  } finally {
    groups.close();
  }
}

/** The result in the step's log (error, notes as warnings, the summary line, suggestions) and the job summary. */
async function tell(ctx: ProcessContext, result: RunResult): Promise<void> {
  if (result.error) core.error(`sandbox-action: ${result.error}`);
  for (const n of result.notes) core.warning(n);
  core.info(summaryLine(result));
  for (const l of suggestionLines(result)) core.info(l);
  if (ctx.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderSummary(result)).write();
}

/** Outputs first, then the result file: both before anything else can fail. */
function finish(result: RunResult, resultPath: string) {
  core.setOutput('status', result.status);
  core.setOutput('exit-code', String(result.exitCode));
  core.setOutput('duration-ms', String(result.durationMs));
  core.setOutput('outputs-dir', result.outputs.dir ?? '');
  try {
    writeResultFile(resultPath, result);
  } catch (err) {
    core.error(`sandbox-action: the result file ${resultPath} could not be written: ${errorMessage(err)}`);
  }
}
