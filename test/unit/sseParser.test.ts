import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '../../electron/web/bridge/sseParser';

function parse(chunks: string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createSseParser((message) => messages.push(message));
  for (const chunk of chunks) parser.feed(chunk);
  return messages;
}

describe('createSseParser', () => {
  it('reads named events and skips comments (heartbeats)', () => {
    expect(parse([': connected\n\nevent: event:progress\ndata: {"a":1}\n\n: heartbeat\n\n'])).toEqual([
      { event: 'event:progress', data: '{"a":1}' },
    ]);
  });

  it('joins data lines, defaults the name, and takes any line ending', () => {
    expect(parse(['data: one\r\ndata:two\r\n\r\n', 'data: x\r\rdata: y\n\n'])).toEqual([
      { event: 'message', data: 'one\ntwo' },
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('copes with messages split anywhere between chunks, even inside \\r\\n', () => {
    const text = 'event: a\r\ndata: {"b":2}\r\n\r\nevent: c\ndata: 3\n\n';
    const whole = parse([text]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(parse(text.split(''))).toEqual(whole);
  });

  it('waits for the blank line before emitting', () => {
    expect(parse(['event: a\ndata: 1\n'])).toEqual([]);
  });
});
