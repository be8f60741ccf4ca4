/** Engine errors name the engine, the operation and what to do, for each kind of answer (a local fake engine). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { connectEngine } from '../../src/engine/docker.js';
import { hintFor } from '../../src/engine/http.js';

let server: http.Server;
let url = '';
let status = 500;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/version') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64' }));
      return;
    }
    if (req.url === '/v1.41/info') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ SecurityOptions: ['name=seccomp,profile=default'], CgroupVersion: '2' }));
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'something went wrong' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

test.each([
  [500, /docker: create volume failed: something went wrong \(HTTP 500\) \(the engine failed: see its log/],
  [404, /docker: create volume failed: .* \(it no longer exists/],
  [409, /docker: create volume failed: .* \(it is in use or in the wrong state/],
  [400, /docker: create volume failed: .* \(the engine refused the request/],
])('HTTP %d', async (code, re) => {
  status = code;
  const engine = await connectEngine([url]);
  expect(engine.info).toMatchObject({ name: 'docker', apiVersion: '1.41', local: false });
  await expect(
    engine.createVolume({ name: 'v', driver: 'local', driverOpts: {}, labels: {} }),
  ).rejects.toThrow(re);
});

test.each([
  [500, 'docker', /journalctl -u docker/],
  [503, 'podman', /the log of `podman system service`/],
  [404, 'podman', /it no longer exists/],
])('the hint for HTTP %d from %s names that engine', (code, engine, re) => {
  expect(hintFor(code, engine)).toMatch(re);
  if (engine === 'podman') expect(hintFor(code, engine)).not.toMatch(/docker/);
});

test('an engine older than API 1.41 is refused with what to do', async () => {
  const old = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Version: '19.03', ApiVersion: '1.40', Os: 'linux', Arch: 'amd64' }));
  });
  await new Promise<void>((r) => old.listen(0, '127.0.0.1', r));
  const u = `tcp://127.0.0.1:${(old.address() as AddressInfo).port}`;
  await expect(connectEngine([u])).rejects.toThrow(
    /engine API 1.40 is older than 1.41 \(upgrade to Docker 20.10/,
  );
  await new Promise<void>((r) => old.close(() => r()));
});
