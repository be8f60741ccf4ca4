/**
 * A TLS tunnel from the sandbox to a checked upstream address, for CONNECT and for transparent TLS. Nothing the
 * client sends reaches the upstream before the caller has checked its ClientHello (`forward`); a server that speaks
 * first is held (bounded) until then. Bytes are counted by the sockets themselves; the one decision line is written
 * when the tunnel ends.
 *
 * Downloads are the heavy direction: the upstream reads into 1 MiB buffers lent by the pool (fewer, larger reads
 * than the default 64 KiB, written on without a copy; see read-buffers.ts).
 */
import net from 'node:net';
import { readClientHello } from './client-hello.js';
import type { DecisionRecord, LiveExchange, ProxyCore, ProxyReason } from './core.js';

export const HELLO_TIMEOUT_MS = 10_000;
const EARLY_BYTES_MAX = 64 * 1024;

export type HelloRead =
  | { state: 'done'; sni: string | null; bytes: Buffer }
  | { state: 'not-tls'; why: string }
  | { state: 'timeout' }
  | { state: 'closed' };

/**
 * Read the client's TLS ClientHello (after `initial`, the bytes already received). The socket is paused once the
 * hello is whole, so nothing after it is lost before the tunnel pipes it on. `bytes` is everything received.
 */
export function readHello(
  socket: net.Socket,
  initial: Buffer,
  timeoutMs = HELLO_TIMEOUT_MS,
): Promise<HelloRead> {
  return new Promise((resolve) => {
    let hello = Buffer.from(initial);
    let settled = false;
    const settle = (r: HelloRead) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onClose);
      socket.off('close', onClose);
      socket.pause();
      resolve(r);
    };
    const check = () => {
      const r = readClientHello(hello);
      if (r.state === 'need-more') return;
      settle(r.state === 'done' ? { state: 'done', sni: r.sni, bytes: hello } : r);
    };
    const onData = (c: Buffer) => {
      hello = Buffer.concat([hello, c]);
      check();
    };
    const onClose = () => settle({ state: 'closed' });
    const timer = setTimeout(() => settle({ state: 'timeout' }), timeoutMs);
    socket.on('data', onData);
    // A client that ends its side before the hello is whole has closed the tunnel (half-open sockets included).
    socket.once('end', onClose);
    socket.once('close', onClose);
    socket.resume();
    if (hello.length) check();
    // A client that ended its side before this read began sends no more ('end' came already): closed now, not at
    // the timeout.
    if (socket.readableEnded || socket.destroyed) onClose();
  });
}

type LogFields = Partial<DecisionRecord> & Pick<DecisionRecord, 'decision' | 'reason'>;

export interface TunnelOptions {
  client: net.Socket;
  /** What the client sent already (a CONNECT's head, the transparent listener's hello). */
  initial: Buffer;
  host: string;
  address: string;
  port: number;
  /** Writes the exchange's one decision line (the caller's, guarded to write once). */
  log(fields: LogFields): void;
  /** Gives the exchange's slot back. */
  release(): void;
  /** The upstream's TCP connection is up: check the hello, then `forward` or `deny`. */
  onConnected(t: Tunnel): void;
  /** The upstream could not be reached (already logged). */
  onConnectError(): void;
}

export interface Tunnel {
  /** The hello passed: send it (and whatever followed it), then relay both ways. */
  forward(hello: Buffer): void;
  /** The hello failed a check: log the refusal and close both sides. */
  deny(reason: ProxyReason, detail: string): void;
}

export function openTunnel(core: ProxyCore, o: TunnelOptions): void {
  // A client that left while its name was admitted has closed already, or ended its side before its hello was whole
  // (neither 'close' nor 'end' comes again, and no more bytes follow an end): no upstream connection is opened, and
  // its slot is given back now, not after the hello's or the idle timeout. A client that sent its whole hello and
  // then ended its side is served as before (it may still read the answer); one that ended after bytes that are
  // not a hello reaches no upstream either.
  const noHello = o.client.readableEnded && readClientHello(o.initial).state !== 'done';
  if (o.client.destroyed || noHello) {
    o.release();
    o.client.destroy();
    const detail = 'the client left before the upstream was reached';
    o.log({
      host: o.host,
      address: o.address,
      decision: 'deny',
      reason: 'not-tls',
      detail,
      bytesUp: 0,
      bytesDown: 0,
    });
    return;
  }
  new TunnelExchange(core, o);
}

/**
 * One tunnel, in the order things happen: the upstream connects (`connected`), the caller checks the hello and
 * forwards or denies it, bytes flow (`read`), and the exchange ends once (`finish`, one decision line).
 */
class TunnelExchange implements LiveExchange {
  private readonly client: net.Socket;
  private readonly upstream: net.Socket;
  private readonly where: { host: string; address: string };
  private up = 0;
  private down = 0;
  private forwarding = false;
  /** What an upstream that speaks first sent before the hello was checked (bounded by EARLY_BYTES_MAX). */
  private readonly early: Buffer[] = [];
  private earlyBytes = 0;
  /** The buffer the next read goes into: returned to the pool when the socket closes unused. */
  private reserved: Buffer | null = null;
  private closed = false;
  private error: string | undefined;
  private helloChecked = false;
  private helloBytes = 0;
  private readBefore = 0;

  constructor(
    private readonly core: ProxyCore,
    private readonly o: TunnelOptions,
  ) {
    this.client = o.client;
    this.where = { host: o.host, address: o.address };
    const buffers = core.buffers;
    this.upstream = net.connect({
      host: o.address,
      port: o.port,
      onread: {
        buffer: () => (this.closed ? buffers.shared : (this.reserved = buffers.next())),
        callback: (n: number, buf: Uint8Array) => this.read(n, buf),
      },
    });
    this.upstream.once('close', () => {
      this.closed = true;
      if (this.reserved) buffers.give(this.reserved);
      this.reserved = null;
    });
    core.live(this);
    this.upstream.once('error', (err) => this.upstreamError(err));
    // A client gone while the upstream still connects ends the exchange too (its slot is given back).
    this.client.once('close', () => this.finish());
    this.upstream.once('connect', () => this.connected());
  }

  destroy(why: string): void {
    this.error ??= why;
    this.upstream.destroy();
    this.client.destroy();
  }

  bytes(): number {
    this.measure();
    return this.up + this.down;
  }

  /** One read from the upstream into a pooled buffer: forwarded, or held until the hello is checked. */
  private read(n: number, buf: Uint8Array): boolean {
    this.reserved = null; // this read's buffer is the chunk's now
    const { chunk, done } = this.core.buffers.take(buf, n);
    if (this.core.capped && this.core.capReached()) {
      done();
      this.destroy('byte-cap');
      return false;
    }
    if (this.forwarding) this.forwardChunk(chunk, done);
    else {
      if ((this.earlyBytes += n) > EARLY_BYTES_MAX) this.destroy('upstream spoke first');
      else this.early.push(Buffer.from(chunk));
      done();
    }
    return true;
  }

  private forwardChunk(chunk: Buffer, done?: () => void): void {
    if (!this.client.write(chunk, done)) {
      this.upstream.pause();
      this.client.once('drain', () => this.upstream.resume());
    }
  }

  private measure(): void {
    if (!this.helloChecked) return;
    this.up = this.helloBytes + this.client.bytesRead - this.readBefore;
    this.down = this.upstream.bytesRead;
  }

  private connected(): void {
    const { client, upstream } = this;
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    client.setTimeout(this.core.cfg.idleTimeoutMs, () => this.destroy('idle-timeout'));
    upstream.setTimeout(this.core.cfg.idleTimeoutMs, () => this.destroy('idle-timeout'));
    this.o.onConnected({
      forward: (hello) => this.forward(hello),
      deny: (reason, detail) => {
        this.o.log({ ...this.where, decision: 'deny', reason, detail });
        this.destroy(reason);
      },
    });
  }

  /** The hello is checked: from here bytes flow both ways, counted by the sockets themselves. */
  private forward(hello: Buffer): void {
    const { client, upstream } = this;
    this.helloChecked = true;
    this.helloBytes = hello.length;
    this.readBefore = client.bytesRead;
    upstream.write(hello);
    client.pipe(upstream);
    this.forwarding = true;
    for (const c of this.early.splice(0)) this.forwardChunk(c);
    upstream.once('close', () => client.destroySoon?.() ?? client.end());
    upstream.once('end', () => client.end());
  }

  private upstreamError(err: Error): void {
    if (!this.upstream.connecting) {
      this.error ??= `upstream: ${err.message}`;
      return;
    }
    this.core.end(this);
    this.o.release();
    this.error = `upstream: ${err.message}`;
    this.o.log({ ...this.where, decision: 'allow', reason: 'allowed', error: this.error });
    this.o.onConnectError();
  }

  private finish(): void {
    this.measure();
    this.core.end(this);
    this.o.release();
    this.upstream.destroy();
    this.client.destroy();
    const bytes = { bytesUp: this.up, bytesDown: this.down };
    if (!this.helloChecked) {
      const detail = 'the client closed the tunnel before a TLS ClientHello';
      this.o.log({ ...this.where, decision: 'deny', reason: 'not-tls', detail, ...bytes });
      return;
    }
    const error = this.error ? { error: this.error } : {};
    this.o.log({ ...this.where, decision: 'allow', reason: 'allowed', ...error, ...bytes });
  }
}
