/**
 * The build's log, streamed live. On GitHub the stream is fenced between `::stop-commands::TOKEN` and `::TOKEN::`
 * with a fresh random token, so nothing the build prints is read as a workflow command. Bytes past the cap are
 * counted and dropped (the container is not slowed), with one clear line saying so.
 */
import { randomBytes } from 'node:crypto';

export interface LogWriter {
  write(chunk: Buffer | string): void;
}

export class LogStream {
  private shown = 0;
  private dropped = 0;
  private token: string | null = null;
  private ended = false;
  truncated = false;

  constructor(
    private readonly out: { stdout: LogWriter; stderr: LogWriter },
    private readonly limitBytes: number,
    private readonly fenceWorkflowCommands: boolean,
  ) {}

  begin(): void {
    if (!this.fenceWorkflowCommands) return;
    this.token = randomBytes(16).toString('hex');
    this.out.stdout.write(`::stop-commands::${this.token}\n`);
  }

  write(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    // Nothing is written after the fence has closed: a late chunk would be read as workflow commands.
    if (this.ended) return;
    const room = this.limitBytes - this.shown;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.shown += part.length;
    // On GitHub both streams go to stdout, so the fence covers them (the runner reads commands from both).
    (stream === 'stderr' && !this.fenceWorkflowCommands ? this.out.stderr : this.out.stdout).write(part);
    if (part.length < chunk.length) {
      this.truncated = true;
      this.dropped += chunk.length - part.length;
      this.out.stderr.write(
        `\n[sandbox-action] log cut at ${this.limitBytes} bytes (--log-limit); the build goes on\n`,
      );
    }
  }

  end(): { shownBytes: number; droppedBytes: number } {
    if (this.ended) return { shownBytes: this.shown, droppedBytes: this.dropped };
    this.ended = true;
    if (this.token) {
      this.out.stdout.write(`\n::${this.token}::\n`);
      this.token = null;
    }
    if (this.dropped > 0)
      this.out.stderr.write(`[sandbox-action] ${this.dropped} log bytes were not shown\n`);
    return { shownBytes: this.shown, droppedBytes: this.dropped };
  }
}
