/**
 * Docker's multiplexed stream (no TTY): frames of an 8-byte header [stream, 0, 0, 0, size(4, BE)] and a payload.
 * Stream 1 is stdout, 2 stderr. Frames may be split across chunks; this keeps the remainder.
 */
export type StreamName = 'stdout' | 'stderr';

export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);
  constructor(private readonly sink: (stream: StreamName, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 8) {
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      const kind = buf[0];
      const payload = buf.subarray(8, 8 + size);
      if (size > 0) this.sink(kind === 2 ? 'stderr' : 'stdout', payload);
      buf = buf.subarray(8 + size);
    }
    this.pending = Buffer.from(buf);
  }
}

/** Feed a multiplexed answer's body to `sink`; resolves when the body has ended, closed or failed. */
export function demuxed(body: NodeJS.ReadableStream, sink: (stream: StreamName, payload: Buffer) => void) {
  const demux = new Demuxer(sink);
  return new Promise<void>((resolve) => {
    body.on('data', (c: Buffer) => demux.push(c));
    body.on('end', resolve);
    body.on('close', resolve);
    body.on('error', () => resolve());
  });
}
