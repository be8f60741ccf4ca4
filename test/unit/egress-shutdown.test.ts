/** When the proxy leaves after SIGTERM (src/egress/shutdown.ts): not while anything that writes a line is open. */
import { describe, expect, jest, test } from '@jest/globals';
import { leaveWhenIdle, nothingOpen } from '../../src/egress/shutdown.js';

describe('nothingOpen', () => {
  test.each([
    [[], true],
    [['PipeWrap', 'TTYWrap', 'Timeout', 'Immediate', 'SignalWrap'], true],
    [['PipeWrap', 'TCPSocketWrap'], false],
    [['TCPServerWrap'], false],
    [['UDPWrap'], false],
    [['GetAddrInfoReqWrap'], false],
    [['ConnectWrap'], false],
    [['WriteWrap'], false],
    // A kind not known here is taken as open: the grace decides.
    [['SomeFutureWrap'], false],
  ])('%p -> %p', (kinds, want) => {
    expect(nothingOpen(kinds)).toBe(want);
  });
});

describe('leaveWhenIdle', () => {
  test.each([
    ['nothing open: at once', [[]], 0],
    [
      'a socket open for three checks, then closed',
      [['TCPSocketWrap'], ['TCPSocketWrap'], ['TCPSocketWrap'], ['PipeWrap']],
      6,
    ],
    ['a lookup settling', [['GetAddrInfoReqWrap'], ['Timeout']], 2],
  ])('%s', async (_n, lists, ms) => {
    jest.useFakeTimers({ now: 0 });
    try {
      let i = 0;
      const leave = jest.fn();
      leaveWhenIdle(leave, {
        graceMs: 200,
        resources: () => lists[Math.min(i++, lists.length - 1)]!,
        now: Date.now,
      });
      await jest.advanceTimersByTimeAsync(ms - 1 >= 0 ? ms - 1 : 0);
      if (ms > 0) expect(leave).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      expect(leave).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(500);
      expect(leave).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  test('a socket that never closes: the grace, not before', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const leave = jest.fn();
      leaveWhenIdle(leave, { graceMs: 200, resources: () => ['TCPSocketWrap'], now: Date.now });
      await jest.advanceTimersByTimeAsync(198);
      expect(leave).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(4);
      expect(leave).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
