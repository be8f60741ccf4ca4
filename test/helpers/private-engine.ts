/**
 * A Docker daemon of the test's own (its own data root, socket, containerd namespace and network namespace),
 * for faults that must not touch the shared engine: stopping and restarting the engine under a run. It is the real
 * dockerd of this machine, in its own network namespace; the base image is loaded into it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, tmpDir } from './engine.js';

export interface PrivateEngine {
  host: string;
  dir: string;
  /** Stop the daemon (SIGTERM, as systemd does) and wait for it to exit. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function privateEngine(): Promise<PrivateEngine> {
  const dir = tmpDir('dockerd');
  const sock = path.join(dir, 'docker.sock');
  const host = `unix://${sock}`;
  const ns = `sa-test-${path.basename(dir).slice(-6).toLowerCase()}`;
  let child: ChildProcess | null = null;
  const log = fs.openSync(path.join(dir, 'dockerd.log'), 'a');
  const answers = () => {
    try {
      execFileSync('docker', ['-H', host, 'version'], { stdio: 'ignore', timeout: 5000 });
      return true;
    } catch {
      return false;
    }
  };
  const start = async () => {
    // In a network namespace of its own: a dockerd changes host-wide links (with --bridge=none it deletes docker0,
    // the shared engine's bridge); unshared, its bridge and rules are its own. The mounts (loop volumes) are shared.
    child = spawn(
      'unshare',
      [
        '--net',
        'dockerd',
        '--data-root',
        path.join(dir, 'root'),
        '--exec-root',
        path.join(dir, 'exec'),
        '--pidfile',
        path.join(dir, 'docker.pid'),
        '-H',
        host,
        '--iptables=false',
        '--containerd-namespace',
        ns,
        '--containerd-plugins-namespace',
        `${ns}-plugins`,
        ...(fs.existsSync('/etc/docker/daemon.json') ? ['--config-file', '/etc/docker/daemon.json'] : []),
      ],
      { cwd: '/', stdio: ['ignore', log, log] },
    );
    for (let i = 0; i < 120 && !answers(); i++) await sleep(250);
    if (!answers())
      throw new Error(
        `the private dockerd did not start: ${fs.readFileSync(path.join(dir, 'dockerd.log'), 'utf8').slice(-2000)}`,
      );
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000)]);
    if (c.exitCode === null) c.kill('SIGKILL');
  };
  await start();
  execFileSync('sh', ['-c', `docker save ${BASE} | docker -H ${host} load -q`], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return {
    host,
    dir,
    stop,
    start,
    async close() {
      try {
        execFileSync('sh', ['-c', `docker -H ${host} rm -f $(docker -H ${host} ps -aq) 2>/dev/null; true`], {
          timeout: 30_000,
        });
      } finally {
        await stop();
        fs.closeSync(log);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
