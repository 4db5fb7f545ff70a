import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Columns } from './chartData';

const HEIGHT = 170;

/**
 * One uPlot chart, built once per set of options (the theme's) and then kept: new data goes in with
 * setData, a new width with setSize and a clicked bucket with a redraw, so a period switch does not
 * pay for a new canvas, axes and event wiring. It reports the hovered bucket for the readout and a
 * click on a bucket.
 */
export function TrendChart({
  label,
  columns,
  options,
  readout,
  onSelect,
  highlight,
  testId,
}: {
  label: string;
  columns: Columns;
  options: (size: { width: number; height: number }) => uPlot.Options;
  readout: (index: number) => ReactNode;
  onSelect?: (index: number) => void;
  /** The clicked bucket, shaded behind the bars. */
  highlight: number | null;
  testId: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<{ index: number; left: number } | null>(null);
  // What the long-lived chart reads when it builds or draws, always the latest props.
  const latest = useRef({ onSelect, columns, highlight, width });
  useEffect(() => {
    latest.current = { onSelect, columns, highlight, width };
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const hasWidth = width > 0;
  useEffect(() => {
    const element = host.current;
    if (!element || !hasWidth) return;
    const built = buildChart(element, options, latest, setHover);
    chart.current = built;
    return () => {
      chart.current = null;
      built.destroy();
    };
  }, [options, hasWidth]);

  useEffect(() => {
    if (width > 0) chart.current?.setSize({ width, height: HEIGHT });
  }, [width]);
  useEffect(() => {
    chart.current?.setData(columns as uPlot.AlignedData);
  }, [columns]);
  useEffect(() => {
    chart.current?.redraw(false);
  }, [highlight]);

  return (
    <figure className="trend-chart" aria-label={label} data-testid={testId}>
      <figcaption className="trend-caption">{label}</figcaption>
      <div className="trend-plot" ref={host} onMouseLeave={() => setHover(null)} />
      {hover && (
        <div
          className="trend-readout"
          role="status"
          data-testid={`${testId}-readout`}
          style={{ left: Math.round(hover.left) + 64 }}
        >
          {readout(hover.index)}
        </div>
      )}
    </figure>
  );
}

type Latest = RefObject<{
  onSelect: ((index: number) => void) | undefined;
  columns: Columns;
  highlight: number | null;
  width: number;
}>;

function buildChart(
  element: HTMLElement,
  options: (size: { width: number; height: number }) => uPlot.Options,
  latest: Latest,
  setHover: (hover: { index: number; left: number } | null) => void,
): uPlot {
  const base = options({ width: latest.current.width, height: HEIGHT });
  const chart = new uPlot(
    {
      ...base,
      hooks: {
        drawAxes: [(u) => shade(u, latest.current.columns[0], latest.current.highlight)],
        setCursor: [
          (u) => {
            const index = u.cursor.idx;
            setHover(index === null || index === undefined ? null : { index, left: u.cursor.left ?? 0 });
          },
        ],
      },
    },
    latest.current.columns as uPlot.AlignedData,
    element,
  );
  chart.over.addEventListener('click', () => {
    const index = chart.cursor.idx;
    if (index !== null && index !== undefined) latest.current.onSelect?.(index);
  });
  return chart;
}

/** Shades bucket `index` across the plot (drawn under the series). */
function shade(u: uPlot, xs: readonly number[], index: number | null): void {
  if (index === null || xs[index] === undefined) return;
  const step = xs.length > 1 ? xs[1]! - xs[0]! : 60;
  const left = u.valToPos(xs[index]! - step / 2, 'x', true);
  const right = u.valToPos(xs[index]! + step / 2, 'x', true);
  const { ctx } = u;
  ctx.save();
  ctx.fillStyle = 'rgba(91, 141, 239, 0.16)';
  ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
  ctx.restore();
}
