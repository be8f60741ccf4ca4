/**
 * The egress proxy's entry (bundled to dist/egress-proxy.js, run in images/egress-proxy). Reads its configuration
 * from SANDBOX_EGRESS_CONFIG, prints one JSON line when listening and one per decision, and exits on SIGTERM
 * after closing every connection. In transparent mode it also answers DNS and listens on every allowed port of
 * its internal address; the `listening` line comes once every listener is bound.
 */
import { errorMessage } from '../config/errors.js';
import os from 'node:os';
import { CONFIG_ENV, parseProxyConfig } from './config.js';
import { startDnsResponder, type DnsResponder } from './dns.js';
import { createProxyServer, listenAddress, makeLookup } from './server.js';
import { leaveWhenIdle } from './shutdown.js';
import { startTransparent, type TransparentListeners } from './transparent.js';

function line(o: object) {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

function fatal(err: unknown): never {
  process.stderr.write(`egress-proxy: ${errorMessage(err)}\n`);
  process.exit(1);
}

async function main() {
  let cfg;
  try {
    cfg = parseProxyConfig(process.env[CONFIG_ENV] ?? '');
  } catch (err) {
    process.stderr.write(`egress-proxy: ${errorMessage(err)}\n`);
    process.exit(2);
  }
  const host = listenAddress(cfg.listenSubnet, os.networkInterfaces());
  const proxy = createProxyServer(cfg, {
    log: line,
    lookup: makeLookup(cfg),
    selfHosts: [`${host}:${cfg.port}`],
  });
  proxy.server.on('error', fatal);
  await new Promise<void>((resolve) =>
    proxy.server.listen({ host, port: cfg.port, backlog: 1024 }, () => resolve()),
  );
  let dns: DnsResponder | null = null;
  let transparent: TransparentListeners | null = null;
  if (cfg.transparent) {
    [dns, transparent] = await Promise.all([
      startDnsResponder(cfg.policy, host, line),
      startTransparent(proxy.core, host),
    ]).catch(fatal);
  }
  line({
    event: 'listening',
    address: host,
    port: cfg.port,
    mode: cfg.policy.mode,
    transparent: transparent ? { dns: 53, ports: transparent.ports } : null,
  });
  const stop = () => {
    dns?.close();
    transparent?.close();
    proxy.shutdown();
    // Connections end with a decision line each: leave once none is open, or after a moment at the latest.
    leaveWhenIdle(
      () => {
        line({ event: 'stopped', totalBytes: proxy.totalBytes() });
        process.exit(0);
      },
      { graceMs: 200 },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
