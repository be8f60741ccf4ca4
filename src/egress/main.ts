/**
 * The egress proxy's entry (bundled to dist/egress-proxy.js, run in images/egress-proxy). Reads its configuration
 * from SANDBOX_EGRESS_CONFIG, prints one JSON line when listening and one per decision, and exits on SIGTERM
 * after closing every connection.
 */
import os from 'node:os';
import { CONFIG_ENV, parseProxyConfig } from './config.js';
import { createProxyServer, listenAddress, makeLookup } from './server.js';

function line(o: object) {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

function main() {
  let cfg;
  try {
    cfg = parseProxyConfig(process.env[CONFIG_ENV] ?? '');
  } catch (err) {
    process.stderr.write(`egress-proxy: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const proxy = createProxyServer(cfg, { log: line, lookup: makeLookup(cfg) });
  const host = listenAddress(cfg.listenSubnet, os.networkInterfaces());
  proxy.server.listen({ host, port: cfg.port, backlog: 1024 }, () => {
    line({ event: 'listening', address: host, port: cfg.port, mode: cfg.policy.mode });
  });
  proxy.server.on('error', (err) => {
    process.stderr.write(`egress-proxy: ${err.message}\n`);
    process.exit(1);
  });
  const stop = () => {
    proxy.shutdown();
    // Connections end with a decision line each; give them a moment, then leave.
    setTimeout(() => {
      line({ event: 'stopped', totalBytes: proxy.totalBytes() });
      process.exit(0);
    }, 200).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
