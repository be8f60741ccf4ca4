/**
 * Transparent mode's DNS responder, on the proxy's internal address (UDP and TCP 53). It is authoritative for
 * everything and forwards nothing: a listed name gets the proxy's own address (A) or an empty answer (every other
 * type, AAAA included); any other name gets NXDOMAIN and one refusal line with the name. No name is resolved here:
 * the proxy resolves a listed name only when a connection for it arrives, with the usual checks.
 *
 * Messages are read and written with dns-packet (no hand-written parser). A message it cannot read gets FORMERR
 * when its header is whole, else nothing.
 */
import { errorMessage } from '../config/errors.js';
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import { DNS_PORT } from './config.js';
import type { DecisionRecord } from './core.js';
import { decideDnsQuestion, type EgressPolicy } from './policy.js';
import { instantRefusal } from './record.js';

/** Seconds a client may keep the proxy's address for a name (the address does not change during a run). */
export const DNS_TTL = 60;
const RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3, NOTIMP: 4 } as const;
const TCP_IDLE_MS = 10_000;
const TCP_MAX_PENDING = 64 * 1024 + 2;

export interface DnsRefusal {
  host: string;
  reason: string;
  detail: string;
}

export interface DnsAnswer {
  /** The reply to send, or null when the message is not answered (a response, or not even a header). */
  reply: Buffer | null;
  /** Set when a name was refused (or the message could not be read): one ledger line. */
  refusal: DnsRefusal | null;
}

function headerOnly(msg: Buffer, rcode: number): Buffer {
  const id = msg.readUInt16BE(0);
  const rd = msg.readUInt16BE(2) & dnsPacket.RECURSION_DESIRED;
  return dnsPacket.encode({ type: 'response', id, flags: rd | rcode, questions: [] });
}

/** The answer to one DNS message from the sandbox (pure: no sockets, no lookups). */
export function answerDns(policy: EgressPolicy, proxyAddress: string, msg: Buffer): DnsAnswer {
  if (msg.length < 12) {
    return {
      reply: null,
      refusal: { host: '(malformed)', reason: 'bad-request', detail: 'not a DNS message' },
    };
  }
  let q: dnsPacket.DecodedPacket;
  try {
    q = dnsPacket.decode(msg);
  } catch (err) {
    return {
      reply: headerOnly(msg, RCODE.FORMERR),
      refusal: { host: '(malformed)', reason: 'bad-request', detail: `DNS: ${errorMessage(err)}` },
    };
  }
  if (q.type === 'response') return { reply: null, refusal: null };
  const opcode = (msg.readUInt16BE(2) >> 11) & 0xf;
  if (opcode !== 0) return { reply: headerOnly(msg, RCODE.NOTIMP), refusal: null };
  const questions = q.questions ?? [];
  if (questions.length !== 1) {
    return {
      reply: headerOnly(msg, RCODE.FORMERR),
      refusal: {
        host: '(malformed)',
        reason: 'bad-request',
        detail: `DNS: ${questions.length} questions in one message`,
      },
    };
  }
  const question = questions[0]!;
  const d = decideDnsQuestion(policy, question.name, question.type, question.class ?? 'IN');
  const flags =
    dnsPacket.AUTHORITATIVE_ANSWER |
    dnsPacket.RECURSION_AVAILABLE |
    ((q.flags ?? 0) & dnsPacket.RECURSION_DESIRED) |
    (d.answer === 'nxdomain' ? RCODE.NXDOMAIN : RCODE.NOERROR);
  let reply: Buffer;
  try {
    reply = dnsPacket.encode({
      type: 'response',
      id: q.id ?? 0,
      flags,
      questions: [question],
      answers:
        d.answer === 'proxy-address'
          ? [{ type: 'A', name: question.name, class: 'IN', ttl: DNS_TTL, data: proxyAddress }]
          : [],
    });
  } catch {
    // A question dns-packet read but cannot write again (a class it does not know…): the answer without it.
    reply = headerOnly(msg, d.answer === 'nxdomain' ? RCODE.NXDOMAIN : RCODE.FORMERR);
  }
  return {
    reply,
    refusal: d.answer === 'nxdomain' ? { host: d.host, reason: d.reason, detail: d.detail } : null,
  };
}

export interface DnsResponder {
  close(): void;
}

/** UDP and TCP 53 on `address`; each refusal becomes one decision line. */
export async function startDnsResponder(
  policy: EgressPolicy,
  address: string,
  log: (r: DecisionRecord) => void,
  port = DNS_PORT,
): Promise<DnsResponder> {
  const answer = (msg: Buffer) => {
    const a = answerDns(policy, address, msg);
    if (a.refusal) {
      log(
        instantRefusal(
          { kind: 'dns', host: a.refusal.host, port: DNS_PORT },
          { reason: a.refusal.reason, detail: a.refusal.detail },
        ),
      );
    }
    return a.reply;
  };
  const udp = await listenUdp(address, port, answer);
  const tcp = await listenTcp(address, port, answer);
  return {
    close() {
      udp.close();
      tcp.close();
    },
  };
}

type Answer = (msg: Buffer) => Buffer | null;

async function listenUdp(address: string, port: number, answer: Answer): Promise<dgram.Socket> {
  const udp = dgram.createSocket({ type: net.isIPv6(address) ? 'udp6' : 'udp4' });
  udp.on('message', (msg, rinfo) => {
    const reply = answer(msg);
    if (reply) udp.send(reply, rinfo.port, rinfo.address);
  });
  udp.on('error', (err) => process.stderr.write(`egress-proxy: dns/udp: ${err.message}\n`));
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind({ address, port }, () => {
      udp.off('error', reject);
      resolve();
    });
  });
  return udp;
}

/** TCP: messages framed by a two-byte length (RFC 1035 §4.2.2), several per connection, the backlog capped. */
async function listenTcp(address: string, port: number, answer: Answer): Promise<net.Server> {
  const tcp = net.createServer((s) => {
    let pending = Buffer.alloc(0);
    s.setTimeout(TCP_IDLE_MS, () => s.destroy());
    s.on('error', () => s.destroy());
    s.on('data', (c: Buffer) => {
      pending = Buffer.concat([pending, c]);
      if (pending.length > TCP_MAX_PENDING) return void s.destroy();
      while (pending.length >= 2) {
        const len = pending.readUInt16BE(0);
        if (pending.length < 2 + len) break;
        const reply = answer(pending.subarray(2, 2 + len));
        pending = pending.subarray(2 + len);
        if (reply) {
          const size = Buffer.alloc(2);
          size.writeUInt16BE(reply.length);
          s.write(Buffer.concat([size, reply]));
        }
      }
    });
  });
  tcp.maxConnections = 64;
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen({ host: address, port }, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  tcp.on('error', (err) => process.stderr.write(`egress-proxy: dns/tcp: ${err.message}\n`));
  return tcp;
}
