import { describe, expect, test } from '@jest/globals';
import { Demuxer } from '../../src/engine/demux.js';
import { LogStream } from '../../src/sandbox/logs.js';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
};

describe('Demuxer', () => {
  const all = Buffer.concat([frame(1, 'out1'), frame(2, 'err1'), frame(1, ''), frame(1, 'out2')]);
  test.each([1, 2, 3, 5, 7, 8, 9, 13, all.length])('split every %d bytes', (step) => {
    const got: string[] = [];
    const d = new Demuxer((s, b) => got.push(`${s}:${b.toString()}`));
    for (let i = 0; i < all.length; i += step) d.push(all.subarray(i, i + step));
    expect(got).toEqual(['stdout:out1', 'stderr:err1', 'stdout:out2']);
  });
});

function sink() {
  const chunks: string[] = [];
  return { chunks, write: (c: Buffer | string) => void chunks.push(c.toString()) };
}

describe('LogStream', () => {
  test('on GitHub, the build log is fenced by a fresh random stop-commands token', () => {
    const out = sink();
    const err = sink();
    const l = new LogStream({ stdout: out, stderr: err }, 1000, true);
    l.begin();
    l.write('stdout', Buffer.from('::add-mask::x\n'));
    l.write('stderr', Buffer.from('::error::forged\n'));
    l.end();
    const text = out.chunks.join('');
    const m = /^::stop-commands::([0-9a-f]{32})\n/.exec(text);
    expect(m).not.toBeNull();
    expect(text.endsWith(`\n::${m![1]}::\n`)).toBe(true);
    // Both streams are inside the fence.
    expect(text).toContain('::error::forged');
    expect(err.chunks.join('')).toBe('');
    // A second log gets another token.
    const out2 = sink();
    const l2 = new LogStream({ stdout: out2, stderr: sink() }, 1000, true);
    l2.begin();
    expect(out2.chunks[0]).not.toBe(out.chunks[0]);
  });
  test('without GitHub there is no fence and streams stay apart', () => {
    const out = sink();
    const err = sink();
    const l = new LogStream({ stdout: out, stderr: err }, 1000, false);
    l.begin();
    l.write('stdout', Buffer.from('a'));
    l.write('stderr', Buffer.from('b'));
    l.end();
    expect(out.chunks.join('')).toBe('a');
    expect(err.chunks.join('')).toBe('b');
  });
  test('the log is cut at the limit with one clear line, and the rest is counted', () => {
    const out = sink();
    const err = sink();
    const l = new LogStream({ stdout: out, stderr: err }, 10, false);
    l.write('stdout', Buffer.from('0123456'));
    l.write('stdout', Buffer.from('789abc'));
    l.write('stdout', Buffer.from('zzz'));
    expect(l.end()).toEqual({ shownBytes: 10, droppedBytes: 6 });
    expect(out.chunks.join('')).toBe('0123456789');
    expect(l.truncated).toBe(true);
    expect(err.chunks.join('')).toMatch(/log cut at 10 bytes/);
  });
});
