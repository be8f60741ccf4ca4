/** Session records on disk: a record of another version (or a damaged one) is never read, and is found for removal. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import {
  RECORD_VERSION,
  listRecords,
  readRecord,
  unreadableRecords,
  writeRecord,
  type SessionRecord,
} from '../../src/session/record.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-records-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const record = (id: string, version: number): SessionRecord =>
  ({
    version,
    id,
    name: null,
    kind: 'session',
    planHash: 'h',
    createdAt: '',
    lastUsedAt: '',
    stoppedAt: null,
    keep: false,
    idleTtlMs: 1,
    imageId: 'sha256:a',
    spec: {},
    container: { id: 'c', plan: {} },
    keeper: { uid: 1, gid: 1 },
    user: { uid: 2, gid: 2 },
    selfCheck: null,
    imageEntrypoint: null,
    network: {},
    volumes: [],
    notes: [],
  }) as unknown as SessionRecord;

test.each([
  ['this version', 'aaa-01', RECORD_VERSION, true],
  ['version 1 (the ungrouped RunSpec)', 'aaa-02', 1, false],
  ['a future version', 'aaa-03', RECORD_VERSION + 1, false],
])('a record of %s is read: %p', async (_, id, version, readable) => {
  await writeRecord(dir, record(id, version));
  expect((await readRecord(dir, id)) !== null).toBe(readable);
});

test('damaged records and other versions are listed for removal; only readable ones are listed as sessions', async () => {
  fs.writeFileSync(path.join(dir, 'aaa-04.json'), '{ not json');
  expect(await unreadableRecords(dir)).toEqual(['aaa-02', 'aaa-03', 'aaa-04']);
  expect((await listRecords(dir)).map((r) => r.id)).toEqual(['aaa-01']);
});
