/**
 * The cache keys of /state (threat model 14). Only a push to the default branch or a tag is trusted; every other run
 * (a pull request by any event, pull_request_target, issue_comment, workflow_dispatch, a push to another branch) may
 * run code nobody reviewed, so its keys live in a scope of their own that trusted runs never restore:
 *   trusted:   sandbox-state-trusted-KEY-RUN
 *   otherwise: sandbox-state-untrusted-<pr-N | EVENT-REF>-KEY-RUN
 */
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { InputError, errorMessage, inputExitCode } from '../config/errors.js';
import { envName } from './inputs.js';

export const STATE_KEY_INPUTS = ['state-key', 'state-restore-keys'] as const;

export interface StateKeys {
  trusted: boolean;
  key: string;
  restore: string[];
}

interface EventFacts {
  defaultBranch: string | null;
  pr: number | null;
}

const clean = (s: string) => s.replace(/[^\w.-]+/g, '_').slice(0, 100);

/** Pure: the event's facts in, the keys out. */
export function stateKeys(
  o: { key: string; restore: string[]; eventName: string; ref: string; runId: string; attempt: string },
  ev: EventFacts,
): StateKeys {
  for (const [name, k] of [
    ['state-key', o.key],
    ...o.restore.map((r) => ['state-restore-keys', r]),
  ] as const) {
    if (!/^[^,\s]{1,256}$/.test(k))
      throw new InputError(name, `'${k}' is not a cache key (1 to 256 characters, no commas or spaces)`);
  }
  const trusted =
    o.eventName === 'push' &&
    ((ev.defaultBranch !== null && o.ref === `refs/heads/${ev.defaultBranch}`) ||
      o.ref.startsWith('refs/tags/'));
  const scope = trusted
    ? 'trusted-'
    : ev.pr !== null
      ? `untrusted-pr-${ev.pr}-`
      : `untrusted-${clean(o.eventName)}-${clean(o.ref.replace(/^refs\/(heads|tags)\//, ''))}-`;
  const prefix = `sandbox-state-${scope}`;
  return {
    trusted,
    key: `${prefix}${o.key}-${o.runId}-${o.attempt}`,
    restore: [`${prefix}${o.key}-`, ...o.restore.map((r) => `${prefix}${r}`)],
  };
}

export function eventFacts(file: string | undefined): EventFacts {
  if (!file) return { defaultBranch: null, pr: null };
  const e = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    repository?: { default_branch?: unknown };
    pull_request?: { number?: unknown };
    issue?: { number?: unknown; pull_request?: unknown };
    number?: unknown;
  };
  const n = e.pull_request?.number ?? (e.issue?.pull_request ? e.issue.number : undefined);
  return {
    defaultBranch: typeof e.repository?.default_branch === 'string' ? e.repository.default_branch : null,
    pr: typeof n === 'number' && Number.isInteger(n) ? n : null,
  };
}

export async function runStateKeyAction(env: Record<string, string | undefined>): Promise<number> {
  try {
    const get = (n: (typeof STATE_KEY_INPUTS)[number]) => (env[envName(n)] ?? '').trim();
    const k = stateKeys(
      {
        key: get('state-key'),
        restore: get('state-restore-keys')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
        eventName: env.GITHUB_EVENT_NAME ?? '',
        ref: env.GITHUB_REF ?? '',
        runId: env.GITHUB_RUN_ID ?? '0',
        attempt: env.GITHUB_RUN_ATTEMPT ?? '1',
      },
      eventFacts(env.GITHUB_EVENT_PATH),
    );
    core.setOutput('key', k.key);
    core.setOutput('restore', k.restore.join('\n'));
    core.setOutput('dir', path.join(env.RUNNER_TEMP ?? '/tmp', 'sandbox-state'));
    core.info(
      `sandbox-action: /state cache ${k.trusted ? 'trusted (a push to the default branch or a tag)' : 'scoped: this run is not on a trusted ref'}: ${k.key}`,
    );
    return 0;
  } catch (err) {
    core.setFailed(err instanceof InputError ? `input ${err.message}` : errorMessage(err));
    return inputExitCode('plain');
  }
}
