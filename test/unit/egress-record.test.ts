/** The proxy's one ledger-line builder (src/egress/record.ts): every path's line has the same fields in one order. */
import { describe, expect, test } from '@jest/globals';
import {
  decisionRecord,
  instantRefusal,
  onceRecorder,
  type DecisionFields,
} from '../../src/egress/record.js';
import type { DecisionRecord } from '../../src/egress/core.js';

const at = {
  kind: 'connect' as const,
  host: 'up.test',
  port: 443,
  started: Date.parse('2026-12-02T00:00:00Z'),
};
const ORDER = [
  'time',
  'kind',
  'host',
  'port',
  'address',
  'decision',
  'reason',
  'bytesUp',
  'bytesDown',
  'durationMs',
];

describe('decisionRecord', () => {
  test.each([
    [
      'a refusal: no address, no bytes, the origin as given',
      { decision: 'deny', reason: 'not-allowlisted', detail: 'd' },
      { host: 'up.test', port: 443, address: null, detail: 'd', bytesUp: 0, bytesDown: 0 },
      [...ORDER.slice(0, 7), 'detail', ...ORDER.slice(7)],
    ],
    [
      'an allowed exchange that failed: its address, bytes and error',
      {
        decision: 'allow',
        reason: 'allowed',
        address: '10.0.0.1',
        error: 'idle-timeout',
        bytesUp: 5,
        bytesDown: 7,
      },
      { address: '10.0.0.1', error: 'idle-timeout', bytesUp: 5, bytesDown: 7 },
      [...ORDER.slice(0, 7), 'error', ...ORDER.slice(7)],
    ],
    [
      'the path names the host it admitted (a CONNECT names the authority it read first)',
      { decision: 'allow', reason: 'allowed', host: 'other.test', durationMs: 3 },
      { host: 'other.test', durationMs: 3 },
      ORDER,
    ],
  ] as [string, DecisionFields, Partial<DecisionRecord>, string[]][])('%s', (_, fields, want, keys) => {
    const r = decisionRecord(at, fields);
    expect(r).toMatchObject({ time: '2026-12-02T00:00:00.000Z', kind: 'connect', ...fields, ...want });
    expect(Object.keys(r)).toEqual(keys);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  test('an instant refusal takes no time and is a deny', () => {
    const r = instantRefusal({ kind: 'dns', host: 'x.evil.test', port: 53 }, { reason: 'not-allowlisted' });
    expect(r).toMatchObject({ kind: 'dns', decision: 'deny', durationMs: 0, bytesUp: 0, address: null });
  });

  test('onceRecorder writes the first line only', () => {
    const lines: DecisionRecord[] = [];
    const rec = onceRecorder((l) => lines.push(l), at);
    rec({ decision: 'deny', reason: 'not-tls' });
    rec({ decision: 'allow', reason: 'allowed' });
    expect(lines.map((l) => l.decision)).toEqual(['deny']);
  });
});
