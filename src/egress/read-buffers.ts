/**
 * Read buffers for the proxy's tunnels (the download direction, upstream → sandbox).
 *
 * A tunnel's upstream socket reads straight into a 1 MiB buffer lent from this pool, and the filled part is written
 * to the sandbox without a copy; the buffer comes back when that write has reached the kernel. Large reads mean
 * few system calls, and reusing buffers avoids what a fresh ~1 MiB allocation per read costs (page faults and heap
 * trimming in the kernel: about 1 s of system time per GiB here, more than the copy itself).
 *
 * Memory stays bounded: at most `maxLent` buffers are out at once (each tunnel holds one for its next read, plus
 * the ones whose writes are pending), and at most `maxIdle` wait in the pool. Past `maxLent`, tunnels read into one
 * shared buffer and each read is copied out at once, as before the pool existed.
 */
export class ReadBuffers {
  readonly shared: Buffer;
  /** Buffers free for a read or a copy. */
  private readonly idle: Buffer[] = [];
  private readonly lent = new Set<Buffer>();

  constructor(
    readonly size = 1024 * 1024,
    readonly maxLent = 64,
    readonly maxIdle = 16,
    /** Reads smaller than this are copied into a fresh buffer of their own size (cheap). */
    readonly smallRead = 64 * 1024,
  ) {
    this.shared = Buffer.allocUnsafe(size);
  }

  /** How many buffers are out (for tests and limits). */
  get out(): number {
    return this.lent.size;
  }

  /** A buffer for a socket's next read: lent from the pool, or the shared one when too many are out. */
  next(): Buffer {
    if (this.lent.size >= this.maxLent) return this.shared;
    const b = this.idle.pop() ?? Buffer.allocUnsafeSlow(this.size);
    this.lent.add(b);
    return b;
  }

  /** Return a lent buffer (once its write is done, or unused). Giving the shared one, or one twice, does nothing. */
  give(b: Uint8Array): void {
    if (!(b instanceof Buffer) || !this.lent.delete(b)) return;
    if (this.idle.length < this.maxIdle) this.idle.push(b);
  }

  /**
   * Take the bytes of one read out of `buf`: a lent buffer is handed over as is; the shared one is copied (it is
   * read into again at once). Call `done` when the chunk's write has completed (or failed).
   */
  take(buf: Uint8Array, n: number): { chunk: Buffer; done: () => void } {
    if (buf instanceof Buffer && this.lent.has(buf)) {
      return { chunk: buf.subarray(0, n), done: () => this.give(buf) };
    }
    if (n < this.smallRead) return { chunk: Buffer.from(buf.subarray(0, n)), done: () => undefined };
    const into = this.idle.pop() ?? Buffer.allocUnsafeSlow(this.size);
    into.set(buf.subarray(0, n));
    let back = false;
    return {
      chunk: into.subarray(0, n),
      done: () => {
        if (back) return;
        back = true;
        if (this.idle.length < this.maxIdle) this.idle.push(into);
      },
    };
  }
}
