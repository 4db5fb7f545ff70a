import type { ServerResponse } from 'node:http';
import { isPushChannel } from '../../shared/ipc/channelMethods';
import type { PushChannel } from '../../shared/ipc/contract';

/** A client this far behind is not reading; it is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface PushHub {
  /** Takes over `res` as an event stream until the client goes away or the hub closes. */
  attach(res: ServerResponse): void;
  push(channel: PushChannel, payload: unknown): void;
  close(): void;
}

/**
 * The Server-Sent Events side of the web host: every push channel message goes to every open
 * `/events` stream as `event: <channel>` with JSON data; comments keep idle streams (and any proxy
 * or OS idle timer in between) from closing them.
 */
export function createPushHub(heartbeatMs: number): PushHub {
  const clients = new Set<ServerResponse>();
  const write = (text: string): void => {
    for (const res of clients) {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        clients.delete(res);
        res.destroy();
      } else {
        res.write(text);
      }
    }
  };
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();

  return {
    attach(res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        Connection: 'keep-alive',
      });
      // A first comment flushes the headers, so the bridge knows at once that it is connected.
      res.write(': connected\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    push(channel, payload) {
      if (!isPushChannel(channel)) return;
      // JSON.stringify escapes newlines, so the payload is always a single `data:` line.
      write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
    },
    close() {
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
