import type { CountBucket } from '../../../../shared/collector';

const HEIGHT = 120;

/** Calls per bucket as SVG bars; a title on each bar gives its exact count. */
export function BarChart({ buckets, bucket }: { buckets: CountBucket[]; bucket: 'hour' | 'day' }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const width = Math.max(buckets.length, 1);
  const label = (at: string) =>
    bucket === 'hour'
      ? new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false })
      : new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  const every = Math.max(1, Math.ceil(buckets.length / 8));
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  return (
    <figure className="schema-chart">
      {/* role="img" hides the bars' titles from screen readers, so the image names its range itself. */}
      <svg
        viewBox={`0 0 ${width * 10} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={
          first && last
            ? `Calls per ${bucket} from ${label(first.at)} to ${label(last.at)}, busiest ${max.toLocaleString()}`
            : `Calls per ${bucket}: none`
        }
        className="schema-bars"
      >
        {buckets.map((b, i) => {
          const h = (b.count / max) * (HEIGHT - 4);
          return (
            <rect key={b.at} x={i * 10 + 1} y={HEIGHT - h} width={8} height={h} className="schema-bar">
              <title>{`${label(b.at)}: ${b.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="schema-axis">
        {buckets.map((b, i) => (
          <span key={b.at} style={{ visibility: i % every === 0 ? 'visible' : 'hidden' }}>
            {label(b.at)}
          </span>
        ))}
      </div>
      <figcaption className="muted small">
        Calls per {bucket}; busiest {max.toLocaleString()}
      </figcaption>
    </figure>
  );
}
