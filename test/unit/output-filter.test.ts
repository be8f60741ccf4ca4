import { describe, expect, test } from '@jest/globals';
import { decide, safeRelativePath } from '../../src/outputs/filter.js';

const caps = { maxTotalBytes: 1000, maxFiles: 3, maxFileBytes: 600 };
const fresh = () => ({ files: 0, bytes: 0 });
const h = (name: string, type = 'file', size = 10, mode = 0o644) => ({ name, type, size, mode });

describe('safeRelativePath', () => {
  test.each([
    ['output', ''],
    ['output/', ''],
    ['output/a.txt', 'a.txt'],
    ['output/dir/b.xml', 'dir/b.xml'],
    ['output/dir/', 'dir'],
    ['output/.hidden', '.hidden'],
    ['output/../etc/passwd', null],
    ['output/a/../../x', null],
    ['output/./a', null],
    ['output//a', null],
    ['other/a', null],
    ['outputx/a', null],
    ['/etc/passwd', null],
    ['output/new\nline', null],
    ['output/esc\u001b[31m', null],
    ['output/colon:name', null],
    ['output/star*', null],
    ['output/q?', null],
    ['output/pipe|', null],
    ['output/lt<', null],
    ['output/quote"', null],
    ['output/back\\slash', null],
    ['output/cr\r', null],
    ['output/del\u007f', null],
    ['output/ lead', null],
    [`output/${'x'.repeat(256)}`, null],
    ['output/ünïcode ok', 'ünïcode ok'],
  ])('%j → %j', (name, rel) => expect(safeRelativePath(name, 'output')).toBe(rel));
});

describe('decide', () => {
  test.each([
    [h('output/a', 'file'), { action: 'write-file', path: 'a', size: 10, mode: 0o644 }],
    [h('output/run.sh', 'file', 10, 0o4755), { action: 'write-file', path: 'run.sh', size: 10, mode: 0o755 }],
    [h('output/d', 'directory'), { action: 'make-dir', path: 'd' }],
    [h('output', 'directory'), { action: 'root' }],
    [h('output/l', 'symlink'), { action: 'skip', path: 'l', reason: 'symlink' }],
    [h('output/hl', 'link'), { action: 'skip', path: 'hl', reason: 'hardlink' }],
    [h('output/c', 'character-device'), { action: 'skip', path: 'c', reason: 'device' }],
    [h('output/b', 'block-device'), { action: 'skip', path: 'b', reason: 'device' }],
    [h('output/f', 'fifo'), { action: 'skip', path: 'f', reason: 'fifo' }],
    [
      h('output/x', 'contiguous-file'),
      { action: 'skip', path: 'x', reason: 'special-file', detail: 'contiguous-file' },
    ],
    [h('output/../x'), { action: 'skip', path: '../x', reason: 'unsafe-name' }],
    [h('output/a\nb'), { action: 'skip', path: 'a\\x0ab', reason: 'unsafe-name' }],
    [h('etc/passwd'), { action: 'skip', path: 'etc/passwd', reason: 'outside-output' }],
    [
      h('output/big', 'file', 601),
      { action: 'skip', path: 'big', reason: 'file-too-large', detail: '601 bytes' },
    ],
    [h('output/l2', 'symlink', 0), { action: 'skip', path: 'l2', reason: 'symlink' }],
  ])('%j', (header, decision) => expect(decide(header, 'output', caps, fresh())).toEqual(decision));

  test('the file count cap applies to regular files', () => {
    expect(decide(h('output/x'), 'output', caps, { files: 3, bytes: 0 })).toMatchObject({
      reason: 'file-count-cap',
    });
    expect(decide(h('output/d', 'directory'), 'output', caps, { files: 3, bytes: 0 })).toMatchObject({
      action: 'make-dir',
    });
  });
  test('a file too large is named so even past the count cap', () =>
    expect(decide(h('output/x', 'file', 601), 'output', caps, { files: 3, bytes: 0 })).toMatchObject({
      reason: 'file-too-large',
    }));
  test('the total cap counts what was written', () => {
    expect(decide(h('output/x', 'file', 500), 'output', caps, { files: 1, bytes: 500 })).toMatchObject({
      action: 'write-file',
    });
    expect(decide(h('output/x', 'file', 501), 'output', caps, { files: 1, bytes: 500 })).toMatchObject({
      reason: 'total-size-cap',
    });
  });
});
