import { useEffect, useRef, useState, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Columns } from './chartData';

const HEIGHT = 170;

/**
 * One uPlot chart. It is rebuilt when its data or width changes (a few dozen buckets: cheaper than
 * diffing), reports the hovered bucket for the readout and a click on a bucket.
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
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<{ index: number; left: number } | null>(null);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = host.current;
    if (!element || width === 0) return;
    const base = options({ width, height: HEIGHT });
    const chart = new uPlot(
      {
        ...base,
        hooks: {
          drawAxes: [(u) => shade(u, columns[0], highlight)],
          setCursor: [
            (u) => {
              const index = u.cursor.idx;
              setHover(index === null || index === undefined ? null : { index, left: u.cursor.left ?? 0 });
            },
          ],
        },
      },
      columns as uPlot.AlignedData,
      element,
    );
    const onClick = () => {
      const index = chart.cursor.idx;
      if (index !== null && index !== undefined) select.current?.(index);
    };
    chart.over.addEventListener('click', onClick);
    return () => {
      chart.over.removeEventListener('click', onClick);
      chart.destroy();
    };
  }, [columns, options, width, highlight]);

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
