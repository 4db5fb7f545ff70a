import { useCallback, useMemo } from 'react';
import { formatLatency, type TrendBucket } from '../../../../shared/deliveryStats';
import { bucketLabel, bucketReadout, latencyColumns, outcomeColumns } from './chartData';
import { latencyChartOptions, outcomeChartOptions, themeColors } from './chartTheme';
import { useDeliveryStore } from './stores';
import { TrendChart } from './TrendChart';

const OUTCOME_LABELS = ['Failed', 'Uncertain', 'Rejected', 'Skipped', 'Delivered'];
const LEGEND = [
  ['Delivered', 'success'],
  ['Skipped', 'neutral'],
  ['Rejected', 'warning'],
  ['Uncertain', 'warning-soft'],
  ['Failed', 'danger'],
] as const;

function Readout({ bucket }: { bucket: TrendBucket | undefined }) {
  if (!bucket) return null;
  return (
    <>
      <strong className="readout-title">{bucketLabel(bucket)}</strong>
      <dl className="readout-list">
        {bucketReadout(bucket).map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <span className="readout-hint">Click to show this bucket's issues</span>
    </>
  );
}

/** Outcomes stacked per bucket and latency (median, p95) per bucket; a click narrows the issues. */
export function TrendsSection() {
  const trends = useDeliveryStore((s) => s.trends);
  const bucket = useDeliveryStore((s) => s.bucket);
  const selectBucket = useDeliveryStore((s) => s.selectBucket);
  const buckets = useMemo(() => trends?.buckets ?? [], [trends]);
  const bucketMs = trends?.range.bucketMs ?? 60_000;
  const outcomes = useMemo(() => outcomeColumns(buckets, bucketMs), [buckets, bucketMs]);
  const latency = useMemo(() => latencyColumns(buckets, bucketMs), [buckets, bucketMs]);
  const colors = useMemo(() => themeColors(), []);
  const outcomeOptions = useCallback(
    (size: { width: number; height: number }) => outcomeChartOptions(colors, size, OUTCOME_LABELS),
    [colors],
  );
  const latencyOptions = useCallback(
    (size: { width: number; height: number }) => latencyChartOptions(colors, size, (ms) => formatLatency(ms)),
    [colors],
  );
  const readout = useCallback((i: number) => <Readout bucket={buckets[i]} />, [buckets]);
  const onSelect = useCallback(
    (i: number) => {
      const b = buckets[i];
      if (b) selectBucket({ start: b.start, end: b.end });
    },
    [buckets, selectBucket],
  );
  if (!trends) return null;
  const highlight = bucket ? buckets.findIndex((b) => b.start === bucket.start) : -1;
  const bucketMinutes = trends.range.bucketMs / 60_000;
  const size = bucketMinutes >= 60 ? `${bucketMinutes / 60} h` : `${bucketMinutes} min`;
  return (
    <section className="pane trends" aria-label="Trends" data-testid="delivery-trends">
      <header className="pane-head">
        <h2>Trends</h2>
        <span className="muted small" data-testid="bucket-size">
          {buckets.length} buckets of {size}
        </span>
        <ul className="trend-legend" aria-label="Legend">
          {LEGEND.map(([label, tone]) => (
            <li key={label}>
              <span className={`legend-swatch swatch-${tone}`} aria-hidden="true" />
              {label}
            </li>
          ))}
          <li>
            <span className="legend-line line-median" aria-hidden="true" />
            Median
          </li>
          <li>
            <span className="legend-line line-p95" aria-hidden="true" />
            p95
          </li>
        </ul>
      </header>
      <div className="trend-charts">
        <TrendChart
          label="Outcomes per bucket"
          columns={outcomes}
          options={outcomeOptions}
          readout={readout}
          onSelect={onSelect}
          highlight={highlight >= 0 ? highlight : null}
          testId="outcome-chart"
        />
        <TrendChart
          label="Latency per bucket (median and p95)"
          columns={latency}
          options={latencyOptions}
          readout={readout}
          onSelect={onSelect}
          highlight={highlight >= 0 ? highlight : null}
          testId="latency-chart"
        />
      </div>
    </section>
  );
}
