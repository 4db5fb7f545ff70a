import {
  describeChange,
  formatLatency,
  formatRate,
  type DeliveryMetrics,
  type DeliveryOverview,
  type MetricKind,
} from '../../../../shared/deliveryStats';

/** One Summary card: its value and the change against the previous period, coloured by whether it is better. */
export interface SummaryCard {
  id: keyof DeliveryMetrics;
  label: string;
  value: string;
  /** A second line: a share of the total, or calls per event. */
  detail: string | null;
  change: string | null;
  /** good / bad: the change is an improvement or not; neutral: no change or nothing to compare. */
  trend: 'good' | 'bad' | 'neutral';
}

interface CardSpec {
  id: keyof DeliveryMetrics;
  label: string;
  kind: MetricKind;
  /** Whether more is better (delivered) or worse (failed); null: neither (calls). */
  higherIsBetter: boolean | null;
  share?: boolean;
}

const CARDS: readonly CardSpec[] = [
  { id: 'delivered', label: 'Delivered', kind: 'count', higherIsBetter: true, share: true },
  { id: 'rejected', label: 'Rejected', kind: 'count', higherIsBetter: false, share: true },
  { id: 'skipped', label: 'Skipped', kind: 'count', higherIsBetter: null, share: true },
  { id: 'failed', label: 'Failed', kind: 'count', higherIsBetter: false, share: true },
  { id: 'uncertain', label: 'Uncertain', kind: 'count', higherIsBetter: false, share: true },
  {
    id: 'retriedDelivered',
    label: 'Retried, then delivered',
    kind: 'count',
    higherIsBetter: false,
    share: true,
  },
  { id: 'successRate', label: 'Success rate', kind: 'rate', higherIsBetter: true },
  { id: 'medianMs', label: 'Median latency', kind: 'latency', higherIsBetter: false },
  { id: 'p95Ms', label: 'p95 latency', kind: 'latency', higherIsBetter: false },
  { id: 'calls', label: 'API calls', kind: 'count', higherIsBetter: null },
];

const numberFormat = new Intl.NumberFormat('en');

function valueText(kind: MetricKind, value: number | null): string {
  if (kind === 'rate') return formatRate(value);
  if (kind === 'latency') return formatLatency(value);
  return numberFormat.format(value ?? 0);
}

function detailOf(spec: CardSpec, m: DeliveryMetrics): string | null {
  if (spec.id === 'calls') return m.callsPerEvent === null ? null : `${m.callsPerEvent.toFixed(2)} per event`;
  if (spec.share)
    return m.total > 0
      ? `${formatRate((m[spec.id] as number) / m.total)} of ${numberFormat.format(m.total)}`
      : null;
  return null;
}

export function summaryCards(overview: DeliveryOverview): SummaryCard[] {
  const { current, previous } = overview;
  return CARDS.map((spec) => {
    const now = current[spec.id] as number | null;
    const before = previous[spec.id] as number | null;
    const change = describeChange(spec.kind, now, before);
    const moved = now !== null && before !== null && now !== before;
    const better = spec.higherIsBetter === null || !moved ? null : now! > before! === spec.higherIsBetter;
    return {
      id: spec.id,
      label: spec.label,
      value: valueText(spec.kind, now),
      detail: detailOf(spec, current),
      change,
      trend: better === null ? 'neutral' : better ? 'good' : 'bad',
    };
  });
}
