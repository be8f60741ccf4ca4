/**
 * Where the container's output goes, chunk by chunk, from the engine's attach stream: the self-check's first line is
 * taken off stdout (it is evidence, not log), the rest goes to the fenced, capped log, to a capped host copy
 * (--log-file) and to a capped capture for the annotation parsers. The sink never throws into the engine's stream:
 * a failure (ENOSPC writing the copy, say) is raised on the run, which stops at its next wait.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError, errorMessage } from '../config/errors.js';
import type { LogStream } from './logs.js';
import { SELF_CHECK_MAX_LINE } from './self-check.js';

/** The build's log as it came, into a new host file, up to a cap (then one line saying it was cut). */
export class LogCopy {
  private fd: number;
  private size = 0;
  private cut = false;
  constructor(
    file: string,
    private readonly cap: number,
  ) {
    const c = fs.constants;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      this.fd = fs.openSync(file, c.O_WRONLY | c.O_CREAT | c.O_TRUNC | c.O_NOFOLLOW, 0o644);
    } catch (err) {
      throw new InputError('--log-file', `'${file}' cannot be written: ${errorMessage(err)}`);
    }
  }
  write(chunk: Buffer) {
    if (this.cut) return;
    const part = chunk.subarray(0, this.cap - this.size);
    fs.writeSync(this.fd, part);
    this.size += part.length;
    if (part.length < chunk.length) {
      this.cut = true;
      fs.writeSync(this.fd, `\n[sandbox-action: the log was cut at ${this.cap} bytes]\n`);
    }
  }
  close() {
    fs.closeSync(this.fd);
  }
}

/** Keeps the first `limit` bytes of the log. */
export class Capture {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer) {
    if (this.size >= this.limit) return;
    const part = chunk.subarray(0, this.limit - this.size);
    this.chunks.push(Buffer.from(part));
    this.size += part.length;
  }
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export class LogPipe {
  /** stdout bytes held until the self-check's line is complete (null once it was taken, or without a check). */
  private head: Buffer | null;
  private closed = false;

  constructor(
    private readonly logs: LogStream,
    private readonly o: {
      capture: Capture | null;
      copy: LogCopy | null;
      /** Called once with the self-check's line (null when the first line was not one, or never came). */
      onSelfCheck: ((line: string | null) => void) | null;
      raise(err: unknown): void;
    },
  ) {
    this.head = o.onSelfCheck ? Buffer.alloc(0) : null;
  }

  /** The engine's attach callback. */
  readonly sink = (stream: 'stdout' | 'stderr', chunk: Buffer): void => {
    if (this.closed) return;
    try {
      if (stream === 'stdout' && this.head !== null) {
        const held = Buffer.concat([this.head, chunk]);
        const nl = held.indexOf(10);
        if (nl < 0 && held.length <= SELF_CHECK_MAX_LINE) {
          this.head = held;
          return;
        }
        this.head = null;
        if (nl < 0) {
          this.o.onSelfCheck?.(null);
          this.pass(stream, held);
          return;
        }
        this.o.onSelfCheck?.(held.subarray(0, nl).toString('utf8'));
        if (held.length > nl + 1) this.pass(stream, held.subarray(nl + 1));
        return;
      }
      this.pass(stream, chunk);
    } catch (err) {
      this.closed = true;
      this.o.raise(err);
    }
  };

  private pass(stream: 'stdout' | 'stderr', chunk: Buffer) {
    this.logs.write(stream, chunk);
    this.o.capture?.push(chunk);
    this.o.copy?.write(chunk);
  }

  /** After the attach stream ended: a self-check that never printed a whole line is reported as absent. */
  end(): void {
    if (this.head !== null) {
      const held = this.head;
      this.head = null;
      this.o.onSelfCheck?.(null);
      try {
        if (held.length && !this.closed) this.pass('stdout', held);
      } catch (err) {
        this.o.raise(err);
      }
    }
    this.closed = true;
  }
}
