/**
 * `shell ID`: an interactive shell in the session, on a TTY, its size passed on (now and on every resize). It is a
 * command like any other: behind the self-check, as the sandbox user. On a TTY the check's line comes first on the
 * terminal stream; it is taken off (never shown), judged on the trusted side, and the shell is stopped (125) when it
 * does not pass. The shell's exit code is the command's.
 */
import type { Duplex } from 'node:stream';
import { InputError, SandboxError } from '../config/errors.js';
import type { RunDeps } from '../sandbox/execute.js';
import { WORK_DIR } from '../sandbox/plan.js';
import { RunContext } from '../sandbox/run-context.js';
import { SELF_CHECK_MAX_LINE, judgeSelfCheck, parseSelfCheckLine } from '../sandbox/self-check.js';
import { checkConformance, trustedExec } from './command.js';
import { isRunning, touch } from './lifecycle.js';
import { proxyVariables } from './network.js';
import { execArgv } from './plan.js';
import type { SessionRecord } from './record.js';

export const SHELL = [
  '/bin/sh',
  '-c',
  'if command -v bash >/dev/null 2>&1; then exec bash -i; fi; exec sh -i',
];

export interface Terminal {
  input: NodeJS.ReadableStream & { setRawMode?(raw: boolean): unknown; isTTY?: boolean };
  output: NodeJS.WritableStream & {
    rows?: number;
    columns?: number;
    on(e: 'resize', f: () => void): unknown;
  };
  term: string | undefined;
}

export async function shellInSession(deps: RunDeps, r: SessionRecord, t: Terminal): Promise<number> {
  if ((await isRunning(deps.engine, r.container.id)) !== true) {
    throw new InputError('ID', `'${r.name ?? r.id}' is not running; start it first`);
  }
  const ctx = new RunContext(r.spec, deps);
  await checkConformance(ctx, r);
  const vars = await proxyVariables(deps.engine, r);
  await touch(deps, r);
  const size = () => ({ rows: t.output.rows ?? 24, cols: t.output.columns ?? 80 });
  const x = await deps.engine.execInteractive(
    r.container.id,
    {
      cmd: execArgv(SHELL, r.selfCheck),
      user: `${r.user.uid}:${r.user.gid}`,
      env: [...(vars ?? []), ...(t.term ? [`TERM=${t.term}`] : [])],
      workingDir: WORK_DIR,
    },
    size(),
  );
  const onResize = () => void x.resize(size().rows, size().cols).catch(() => undefined);
  t.output.on('resize', onResize);
  const raw = t.input.isTTY && t.input.setRawMode;
  let pid: string | null = null;
  try {
    if (raw) t.input.setRawMode!(true);
    await pump(
      x.stream,
      t,
      r.selfCheck
        ? (line) => {
            const facts = parseSelfCheckLine(line);
            pid = facts?.pid ?? null;
            return judgeSelfCheck(facts, r.selfCheck!, r.network.deadEndGateways);
          }
        : null,
      async (problems) => {
        if (pid)
          await trustedExec(ctx, r, `kill -9 -- -${pid} ${pid} 2>/dev/null; exit 0`).catch(() => undefined);
        throw new SandboxError(problems);
      },
    );
  } finally {
    if (raw) t.input.setRawMode!(false);
    t.output.off?.('resize', onResize);
    t.input.pause?.();
  }
  for (let i = 0; i < 100; i++) {
    const s = await deps.engine.execInspect(x.id);
    if (!s.running) {
      await touch(deps, r);
      return s.exitCode ?? 125;
    }
    await new Promise((res) => setTimeout(res, 20));
  }
  return 125;
}

/** Terminal in, stream out; the self-check's line (up to its CR LF) is held back and judged first. */
function pump(
  stream: Duplex,
  t: Terminal,
  judge: ((line: string) => string[]) | null,
  refuse: (problems: string[]) => Promise<never>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let head = Buffer.alloc(0);
    let checked = judge === null;
    let refused = false;
    const feed = (chunk: Buffer) => stream.write(chunk);
    const done = () => {
      t.input.off('data', feed);
      if (!refused) resolve();
    };
    if (checked) t.input.on('data', feed);
    stream.on('data', (chunk: Buffer) => {
      if (checked) {
        t.output.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const nl = head.indexOf(10);
      if (nl < 0 && head.length <= SELF_CHECK_MAX_LINE) return;
      const line = head
        .subarray(0, nl < 0 ? head.length : nl)
        .toString('utf8')
        .replace(/\r$/, '');
      const rest = nl < 0 ? Buffer.alloc(0) : head.subarray(nl + 1);
      const problems = judge!(line);
      if (problems.length) {
        refused = true;
        stream.destroy();
        refuse(problems).catch(reject);
        return;
      }
      checked = true;
      if (rest.length) t.output.write(rest);
      t.input.on('data', feed);
    });
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
