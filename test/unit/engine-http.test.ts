/** The engine client's shared readers: JSON-lines progress streams and "404 means none", against a loopback server. */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ApiClient, jsonLines, parseEndpoint } from '../../src/engine/http.js';
import { EngineError } from '../../src/config/errors.js';

describe('jsonLines', () => {
  const ROWS: [string, string[], unknown[]][] = [
    ['one line per chunk', ['{"a":1}\n', '{"a":2}\n'], [{ a: 1 }, { a: 2 }]],
    ['a line split over chunks', ['{"a":', '1}\n{"b"', ':2}\n'], [{ a: 1 }, { b: 2 }]],
    ['blank lines skipped', ['\n{"a":1}\n\n  \n'], [{ a: 1 }]],
    ['a last line without its newline', ['{"a":1}\n{"a":2}'], [{ a: 1 }, { a: 2 }]],
    ['nothing', [], []],
  ];
  test.each(ROWS)('%s', async (_n, chunks, want) => {
    const got: unknown[] = [];
    for await (const j of jsonLines(Readable.from(chunks.map((c) => Buffer.from(c))))) got.push(j);
    expect(got).toEqual(want);
  });
});

describe('ApiClient.progress and getOrNull (a loopback engine stand-in answering as the Docker API does)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-http-'));
  const sock = path.join(dir, 'engine.sock');
  const answers: Record<string, [number, string]> = {
    '/ok': [200, '{"status":"pulling"}\n{"status":"done"}\n'],
    '/late-error': [200, '{"status":"pulling"}\n{"error":"manifest unknown "}\n{"status":"after"}\n'],
    '/refused': [500, '{"message":"no space left"}'],
    '/thing': [200, '{"Id":"abc"}'],
    '/gone': [404, '{"message":"no such image"}'],
  };
  const server = http.createServer((req, res) => {
    const [status, body] = answers[req.url ?? ''] ?? [418, ''];
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  const api = new ApiClient(parseEndpoint(`unix://${sock}`), 'docker');
  beforeAll(() => new Promise<void>((r) => server.listen(sock, r)));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const PROGRESS: [string, string, string | null, number][] = [
    ['every line seen, no error', '/ok', null, 2],
    [
      'an error line after the 200 fails, with the first error, after the whole stream',
      '/late-error',
      'docker: pull x failed: manifest unknown',
      3,
    ],
    [
      'a non-200 answer fails with its message',
      '/refused',
      'docker: pull x failed: no space left (HTTP 500)',
      0,
    ],
  ];
  test.each(PROGRESS)('progress: %s', async (_n, url, error, lines) => {
    let seen = 0;
    const p = api.progress('POST', url, {}, 'pull x', () => seen++);
    if (error) {
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect((err as Error).message.startsWith(error)).toBe(true);
    } else await p;
    expect(seen).toBe(lines);
  });

  const GET: [string, string, unknown][] = [
    ['found', '/thing', { Id: 'abc' }],
    ['404: none', '/gone', null],
  ];
  test.each(GET)('getOrNull: %s', async (_n, url, want) =>
    expect(await api.getOrNull(url, 'inspect')).toEqual(want),
  );
  test('getOrNull: another failure is an EngineError', async () => {
    await expect(api.getOrNull('/refused', 'inspect')).rejects.toThrow(
      'docker: inspect failed: no space left (HTTP 500)',
    );
  });
});
