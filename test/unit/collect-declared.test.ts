/**
 * Declared outputs in the single tar pass (threat model 10, 19): outside the count cap, bytes kept for them, never
 * through a link. Each row is a hostile /output as the engine's archive would list it; the controls are the same
 * trees with the protection off (no reservation, not declared).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from '@jest/globals';
import tar from 'tar-stream';
import { collectTar, reserveFor, type DeclaredOutput } from '../../src/outputs/collect.js';

type Entry = { name: string; type?: 'file' | 'directory' | 'symlink'; body?: string; linkname?: string };

function tarOf(entries: Entry[]): Readable {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory', mode: 0o755 });
    else if (e.type === 'symlink')
      pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname ?? '/etc' });
    else pack.entry({ name: e.name, mode: 0o644 }, e.body ?? '');
  }
  pack.finalize();
  return pack as unknown as Readable;
}

const junk = (n: number, size = 10): Entry[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `output/junk-${String(i).padStart(5, '0')}`,
    body: 'x'.repeat(size),
  }));
const JUNIT = '<testsuite tests="1"/>';
const caps = { maxFiles: 5, maxTotalBytes: 100, maxFileBytes: 60 };

async function collect(entries: Entry[], declared: string[], reservedBytes: number) {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-collect-'));
  const r = await collectTar(
    tarOf([{ name: 'output', type: 'directory' }, ...entries]),
    dest,
    'output',
    caps,
    {
      paths: declared,
      reservedBytes,
    },
  );
  const onDisk = (rel: string) => {
    const p = path.join(dest, rel);
    return fs.lstatSync(p, { throwIfNoEntry: false })?.isFile() ? fs.readFileSync(p, 'utf8') : null;
  };
  return { r, onDisk };
}

describe('declared outputs in one pass', () => {
  test.each<[string, Entry[], string[], number, DeclaredOutput['status'], string | null]>([
    [
      'after 20 junk files (count cap 5)',
      [...junk(20), { name: 'output/junit.xml', body: JUNIT }],
      ['junit.xml'],
      JUNIT.length,
      'collected',
      JUNIT,
    ],
    [
      'after junk that fills the total, with its bytes kept',
      [...junk(4, 24), { name: 'output/junit.xml', body: JUNIT }],
      ['junit.xml'],
      JUNIT.length,
      'collected',
      JUNIT,
    ],
    [
      'control: the same without the bytes kept',
      [...junk(4, 24), { name: 'output/junit.xml', body: JUNIT }],
      ['junit.xml'],
      0,
      'total-size-cap',
      null,
    ],
    [
      'through a linked folder (sub -> /etc): the tar holds the link, never the file',
      [{ name: 'output/sub', type: 'symlink', linkname: '/etc' }],
      ['sub/shadow'],
      50,
      'missing',
      null,
    ],
    [
      'a link at the declared path',
      [{ name: 'output/junit.xml', type: 'symlink', linkname: '/etc/shadow' }],
      ['junit.xml'],
      0,
      'not-a-regular-file',
      null,
    ],
    [
      'a directory at the declared path',
      [{ name: 'output/junit.xml', type: 'directory' }],
      ['junit.xml'],
      0,
      'not-a-regular-file',
      null,
    ],
    [
      'above the file cap',
      [{ name: 'output/junit.xml', body: 'y'.repeat(61) }],
      ['junit.xml'],
      60,
      'too-large',
      null,
    ],
    [
      'nested, after its folder',
      [
        { name: 'output/r', type: 'directory' },
        { name: 'output/r/junit.xml', body: JUNIT },
      ],
      ['r/junit.xml'],
      22,
      'collected',
      JUNIT,
    ],
  ])('%s', async (_name, entries, declared, reserved, status, content) => {
    const { r, onDisk } = await collect(entries, declared, reserved);
    expect(r.declared).toEqual([expect.objectContaining({ path: declared[0], status })]);
    expect(onDisk(declared[0]!)).toBe(content);
    if (status === 'collected') expect(r.written[0]).toEqual({ path: declared[0], size: JUNIT.length });
  });

  test('the other files stay within the count and size caps, and the total holds with the declared file', async () => {
    const { r } = await collect(
      [...junk(20, 11), { name: 'output/junit.xml', body: JUNIT }],
      ['junit.xml'],
      22,
    );
    expect(r.files).toBe(1 + 5);
    expect(r.bytes).toBeLessThanOrEqual(caps.maxTotalBytes);
    expect(r.truncated).toBe(true);
    expect(r.droppedByCaps).toBe(15);
  });

  test('control: an undeclared junit.xml after 20 junk files is dropped by the count cap', async () => {
    const { r, onDisk } = await collect([...junk(20), { name: 'output/junit.xml', body: JUNIT }], [], 0);
    expect(onDisk('junit.xml')).toBeNull();
    expect(r.skippedByReason['file-count-cap']).toBe(16);
  });

  test.each<[string, (number | null)[], number]>([
    ['sizes summed', [10, 20], 30],
    ['each within the file cap', [1000, 5], 65],
    ['the whole within the total', [60, 60], 100],
    ['missing files keep nothing', [null, 7], 7],
  ])('reserveFor: %s', (_n, sizes, want) => {
    expect(reserveFor(sizes, caps)).toBe(want);
  });
});
