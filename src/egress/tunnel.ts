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
import type { DecisionRecord, ProxyCore, ProxyReason } from './core.js';

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
  });
}

type LogFields = Partial<DecisionRecord> & Pick<DecisionRecord, 'decision' | 'reason'>;

export interface TunnelOptions {
  client: net.Socket;
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
  const { client, buffers } = { client: o.client, buffers: core.buffers };
  let up = 0;
  let down = 0;
  let forwarding = false;
  const early: Buffer[] = [];
  let earlyBytes = 0;
  const forwardChunk = (chunk: Buffer, done?: () => void) => {
    if (!client.write(chunk, done)) {
      upstream.pause();
      client.once('drain', () => upstream.resume());
    }
  };
  // The buffer the next read goes into: returned to the pool when the socket closes unused.
  let reserved: Buffer | null = null;
  let closed = false;
  const upstream = net.connect({
    host: o.address,
    port: o.port,
    onread: {
      buffer: () => (closed ? buffers.shared : (reserved = buffers.next())),
      callback: (n: number, buf: Uint8Array) => {
        reserved = null; // this read's buffer is the chunk's now
        const { chunk, done } = buffers.take(buf, n);
        if (core.capped && core.capReached()) {
          done();
          entry.destroy('byte-cap');
          return false;
        }
        if (forwarding) forwardChunk(chunk, done);
        else {
          if ((earlyBytes += n) > EARLY_BYTES_MAX) entry.destroy('upstream spoke first');
          else early.push(Buffer.from(chunk));
          done();
        }
        return true;
      },
    },
  });
  upstream.once('close', () => {
    closed = true;
    if (reserved) buffers.give(reserved);
    reserved = null;
  });
  let error: string | undefined;
  let helloChecked = false;
  let helloBytes = 0;
  let readBefore = 0;
  const measure = () => {
    if (!helloChecked) return;
    up = helloBytes + client.bytesRead - readBefore;
    down = upstream.bytesRead;
  };
  const entry = {
    destroy(why: string) {
      error ??= why;
      upstream.destroy();
      client.destroy();
    },
    bytes() {
      measure();
      return up + down;
    },
  };
  core.live(entry);
  const where = { host: o.host, address: o.address };
  const finish = () => {
    measure();
    core.end(entry);
    o.release();
    upstream.destroy();
    client.destroy();
    if (!helloChecked) {
      const detail = 'the client closed the tunnel before a TLS ClientHello';
      o.log({ ...where, decision: 'deny', reason: 'not-tls', detail, bytesUp: up, bytesDown: down });
      return;
    }
    o.log({
      ...where,
      decision: 'allow',
      reason: 'allowed',
      ...(error ? { error } : {}),
      bytesUp: up,
      bytesDown: down,
    });
  };
  upstream.once('error', (err) => {
    if (!upstream.connecting) {
      error ??= `upstream: ${err.message}`;
      return;
    }
    core.end(entry);
    o.release();
    error = `upstream: ${err.message}`;
    o.log({ ...where, decision: 'allow', reason: 'allowed', error });
    o.onConnectError();
  });
  // A client gone while the upstream still connects ends the exchange too (its slot is given back).
  client.once('close', finish);
  upstream.once('connect', () => {
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    client.setTimeout(core.cfg.idleTimeoutMs, () => entry.destroy('idle-timeout'));
    upstream.setTimeout(core.cfg.idleTimeoutMs, () => entry.destroy('idle-timeout'));
    o.onConnected({
      forward(hello) {
        // The hello is checked: from here bytes flow both ways, counted by the sockets themselves.
        helloChecked = true;
        helloBytes = hello.length;
        readBefore = client.bytesRead;
        upstream.write(hello);
        client.pipe(upstream);
        forwarding = true;
        for (const c of early.splice(0)) forwardChunk(c);
        upstream.once('close', () => client.destroySoon?.() ?? client.end());
        upstream.once('end', () => client.end());
      },
      deny(reason, detail) {
        o.log({ ...where, decision: 'deny', reason, detail });
        entry.destroy(reason);
      },
    });
  });
}
