/** The streams layer of the Docker API engine: attach, exec (captured, streamed, interactive), top, archives. */
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { EngineError } from '../config/errors.js';
import { Demuxer, demuxed } from './demux.js';
import { DockerContainers } from './docker-containers.js';
import { readAll } from './http.js';
import { archiveUnderBase } from './podman.js';
import type {
  AttachedStreams,
  ExecResult,
  ExecSpec,
  ExecState,
  ExecStream,
  InteractiveExec,
  PathStat,
  ProcessTable,
} from './types.js';

export class DockerStreams extends DockerContainers {
  async attach(
    id: string,
    sink: (stream: 'stdout' | 'stderr', chunk: Buffer) => void,
  ): Promise<AttachedStreams> {
    const res = await this.api.raw(
      'POST',
      `/containers/${id}/attach`,
      { query: { stream: 1, stdout: 1, stderr: 1, logs: 0 } },
      'attach',
    );
    if (res.statusCode !== 200) throw this.api.statusError('attach', res.statusCode, await readAll(res.body));
    return { done: demuxed(res.body, sink), close: () => res.body.destroy() };
  }

  async exec(id: string, cmd: string[], opts: { user?: string } = {}): Promise<ExecResult> {
    const created = await this.api.json<{ Id: string }>(
      'POST',
      `/containers/${id}/exec`,
      { body: { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false, User: opts.user ?? '' } },
      'exec',
    );
    const res = await this.api.raw(
      'POST',
      `/exec/${created.Id}/start`,
      { body: { Detach: false, Tty: false } },
      'exec',
    );
    if (res.statusCode !== 200) throw this.api.statusError('exec', res.statusCode, await readAll(res.body));
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const demux = new Demuxer((s, b) => (s === 'stdout' ? out : err).push(Buffer.from(b)));
    for await (const chunk of res.body) demux.push(chunk as Buffer);
    const inspect = await this.api.json<{ ExitCode: number }>('GET', `/exec/${created.Id}/json`, {}, 'exec');
    return {
      exitCode: inspect.ExitCode,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    };
  }

  private async execCreate(id: string, spec: ExecSpec, tty: boolean): Promise<string> {
    const created = await this.api.json<{ Id: string }>(
      'POST',
      `/containers/${id}/exec`,
      {
        body: {
          Cmd: spec.cmd,
          User: spec.user,
          Env: spec.env ?? [],
          ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
          AttachStdin: tty,
          AttachStdout: true,
          AttachStderr: true,
          Tty: tty,
          Privileged: false,
        },
      },
      'exec',
    );
    return created.Id;
  }

  async execStream(
    id: string,
    spec: ExecSpec,
    sink: (stream: 'stdout' | 'stderr', chunk: Buffer) => void,
  ): Promise<ExecStream> {
    const execId = await this.execCreate(id, spec, false);
    const res = await this.api.raw(
      'POST',
      `/exec/${execId}/start`,
      { body: { Detach: false, Tty: false } },
      'exec',
    );
    if (res.statusCode !== 200) throw this.api.statusError('exec', res.statusCode, await readAll(res.body));
    return { id: execId, done: demuxed(res.body, sink), close: () => res.body.destroy() };
  }

  async execInspect(execId: string): Promise<ExecState> {
    const j = await this.api.json<{ Running: boolean; ExitCode: number | null }>(
      'GET',
      `/exec/${execId}/json`,
      {},
      'inspect exec',
    );
    return { running: j.Running, exitCode: j.Running ? null : j.ExitCode };
  }

  async execInteractive(
    id: string,
    spec: ExecSpec,
    size: { rows: number; cols: number },
  ): Promise<InteractiveExec> {
    const execId = await this.execCreate(id, spec, true);
    const stream = await this.api.upgrade(
      'POST',
      `/exec/${execId}/start`,
      { Detach: false, Tty: true },
      'exec',
    );
    const resize = async (rows: number, cols: number) => {
      // The engine refuses a resize of an exec that has ended: nothing to resize then.
      await this.api.call(
        'POST',
        `/exec/${execId}/resize`,
        { query: { h: rows, w: cols } },
        'resize exec',
        [404, 409, 500],
      );
    };
    await resize(size.rows, size.cols);
    return { id: execId, stream, resize };
  }

  async top(id: string, psArgs?: string): Promise<ProcessTable> {
    const j = await this.api.json<{ Titles: string[] | null; Processes: string[][] | null }>(
      'GET',
      `/containers/${id}/top`,
      { query: psArgs ? { ps_args: psArgs } : {} },
      'list processes',
    );
    return { titles: j.Titles ?? [], processes: j.Processes ?? [] };
  }

  async putArchive(id: string, path: string, tar: Readable): Promise<void> {
    await this.api.call(
      'PUT',
      `/containers/${id}/archive`,
      {
        query: { path, noOverwriteDirNonDir: 1 },
        bodyStream: tar,
        headers: { 'content-type': 'application/x-tar' },
      },
      `copy into ${path}`,
    );
  }

  async getArchive(id: string, path: string): Promise<Readable> {
    const res = await this.api.raw(
      'GET',
      `/containers/${id}/archive`,
      { query: { path } },
      `copy out of ${path}`,
    );
    if (res.statusCode !== 200)
      throw this.api.statusError(`copy out of ${path}`, res.statusCode, await readAll(res.body));
    return this.info.name === 'podman' ? archiveUnderBase(res.body, posix.basename(path)) : res.body;
  }

  async statPath(id: string, path: string): Promise<PathStat | null> {
    const res = await this.api.raw('HEAD', `/containers/${id}/archive`, { query: { path } }, `stat ${path}`);
    const body = await readAll(res.body);
    if (res.statusCode === 404) return null;
    if (res.statusCode !== 200) throw this.api.statusError(`stat ${path}`, res.statusCode, body);
    const header = res.headers['x-docker-container-path-stat'];
    if (typeof header !== 'string')
      throw new EngineError(this.info.name, `stat ${path}`, 'the engine sent no path stat');
    const j = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Partial<PathStat>;
    return {
      name: String(j.name ?? ''),
      size: Number(j.size ?? 0),
      mode: Number(j.mode ?? 0),
      linkTarget: String(j.linkTarget ?? ''),
    };
  }
}
