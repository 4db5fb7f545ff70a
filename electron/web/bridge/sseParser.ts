/** One Server-Sent Event: its name (`message` when the server gave none) and its data lines joined. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * An incremental parser for the `text/event-stream` format (the parts we use: `event`, `data`,
 * comments), fed text as it arrives. The bridge needs it because EventSource cannot send the token
 * header, so the stream is read with fetch instead.
 */
export function createSseParser(onMessage: (message: SseMessage) => void): { feed(text: string): void } {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return; // a comment: the server's heartbeat
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };

  return {
    feed(text) {
      buffer += text;
      // Lines end in \n, \r\n or \r; a trailing \r may be half of a \r\n still in flight.
      for (;;) {
        const match = /\r\n|\n|\r(?=[^\n])/.exec(buffer);
        if (!match) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
  };
}
