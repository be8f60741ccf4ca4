/**
 * The server name (SNI) of a TLS ClientHello, read from the first bytes a client sends in a CONNECT tunnel.
 *
 * Node has no API that reads a ClientHello without terminating TLS (the proxy must not terminate it), so this is
 * the one binary parser of the proxy: bounded, total over its input, and table-tested against ClientHellos made
 * by Node's own TLS client and by hand-broken variants. It reads the record layer (handshake records only,
 * possibly fragmented over several records), the ClientHello's fixed fields, and the extensions up to
 * server_name (type 0) with host_name entries (type 0, RFC 6066 §3).
 */
import { ProtocolError, errorMessage } from '../config/errors.js';

export type HelloResult =
  { state: 'need-more' } | { state: 'done'; sni: string | null } | { state: 'not-tls'; why: string };

/** A ClientHello larger than this is refused (real ones are under 2 KiB, post-quantum key shares included). */
export const MAX_HELLO_BYTES = 32 * 1024;

const HANDSHAKE = 22;
const CLIENT_HELLO = 1;

/** The payloads of the leading handshake records joined (the caller sees from the hello's length whether it is whole). */
function handshakeBytes(buf: Buffer): { payload: Buffer } | { bad: string } {
  const parts: Buffer[] = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < 5) return { payload: Buffer.concat(parts) };
    const type = buf[off]!;
    const major = buf[off + 1]!;
    const len = buf.readUInt16BE(off + 3);
    if (type !== HANDSHAKE) {
      // The hello may be followed by other records only once it is complete; before that, not TLS.
      return parts.length ? { payload: Buffer.concat(parts) } : { bad: 'not a TLS handshake' };
    }
    if (major !== 3) return { bad: 'not TLS (record version)' };
    if (len === 0 || len > 16_384 + 2048) return { bad: 'TLS record length out of range' };
    if (buf.length - off - 5 < len) {
      parts.push(buf.subarray(off + 5));
      return { payload: Buffer.concat(parts) };
    }
    parts.push(buf.subarray(off + 5, off + 5 + len));
    off += 5 + len;
  }
  return { payload: Buffer.concat(parts) };
}

/** Reads the SNI from the bytes received so far. */
export function readClientHello(buf: Buffer): HelloResult {
  if (buf.length === 0) return { state: 'need-more' };
  if (buf[0] !== HANDSHAKE) return { state: 'not-tls', why: 'the first byte is not a TLS handshake record' };
  if (buf.length > MAX_HELLO_BYTES) return { state: 'not-tls', why: 'the ClientHello is too large' };
  const hs = handshakeBytes(buf);
  if ('bad' in hs) return { state: 'not-tls', why: hs.bad };
  const p = hs.payload;
  if (p.length < 4) return { state: 'need-more' };
  if (p[0] !== CLIENT_HELLO)
    return { state: 'not-tls', why: 'the first handshake message is not a ClientHello' };
  const bodyLen = p.readUIntBE(1, 3);
  if (bodyLen > MAX_HELLO_BYTES) return { state: 'not-tls', why: 'the ClientHello is too large' };
  if (p.length < 4 + bodyLen) return { state: 'need-more' };
  const body = p.subarray(4, 4 + bodyLen);
  try {
    return { state: 'done', sni: sniFromBody(body) };
  } catch (err) {
    return { state: 'not-tls', why: errorMessage(err) };
  }
}

class Reader {
  off = 0;
  constructor(private readonly b: Buffer) {}
  need(n: number) {
    if (this.off + n > this.b.length) throw new ProtocolError('the ClientHello is truncated');
  }
  u8() {
    this.need(1);
    return this.b[this.off++]!;
  }
  u16() {
    this.need(2);
    const v = this.b.readUInt16BE(this.off);
    this.off += 2;
    return v;
  }
  bytes(n: number) {
    this.need(n);
    const v = this.b.subarray(this.off, this.off + n);
    this.off += n;
    return v;
  }
  get left() {
    return this.b.length - this.off;
  }
}

function sniFromBody(body: Buffer): string | null {
  const r = new Reader(body);
  r.bytes(2); // legacy_version
  r.bytes(32); // random
  r.bytes(r.u8()); // session id
  const suites = r.u16();
  if (suites % 2 !== 0) throw new ProtocolError('the ClientHello has an odd cipher suite length');
  r.bytes(suites);
  r.bytes(r.u8()); // compression methods
  if (r.left === 0) return null; // no extensions
  const extLen = r.u16();
  const ext = new Reader(r.bytes(extLen));
  let sni: string | null = null;
  let seen = false;
  while (ext.left > 0) {
    const type = ext.u16();
    const data = ext.bytes(ext.u16());
    if (type !== 0) continue;
    if (seen) throw new ProtocolError('the ClientHello has two server_name extensions');
    seen = true;
    const list = new Reader(data);
    const names = new Reader(list.bytes(list.u16()));
    const found: string[] = [];
    while (names.left > 0) {
      const kind = names.u8();
      const name = names.bytes(names.u16());
      if (kind === 0) found.push(name.toString('latin1'));
    }
    // RFC 6066: at most one name of each type. Two host names are refused rather than guessed between.
    if (found.length > 1) throw new ProtocolError('the ClientHello names more than one server');
    const name = found[0];
    if (name !== undefined) {
      if (!/^[\x21-\x7e]{1,255}$/.test(name))
        throw new ProtocolError('the server name is not printable ASCII');
      sni = name;
    }
  }
  return sni;
}
