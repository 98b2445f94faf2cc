import { describe, expect, it } from 'vitest';
import { Subject } from 'rxjs';
import { resyncSignals, SseParser, type ChangeSignal } from './changeStream';

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

describe('resyncSignals', () => {
  it('routes a collection’s change to its replication only, and a general signal to all', () => {
    const feed = new Subject<ChangeSignal>();
    const heard: string[] = [];
    const subscriptions = ['households', 'people'].map((name) =>
      resyncSignals(feed, name).subscribe(() => heard.push(name)),
    );
    feed.next({ collection: 'people' });
    expect(heard).toEqual(['people']);
    feed.next({});
    expect(heard).toEqual(['people', 'households', 'people']);
    feed.next({ collection: 'calls' });
    expect(heard).toHaveLength(3);
    for (const s of subscriptions) s.unsubscribe();
  });
});
