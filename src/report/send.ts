/** Send a planned check run with @octokit/rest (create, then one update per further batch of annotations). */
import { Octokit } from '@octokit/rest';
import type { CheckPlan, CheckTarget } from './checks.js';

export async function sendCheck(
  plan: CheckPlan,
  target: CheckTarget,
  auth: { token: string; baseUrl: string },
): Promise<{ id: number; requests: number }> {
  // Octokit's own request log is off: a refusal is reported once, by the caller, in one line.
  const quiet = () => undefined;
  const octokit = new Octokit({
    auth: auth.token,
    baseUrl: auth.baseUrl,
    request: { retries: 0 },
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  const created = await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    ...plan.create,
  });
  const id = created.data.id;
  for (const u of plan.updates) {
    await octokit.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: id, ...u });
  }
  return { id, requests: 1 + plan.updates.length };
}
