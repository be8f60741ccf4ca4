// src/egress/main.ts
import os from "node:os";

// src/egress/config.ts
import net2 from "node:net";

// src/egress/policy.ts
import net from "node:net";

// src/config/errors.ts
var InputError = class extends Error {
  constructor(input, problem) {
    super(`${input}: ${problem}`);
    this.input = input;
    this.problem = problem;
    this.name = "InputError";
  }
  input;
  problem;
};

// src/egress/policy.ts
var LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
function canonicalHost(text) {
  const raw = text.trim();
  if (raw === "" || raw.length > 255 || !/^[A-Za-z0-9.\-_:[\]]+$/.test(raw)) return null;
  const bracketed = raw.startsWith("[") ? raw : net.isIPv6(raw) ? `[${raw}]` : raw;
  if (!bracketed.startsWith("[") && bracketed.includes(":")) return null;
  let host;
  try {
    host = new URL(`http://${bracketed}/`).hostname;
  } catch {
    return null;
  }
  if (host.startsWith("[")) {
    const address = host.slice(1, -1);
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
    if (mapped) {
      const hi = parseInt(mapped[1], 16);
      const lo = parseInt(mapped[2], 16);
      return { kind: "ip", address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: "ipv4" };
    }
    return { kind: "ip", address, family: "ipv6" };
  }
  if (net.isIPv4(host)) return { kind: "ip", address: host, family: "ipv4" };
  const name = host.replace(/\.$/, "");
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1])) return null;
  return { kind: "name", name };
}
function parseDomainRule(text) {
  const t = text.trim();
  if (t.startsWith("*.")) {
    const rest = canonicalHost(t.slice(2));
    if (rest?.kind !== "name")
      throw new InputError("--allow-domain", `'${text}' is not *.name with a valid name`);
    return { kind: "suffix", suffix: rest.name };
  }
  const h = canonicalHost(t);
  if (h?.kind !== "name") {
    throw new InputError(
      "--allow-domain",
      `'${text}' is not a host name like github.com or *.githubusercontent.com`
    );
  }
  return { kind: "exact", name: h.name };
}
function matchesRule(name, rule) {
  return rule.kind === "exact" ? name === rule.name : name.endsWith(`.${rule.suffix}`);
}
function parseCidr(text) {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  const family = m ? net.isIPv4(m[1]) ? "ipv4" : net.isIPv6(m[1]) ? "ipv6" : null : null;
  const prefix = m ? Number(m[2]) : -1;
  if (!m || !family || prefix > (family === "ipv4" ? 32 : 128)) {
    throw new InputError("--allow-cidr", `'${text}' is not a CIDR like 10.1.0.0/16 or fd00::/8`);
  }
  return { text: text.trim(), address: m[1], prefix, family };
}
var SPECIAL = [
  ["unspecified", "0.0.0.0", 8, "ipv4"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["cgnat", "100.64.0.0", 10, "ipv4"],
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["link-local", "169.254.0.0", 16, "ipv4"],
  // 169.254.169.254: cloud metadata
  ["private", "172.16.0.0", 12, "ipv4"],
  ["reserved", "192.0.0.0", 24, "ipv4"],
  ["documentation", "192.0.2.0", 24, "ipv4"],
  ["private", "192.168.0.0", 16, "ipv4"],
  ["benchmarking", "198.18.0.0", 15, "ipv4"],
  ["documentation", "198.51.100.0", 24, "ipv4"],
  ["documentation", "203.0.113.0", 24, "ipv4"],
  ["multicast", "224.0.0.0", 4, "ipv4"],
  ["reserved", "240.0.0.0", 4, "ipv4"],
  // and 255.255.255.255
  ["metadata", "168.63.129.16", 32, "ipv4"],
  // Azure's host endpoint, used by GitHub's runners
  ["unspecified", "::", 128, "ipv6"],
  ["loopback", "::1", 128, "ipv6"],
  ["ipv4-compatible", "::", 96, "ipv6"],
  ["nat64", "64:ff9b::", 96, "ipv6"],
  ["nat64", "64:ff9b:1::", 48, "ipv6"],
  ["discard", "100::", 64, "ipv6"],
  ["teredo", "2001::", 32, "ipv6"],
  ["documentation", "2001:db8::", 32, "ipv6"],
  ["6to4", "2002::", 16, "ipv6"],
  ["private", "fc00::", 7, "ipv6"],
  ["link-local", "fe80::", 10, "ipv6"],
  ["site-local", "fec0::", 10, "ipv6"],
  ["multicast", "ff00::", 8, "ipv6"]
];
var specialLists = SPECIAL.map(([name, addr, prefix, family]) => {
  const b = new net.BlockList();
  b.addSubnet(addr, prefix, family);
  return { name, b };
});
function specialClass(address) {
  const family = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : null;
  if (!family) return "invalid";
  for (const { name, b } of specialLists) if (b.check(address, family)) return name;
  return null;
}
function inAllowedCidr(policy, address) {
  const family = net.isIPv4(address) ? "ipv4" : "ipv6";
  return policy.allowCidrs.some((c) => {
    const b = new net.BlockList();
    b.addSubnet(c.address, c.prefix, c.family);
    return b.check(address, family);
  });
}
function decideTarget(policy, hostText, port) {
  const t = canonicalHost(hostText);
  if (!t)
    return { allow: false, reason: "invalid-host", detail: `'${hostText.slice(0, 100)}' is not a host` };
  if (!policy.ports.includes(port)) {
    return {
      allow: false,
      reason: "port-not-allowed",
      detail: `port ${port} is not in ${policy.ports.join(", ")}`
    };
  }
  if (t.kind === "ip") {
    return inAllowedCidr(policy, t.address) ? { allow: true, reason: `address ${t.address} is in --allow-cidr` } : { allow: false, reason: "ip-literal", detail: `${t.address} is an address, not a listed name` };
  }
  const rule = policy.domains.find((r) => matchesRule(t.name, r));
  if (rule)
    return {
      allow: true,
      reason: rule.kind === "exact" ? `listed: ${rule.name}` : `listed: *.${rule.suffix}`
    };
  if (policy.mode === "audit") return { allow: true, reason: "audit mode: any public destination" };
  return { allow: false, reason: "not-allowlisted", detail: `${t.name} is not in the allowlist` };
}
function decideAddresses(policy, name, addresses) {
  if (addresses.length === 0) return { allow: false, reason: "no-address", detail: `${name} has no address` };
  for (const a of addresses) {
    const cls = specialClass(a);
    if (cls !== null && !inAllowedCidr(policy, a)) {
      return { allow: false, reason: "special-address", detail: `${name} resolves to ${a} (${cls})` };
    }
  }
  return { allow: true, reason: `resolved to ${addresses[0]}`, address: addresses[0] };
}
function decideSni(connectHost, sni) {
  if (sni === null || sni === "")
    return { allow: false, reason: "sni-missing", detail: "the TLS ClientHello names no server" };
  const a = canonicalHost(connectHost);
  const b = canonicalHost(sni);
  if (a && b && a.kind === "name" && b.kind === "name" && a.name === b.name)
    return { allow: true, reason: "sni matches" };
  return {
    allow: false,
    reason: "sni-mismatch",
    detail: `TLS names '${sni.slice(0, 100)}', CONNECT named '${connectHost}'`
  };
}
function decideHostHeader(uriHost, hostHeader) {
  if (hostHeader === void 0) return { allow: true, reason: "no Host header" };
  const strip = (h) => h.replace(/:\d+$/, "");
  const a = canonicalHost(strip(uriHost));
  const b = canonicalHost(strip(hostHeader));
  const same = a && b && (a.kind === "name" ? b.kind === "name" && a.name === b.name : b.kind === "ip" && a.address === b.address);
  return same ? { allow: true, reason: "Host header matches" } : {
    allow: false,
    reason: "host-header-mismatch",
    detail: `Host '${hostHeader.slice(0, 100)}' is not '${uriHost}'`
  };
}

// src/egress/config.ts
var PROXY_PORT = 3128;
var CONFIG_ENV = "SANDBOX_EGRESS_CONFIG";
var PROXY_DEFAULTS = {
  port: PROXY_PORT,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 512,
  idleTimeoutMs: 12e4
};
function fail(what) {
  throw new Error(`${CONFIG_ENV}: ${what}`);
}
function parseProxyConfig(text) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    fail("is not JSON");
  }
  if (typeof raw !== "object" || raw === null) fail("is not an object");
  const c = raw;
  if (c.mode !== "allowlist" && c.mode !== "audit") fail("mode is not allowlist or audit");
  const strings = (v, name) => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) fail(`${name} is not a list of strings`);
    return v;
  };
  const int = (v, name, min, max) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) fail(`${name} is out of range`);
    return v;
  };
  const ports = Array.isArray(c.ports) ? c.ports.map((p) => int(p, "ports", 1, 65535)) : fail("ports");
  const hosts = {};
  for (const [name, addrs] of Object.entries(c.hosts ?? {})) {
    const list = strings(addrs, `hosts.${name}`);
    if (!list.every((a) => net2.isIP(a) !== 0)) fail(`hosts.${name} has an address that is not an IP`);
    hosts[name] = list;
  }
  const dnsServers = strings(c.dnsServers ?? [], "dnsServers");
  if (!dnsServers.every((a) => net2.isIP(a) !== 0)) fail("dnsServers has an address that is not an IP");
  return {
    policy: {
      mode: c.mode,
      domains: strings(c.domains, "domains").map(parseDomainRule),
      ports,
      allowCidrs: strings(c.allowCidrs, "allowCidrs").map(parseCidr)
    },
    hosts,
    dnsServers,
    listenSubnet: c.listenSubnet ? parseCidr(c.listenSubnet).text : null,
    port: int(c.port, "port", 1, 65535),
    maxHeaderBytes: int(c.maxHeaderBytes, "maxHeaderBytes", 1024, 1024 * 1024),
    maxConnections: int(c.maxConnections, "maxConnections", 1, 65536),
    idleTimeoutMs: int(c.idleTimeoutMs, "idleTimeoutMs", 100, 24 * 36e5),
    maxTotalBytes: c.maxTotalBytes === null || c.maxTotalBytes === void 0 ? null : int(c.maxTotalBytes, "maxTotalBytes", 1, Number.MAX_SAFE_INTEGER)
  };
}

// src/egress/server.ts
import http2 from "node:http";
import net4 from "node:net";

// src/egress/core.ts
import dns from "node:dns";

// src/egress/read-buffers.ts
var ReadBuffers = class {
  constructor(size = 1024 * 1024, maxLent = 64, maxIdle = 16, smallRead = 64 * 1024) {
    this.size = size;
    this.maxLent = maxLent;
    this.maxIdle = maxIdle;
    this.smallRead = smallRead;
    this.shared = Buffer.allocUnsafe(size);
  }
  size;
  maxLent;
  maxIdle;
  smallRead;
  shared;
  /** Buffers free for a read or a copy. */
  idle = [];
  lent = /* @__PURE__ */ new Set();
  /** How many buffers are out (for tests and limits). */
  get out() {
    return this.lent.size;
  }
  /** A buffer for a socket's next read: lent from the pool, or the shared one when too many are out. */
  next() {
    if (this.lent.size >= this.maxLent) return this.shared;
    const b = this.idle.pop() ?? Buffer.allocUnsafeSlow(this.size);
    this.lent.add(b);
    return b;
  }
  /** Return a lent buffer (once its write is done, or unused). Giving the shared one, or one twice, does nothing. */
  give(b) {
    if (!(b instanceof Buffer) || !this.lent.delete(b)) return;
    if (this.idle.length < this.maxIdle) this.idle.push(b);
  }
  /**
   * Take the bytes of one read out of `buf`: a lent buffer is handed over as is; the shared one is copied (it is
   * read into again at once). Call `done` when the chunk's write has completed (or failed).
   */
  take(buf, n) {
    if (buf instanceof Buffer && this.lent.has(buf)) {
      return { chunk: buf.subarray(0, n), done: () => this.give(buf) };
    }
    if (n < this.smallRead) return { chunk: Buffer.from(buf.subarray(0, n)), done: () => void 0 };
    const into = this.idle.pop() ?? Buffer.allocUnsafeSlow(this.size);
    into.set(buf.subarray(0, n));
    let back = false;
    return {
      chunk: into.subarray(0, n),
      done: () => {
        if (back) return;
        back = true;
        if (this.idle.length < this.maxIdle) this.idle.push(into);
      }
    };
  }
};

// src/egress/core.ts
function makeLookup(cfg) {
  const resolver = cfg.dnsServers.length ? new dns.promises.Resolver({ timeout: 3e3, tries: 2 }) : null;
  resolver?.setServers(cfg.dnsServers);
  return async (name) => {
    const mapped = cfg.hosts[name];
    if (mapped) return mapped;
    if (resolver) {
      const [a, aaaa] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
      return [
        ...a.status === "fulfilled" ? a.value : [],
        ...aaaa.status === "fulfilled" ? aaaa.value : []
      ];
    }
    const all = await dns.promises.lookup(name, { all: true, verbatim: true }).catch(() => []);
    return all.map((r) => r.address);
  };
}
function createProxyCore(cfg, deps) {
  const buffers = deps.buffers ?? new ReadBuffers();
  let active = 0;
  let finished = 0;
  const live = /* @__PURE__ */ new Set();
  const totalBytes = () => {
    let t = finished;
    for (const l of live) t += l.bytes();
    return t;
  };
  const capReached = () => cfg.maxTotalBytes !== null && totalBytes() >= cfg.maxTotalBytes;
  const enforceCap = () => {
    if (capReached()) for (const l of [...live]) l.destroy("byte-cap");
  };
  const sampler = cfg.maxTotalBytes !== null ? setInterval(enforceCap, 100) : null;
  sampler?.unref();
  async function admit(hostText, port) {
    const t = decideTarget(cfg.policy, hostText, port);
    const canon = canonicalHost(hostText);
    const host = canon ? canon.kind === "name" ? canon.name : canon.address : hostText.slice(0, 100);
    if (!t.allow) return { ok: false, host, reason: t.reason, detail: t.detail };
    if (!canon) return { ok: false, host, reason: "invalid-host", detail: "not a host" };
    if (capReached())
      return { ok: false, host, reason: "byte-cap", detail: "the run used its egress byte cap" };
    if (active >= cfg.maxConnections) {
      return {
        ok: false,
        host,
        reason: "too-many-connections",
        detail: `at most ${cfg.maxConnections} at once`
      };
    }
    let addresses;
    if (canon.kind === "ip") addresses = [canon.address];
    else {
      try {
        addresses = await deps.lookup(canon.name);
      } catch (err) {
        return { ok: false, host, reason: "resolve-failed", detail: err.message };
      }
    }
    const a = decideAddresses(cfg.policy, host, addresses);
    if (!a.allow) return { ok: false, host, reason: a.reason, detail: a.detail };
    return { ok: true, host, address: a.address };
  }
  return {
    cfg,
    deps,
    buffers,
    capped: sampler !== null,
    capReached,
    enforceCap,
    live: (entry) => void live.add(entry),
    end(entry) {
      if (live.delete(entry)) finished += entry.bytes();
    },
    takeSlot() {
      active++;
      let released = false;
      return () => {
        if (!released) {
          released = true;
          active--;
        }
      };
    },
    admit,
    totalBytes,
    activeConnections: () => active,
    shutdown() {
      if (sampler) clearInterval(sampler);
      for (const l of [...live]) l.destroy("proxy-stopped");
    }
  };
}

// src/egress/http-forward.ts
import http from "node:http";
var HOP_BY_HOP = [
  "connection",
  "proxy-connection",
  "keep-alive",
  "proxy-authorization",
  "proxy-authenticate",
  "te",
  "trailer",
  "upgrade"
];
function withoutHopByHop(h) {
  return Object.fromEntries(Object.entries(h).filter(([k]) => !HOP_BY_HOP.includes(k)));
}
function refuseRequest(core, req, res, base, started, r) {
  core.deps.log({
    ...base,
    host: r.host,
    address: null,
    decision: "deny",
    reason: r.reason,
    detail: r.detail,
    bytesUp: 0,
    bytesDown: 0,
    durationMs: Date.now() - started
  });
  req.resume();
  res.writeHead(r.status, { "content-type": "text/plain", connection: "keep-alive" });
  res.end(`sandbox-action egress: ${r.reason}: ${r.detail}
`);
}
function forwardRequest(core, req, res, o) {
  let up = 0;
  let down = 0;
  const headers = withoutHopByHop(req.headers);
  headers.host = o.hostHeader;
  let error;
  let logged = false;
  const log = () => {
    if (logged) return;
    logged = true;
    core.end(entry);
    o.release();
    core.deps.log({
      ...o.base,
      host: o.host,
      address: o.address,
      decision: "allow",
      reason: "allowed",
      ...error ? { error } : {},
      bytesUp: up,
      bytesDown: down,
      durationMs: Date.now() - o.started
    });
  };
  const upstream = http.request({
    host: o.address,
    port: o.port,
    method: req.method,
    path: o.path,
    headers,
    agent: false,
    setHost: false,
    timeout: core.cfg.idleTimeoutMs
  });
  const entry = {
    destroy(why) {
      error ??= why;
      upstream.destroy();
      res.destroy();
    },
    bytes: () => up + down
  };
  core.live(entry);
  req.on("data", (c) => {
    up += c.length;
    if (core.capped) core.enforceCap();
  });
  req.pipe(upstream);
  upstream.on("timeout", () => entry.destroy("idle-timeout"));
  upstream.on("error", (err) => {
    error ??= `upstream: ${err.message}`;
    if (!res.headersSent) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`sandbox-action egress: ${o.host} could not be reached
`);
    } else res.destroy();
    log();
  });
  upstream.on("response", (r) => {
    res.writeHead(r.statusCode ?? 502, r.statusMessage, withoutHopByHop(r.headers));
    r.on("data", (c) => {
      down += c.length;
      if (core.capped) core.enforceCap();
    });
    r.pipe(res);
    r.on("error", () => entry.destroy("upstream reset"));
  });
  res.on("close", log);
}
function httpServerOptions(cfg) {
  return {
    maxHeaderSize: cfg.maxHeaderBytes,
    headersTimeout: 3e4,
    requestTimeout: 0,
    keepAliveTimeout: Math.min(cfg.idleTimeoutMs, 6e4)
  };
}
function refuseUpgradesAndErrors(server, log, kind) {
  server.on("upgrade", (req, socket) => {
    log({
      time: (/* @__PURE__ */ new Date()).toISOString(),
      kind,
      host: (req.url ?? "").slice(0, 100),
      port: 0,
      address: null,
      decision: "deny",
      reason: "bad-request",
      detail: "protocol upgrades are not served",
      bytesUp: 0,
      bytesDown: 0,
      durationMs: 0
    });
    socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
  });
  server.on("clientError", (err, socket) => {
    if (socket.writable) {
      const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r
Connection: close\r
\r
`);
    } else socket.destroy();
  });
}

// src/egress/tunnel.ts
import net3 from "node:net";

// src/egress/client-hello.ts
var MAX_HELLO_BYTES = 32 * 1024;
var HANDSHAKE = 22;
var CLIENT_HELLO = 1;
function handshakeBytes(buf) {
  const parts = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < 5) return { payload: Buffer.concat(parts) };
    const type = buf[off];
    const major = buf[off + 1];
    const len = buf.readUInt16BE(off + 3);
    if (type !== HANDSHAKE) {
      return parts.length ? { payload: Buffer.concat(parts) } : { bad: "not a TLS handshake" };
    }
    if (major !== 3) return { bad: "not TLS (record version)" };
    if (len === 0 || len > 16384 + 2048) return { bad: "TLS record length out of range" };
    if (buf.length - off - 5 < len) {
      parts.push(buf.subarray(off + 5));
      return { payload: Buffer.concat(parts) };
    }
    parts.push(buf.subarray(off + 5, off + 5 + len));
    off += 5 + len;
  }
  return { payload: Buffer.concat(parts) };
}
function readClientHello(buf) {
  if (buf.length === 0) return { state: "need-more" };
  if (buf[0] !== HANDSHAKE) return { state: "not-tls", why: "the first byte is not a TLS handshake record" };
  if (buf.length > MAX_HELLO_BYTES) return { state: "not-tls", why: "the ClientHello is too large" };
  const hs = handshakeBytes(buf);
  if ("bad" in hs) return { state: "not-tls", why: hs.bad };
  const p = hs.payload;
  if (p.length < 4) return { state: "need-more" };
  if (p[0] !== CLIENT_HELLO)
    return { state: "not-tls", why: "the first handshake message is not a ClientHello" };
  const bodyLen = p.readUIntBE(1, 3);
  if (bodyLen > MAX_HELLO_BYTES) return { state: "not-tls", why: "the ClientHello is too large" };
  if (p.length < 4 + bodyLen) return { state: "need-more" };
  const body = p.subarray(4, 4 + bodyLen);
  try {
    return { state: "done", sni: sniFromBody(body) };
  } catch (err) {
    return { state: "not-tls", why: err.message };
  }
}
var Reader = class {
  constructor(b) {
    this.b = b;
  }
  b;
  off = 0;
  need(n) {
    if (this.off + n > this.b.length) throw new Error("the ClientHello is truncated");
  }
  u8() {
    this.need(1);
    return this.b[this.off++];
  }
  u16() {
    this.need(2);
    const v = this.b.readUInt16BE(this.off);
    this.off += 2;
    return v;
  }
  bytes(n) {
    this.need(n);
    const v = this.b.subarray(this.off, this.off + n);
    this.off += n;
    return v;
  }
  get left() {
    return this.b.length - this.off;
  }
};
function sniFromBody(body) {
  const r = new Reader(body);
  r.bytes(2);
  r.bytes(32);
  r.bytes(r.u8());
  const suites = r.u16();
  if (suites % 2 !== 0) throw new Error("the ClientHello has an odd cipher suite length");
  r.bytes(suites);
  r.bytes(r.u8());
  if (r.left === 0) return null;
  const extLen = r.u16();
  const ext = new Reader(r.bytes(extLen));
  let sni = null;
  let seen = false;
  while (ext.left > 0) {
    const type = ext.u16();
    const data = ext.bytes(ext.u16());
    if (type !== 0) continue;
    if (seen) throw new Error("the ClientHello has two server_name extensions");
    seen = true;
    const list = new Reader(data);
    const names = new Reader(list.bytes(list.u16()));
    const found = [];
    while (names.left > 0) {
      const kind = names.u8();
      const name2 = names.bytes(names.u16());
      if (kind === 0) found.push(name2.toString("latin1"));
    }
    if (found.length > 1) throw new Error("the ClientHello names more than one server");
    const name = found[0];
    if (name !== void 0) {
      if (!/^[\x21-\x7e]{1,255}$/.test(name)) throw new Error("the server name is not printable ASCII");
      sni = name;
    }
  }
  return sni;
}

// src/egress/tunnel.ts
var HELLO_TIMEOUT_MS = 1e4;
var EARLY_BYTES_MAX = 64 * 1024;
function readHello(socket, initial, timeoutMs = HELLO_TIMEOUT_MS) {
  return new Promise((resolve) => {
    let hello = Buffer.from(initial);
    let settled = false;
    const settle = (r) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("end", onClose);
      socket.off("close", onClose);
      socket.pause();
      resolve(r);
    };
    const check = () => {
      const r = readClientHello(hello);
      if (r.state === "need-more") return;
      settle(r.state === "done" ? { state: "done", sni: r.sni, bytes: hello } : r);
    };
    const onData = (c) => {
      hello = Buffer.concat([hello, c]);
      check();
    };
    const onClose = () => settle({ state: "closed" });
    const timer = setTimeout(() => settle({ state: "timeout" }), timeoutMs);
    socket.on("data", onData);
    socket.once("end", onClose);
    socket.once("close", onClose);
    socket.resume();
    if (hello.length) check();
  });
}
function openTunnel(core, o) {
  const { client, buffers } = { client: o.client, buffers: core.buffers };
  let up = 0;
  let down = 0;
  let forwarding = false;
  const early = [];
  let earlyBytes = 0;
  const forwardChunk = (chunk, done) => {
    if (!client.write(chunk, done)) {
      upstream.pause();
      client.once("drain", () => upstream.resume());
    }
  };
  let reserved = null;
  let closed = false;
  const upstream = net3.connect({
    host: o.address,
    port: o.port,
    onread: {
      buffer: () => closed ? buffers.shared : reserved = buffers.next(),
      callback: (n, buf) => {
        reserved = null;
        const { chunk, done } = buffers.take(buf, n);
        if (core.capped && core.capReached()) {
          done();
          entry.destroy("byte-cap");
          return false;
        }
        if (forwarding) forwardChunk(chunk, done);
        else {
          if ((earlyBytes += n) > EARLY_BYTES_MAX) entry.destroy("upstream spoke first");
          else early.push(Buffer.from(chunk));
          done();
        }
        return true;
      }
    }
  });
  upstream.once("close", () => {
    closed = true;
    if (reserved) buffers.give(reserved);
    reserved = null;
  });
  let error;
  let helloChecked = false;
  let helloBytes = 0;
  let readBefore = 0;
  const measure = () => {
    if (!helloChecked) return;
    up = helloBytes + client.bytesRead - readBefore;
    down = upstream.bytesRead;
  };
  const entry = {
    destroy(why) {
      error ??= why;
      upstream.destroy();
      client.destroy();
    },
    bytes() {
      measure();
      return up + down;
    }
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
      const detail = "the client closed the tunnel before a TLS ClientHello";
      o.log({ ...where, decision: "deny", reason: "not-tls", detail, bytesUp: up, bytesDown: down });
      return;
    }
    o.log({
      ...where,
      decision: "allow",
      reason: "allowed",
      ...error ? { error } : {},
      bytesUp: up,
      bytesDown: down
    });
  };
  upstream.once("error", (err) => {
    if (!upstream.connecting) {
      error ??= `upstream: ${err.message}`;
      return;
    }
    core.end(entry);
    o.release();
    error = `upstream: ${err.message}`;
    o.log({ ...where, decision: "allow", reason: "allowed", error });
    o.onConnectError();
  });
  client.once("close", finish);
  upstream.once("connect", () => {
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    client.setTimeout(core.cfg.idleTimeoutMs, () => entry.destroy("idle-timeout"));
    upstream.setTimeout(core.cfg.idleTimeoutMs, () => entry.destroy("idle-timeout"));
    o.onConnected({
      forward(hello) {
        helloChecked = true;
        helloBytes = hello.length;
        readBefore = client.bytesRead;
        upstream.write(hello);
        client.pipe(upstream);
        forwarding = true;
        for (const c of early.splice(0)) forwardChunk(c);
        upstream.once("close", () => client.destroySoon?.() ?? client.end());
        upstream.once("end", () => client.end());
      },
      deny(reason, detail) {
        o.log({ ...where, decision: "deny", reason, detail });
        entry.destroy(reason);
      }
    });
  });
}

// src/egress/server.ts
function splitAuthority(text) {
  const m = /^(.{1,300}):(\d{1,5})$/.exec(text);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1], port } : null;
}
function createProxyServer(cfg, deps, shared) {
  const core = shared ?? createProxyCore(cfg, deps);
  const server = http2.createServer(httpServerOptions(cfg));
  server.timeout = cfg.idleTimeoutMs;
  server.on("connect", (req, client, head) => {
    const started = Date.now();
    const target = splitAuthority(req.url ?? "");
    let logged = false;
    const rec = (r) => {
      if (logged) return;
      logged = true;
      deps.log({
        time: new Date(started).toISOString(),
        kind: "connect",
        host: target?.host ?? (req.url ?? "").slice(0, 100),
        port: target?.port ?? 0,
        address: null,
        bytesUp: 0,
        bytesDown: 0,
        durationMs: Date.now() - started,
        ...r
      });
    };
    const refuse = (status, host, reason, detail) => {
      rec({ host, decision: "deny", reason, detail });
      if (client.writable) {
        client.end(
          `HTTP/1.1 ${status} ${http2.STATUS_CODES[status]}\r
Content-Type: text/plain\r
Connection: close\r
\r
sandbox-action egress: ${reason}: ${detail}
`
        );
      }
      client.destroySoon?.();
    };
    client.on("error", () => client.destroy());
    if (!target) {
      refuse(400, (req.url ?? "").slice(0, 100), "bad-request", "CONNECT needs host:port");
      return;
    }
    const release = core.takeSlot();
    void core.admit(target.host, target.port).then((a) => {
      if (!a.ok) {
        release();
        refuse(403, a.host, a.reason, a.detail);
        return;
      }
      openTunnel(core, {
        client,
        host: a.host,
        address: a.address,
        port: target.port,
        log: rec,
        release,
        onConnectError: () => {
          if (client.writable) {
            client.end(
              `HTTP/1.1 502 Bad Gateway\r
Connection: close\r
\r
sandbox-action egress: ${a.host} could not be reached
`
            );
          }
        },
        onConnected: (t) => {
          client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
          void readHello(client, head).then((h) => {
            if (h.state === "closed") {
              return t.deny("not-tls", "the client closed the tunnel before a TLS ClientHello");
            }
            if (h.state === "timeout") return t.deny("not-tls", "no TLS ClientHello within 10 s");
            if (h.state === "not-tls") return t.deny("not-tls", h.why);
            const s = decideSni(a.host, h.sni);
            if (!s.allow) return t.deny(s.reason, s.detail);
            t.forward(h.bytes);
          });
        }
      });
    });
  });
  server.on("request", (req, res) => {
    const started = Date.now();
    let url = null;
    try {
      if (/^http:\/\//i.test(req.url ?? "")) url = new URL(req.url);
    } catch {
      url = null;
    }
    const port = url ? Number(url.port || 80) : 0;
    const base = {
      time: new Date(started).toISOString(),
      kind: "http",
      host: url?.hostname ?? (req.url ?? "").slice(0, 100),
      port
    };
    const refuse = (status, host, reason, detail) => refuseRequest(core, req, res, base, started, { status, host, reason, detail });
    if (!url) {
      refuse(400, base.host, "bad-request", "only absolute-form http:// requests and CONNECT are served");
      return;
    }
    const hostCheck = decideHostHeader(url.host, req.headers.host);
    if (!hostCheck.allow) {
      refuse(403, url.hostname, hostCheck.reason, hostCheck.detail);
      return;
    }
    const release = core.takeSlot();
    const target = url;
    void core.admit(target.hostname, port).then((a) => {
      if (!a.ok) {
        release();
        refuse(403, a.host, a.reason, a.detail);
        return;
      }
      forwardRequest(core, req, res, {
        base,
        started,
        host: a.host,
        address: a.address,
        port,
        path: `${target.pathname}${target.search}`,
        hostHeader: target.host,
        release
      });
    });
  });
  refuseUpgradesAndErrors(server, deps.log, "http");
  return {
    server,
    core,
    totalBytes: core.totalBytes,
    activeConnections: core.activeConnections,
    shutdown() {
      core.shutdown();
      server.close();
      server.closeAllConnections();
    }
  };
}
function listenAddress(subnet, interfaces) {
  if (!subnet) return "0.0.0.0";
  const [addr, prefix] = subnet.split("/");
  const family = net4.isIPv4(addr) ? "ipv4" : "ipv6";
  const list = new net4.BlockList();
  list.addSubnet(addr, Number(prefix), family);
  for (const entries of Object.values(interfaces)) {
    for (const e of entries ?? []) {
      if ((e.family === "IPv4" || e.family === 4) && family === "ipv4" && list.check(e.address, "ipv4"))
        return e.address;
    }
  }
  throw new Error(`no interface of the proxy is in ${subnet}`);
}

// src/egress/main.ts
function line(o) {
  process.stdout.write(`${JSON.stringify(o)}
`);
}
function main() {
  let cfg;
  try {
    cfg = parseProxyConfig(process.env[CONFIG_ENV] ?? "");
  } catch (err) {
    process.stderr.write(`egress-proxy: ${err.message}
`);
    process.exit(2);
  }
  const proxy = createProxyServer(cfg, { log: line, lookup: makeLookup(cfg) });
  const host = listenAddress(cfg.listenSubnet, os.networkInterfaces());
  proxy.server.listen({ host, port: cfg.port, backlog: 1024 }, () => {
    line({ event: "listening", address: host, port: cfg.port, mode: cfg.policy.mode });
  });
  proxy.server.on("error", (err) => {
    process.stderr.write(`egress-proxy: ${err.message}
`);
    process.exit(1);
  });
  const stop = () => {
    proxy.shutdown();
    setTimeout(() => {
      line({ event: "stopped", totalBytes: proxy.totalBytes() });
      process.exit(0);
    }, 200).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
main();
