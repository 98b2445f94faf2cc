import { describe, expect, it } from 'vitest';
import { SseParser } from './changeStream';

describe('SseParser', () => {
  it('reads events split across chunks and ignores comments and heartbeats', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 5000\n: connected\n\nevent: cha')).toEqual([]);
    expect(parser.push('nge\ndata: {"collection":"households","seq":3}\r\n\r\n: heartbeat\n\n')).toEqual([
      { event: 'change', data: '{"collection":"households","seq":3}' },
    ]);
    expect(parser.push('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
