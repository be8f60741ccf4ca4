/**
 * The egress and gVisor tests' client image (test/fixtures/egress/Dockerfile.client), and `docker` for them: the CLI
 * of the engine under test (podman with SANDBOX_TEST_ENGINE=podman).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, ENGINE_CLI_PREFIX, ROOT, TEST_ENGINE, engineCli } from './engine.js';

export const FIX = path.join(ROOT, 'test/fixtures/egress');

export const docker = engineCli;

/**
 * The client image, tagged by what it is made of: engineers sharing one engine with different Dockerfiles
 * never replace each other's image in the middle of a run.
 */
export function buildClientImage(): string {
  const df = fs.readFileSync(path.join(FIX, 'Dockerfile.client'));
  const hash = crypto.createHash('sha256').update(df).update(BASE).digest('hex').slice(0, 12);
  const tag = `sandbox-action-test/netclient:${hash}`;
  execFileSync(
    TEST_ENGINE,
    [
      ...ENGINE_CLI_PREFIX,
      'build',
      '-q',
      '--build-arg',
      `BASE_IMAGE=${BASE}`,
      '-t',
      tag,
      '-f',
      path.join(FIX, 'Dockerfile.client'),
      FIX,
    ],
    { stdio: 'pipe', timeout: 600_000 },
  );
  return tag;
}
