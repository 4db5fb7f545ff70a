import { Agent, request } from 'node:http';
import { expect, test } from '../harness';

/**
 * `npm run bench`: events posted to the collector at 200 a second for 60 s (BENCH_COLLECTOR_SECONDS
 * and BENCH_COLLECTOR_RATE change that) with the Debugger open. Prints how many were lost (sent but
 * not stored, or stored but not counted on screen) and the ingest-to-screen median: from the post
 * leaving Node to its row appearing in the page's DOM (same machine, same clock).
 */
const SECONDS = Number(process.env.BENCH_COLLECTOR_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_COLLECTOR_RATE ?? 200);

/**
 * Posts as Segment's libraries do: over a few keep-alive connections (a browser opens at most 6 per
 * host). The first version used Node's global fetch, whose pool has no connection cap: when the
 * machine was busy and this process (which also runs the collector) fell behind, every post in
 * flight opened its own socket, thousands of them, and they failed as connect timeouts
 * (UND_ERR_CONNECT_TIMEOUT after 10 s) and resets. That was the bench's "fetch failed" burst, not
 * the collector losing events: with a bounded pool the same stalls only queue posts.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 6 });
test.afterAll(() => agent.destroy());

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

test(`collector: ${RATE} events/s for ${SECONDS} s into the open Debugger`, async ({ page, harness }) => {
  test.setTimeout((SECONDS + 90) * 1000);
  const url = harness.core.collector.status().url!;
  await harness.open();
  await page.getByTestId('nav-debugger').click();
  await expect(page.getByTestId('debugger-empty')).toBeVisible();

  // Rows that appear carry "Bench <seq>"; the page notes when each was first in the DOM.
  await page.evaluate(() => {
    const seen = new Map<number, number>();
    (window as unknown as { __benchSeen: Map<number, number> }).__benchSeen = seen;
    new MutationObserver((records) => {
      const at = performance.timeOrigin + performance.now();
      for (const record of records)
        for (const node of record.addedNodes) {
          const text = node instanceof HTMLElement ? node.textContent : null;
          const match = text ? /Bench (\d+)/.exec(text) : null;
          if (match && !seen.has(Number(match[1]))) seen.set(Number(match[1]), at);
        }
    }).observe(document.querySelector('[data-testid="debugger-list"]')!, { childList: true, subtree: true });
  });

  const sentAt = new Map<number, number>();
  const total = SECONDS * RATE;
  const failures: string[] = [];
  const posts: Promise<void>[] = [];
  const started = Date.now();
  for (let seq = 0; seq < total; seq++) {
    const due = started + (seq * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sentAt.set(seq, Date.now());
    posts.push(
      post(
        `${url}/v1/track`,
        JSON.stringify({ event: `Bench ${seq}`, userId: 'bench', properties: { seq } }),
        { 'Content-Type': 'application/json', Authorization: `Basic ${btoa('wk_bench:')}` },
      ).then(
        (status) => {
          if (status !== 200) failures.push(`${seq}: HTTP ${status}`);
        },
        (error: NodeJS.ErrnoException) => void failures.push(`${seq}: ${error.code ?? ''} ${error.message}`),
      ),
    );
  }
  await Promise.all(posts);
  const count = page.getByTestId('debugger-count');
  await expect(count)
    .toHaveText(`${total.toLocaleString('en-US')} events`, { timeout: 30_000 })
    .catch(() => {});

  const stored = harness.core.collector.store!.received.list({ source: 'wk_bench', limit: 1 }).total;
  const onScreen = Number((await count.innerText()).replace(/\D/g, ''));
  const seen = new Map<number, number>(
    await page.evaluate(() => [...(window as unknown as { __benchSeen: Map<number, number> }).__benchSeen]),
  );
  const latencies = [...seen].map(([seq, at]) => at - sentAt.get(seq)!);
  const rows = [
    ['sent', String(total)],
    ['HTTP failures', String(failures.length)],
    ['lost (sent, not stored)', String(total - stored)],
    ['lost (stored, not counted on screen)', String(stored - onScreen)],
    ['rows seen in the DOM', String(seen.size)],
    ['ingest-to-screen median', `${median(latencies).toFixed(1)} ms`],
    ['ingest-to-screen p95', `${percentile(latencies, 0.95).toFixed(1)} ms`],
  ];
  console.log(
    `\nCollector bench (${RATE}/s for ${SECONDS} s)\n${rows.map(([k, v]) => `  ${k!.padEnd(38)} ${v}`).join('\n')}`,
  );
  expect(failures).toEqual([]);
  expect(stored).toBe(total);
});
