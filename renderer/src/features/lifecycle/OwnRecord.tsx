import { useMemo } from 'react';
import type { Interaction } from '../../../../shared/interaction';
import type { LineMark } from '../../ui/JsonBlock';
import { ownLookupValue, ownRecordPlace, type BodySide } from './batchRecord';

const LABELS: Record<BodySide, string> = {
  request: 'this event’s record',
  response: 'this event’s result',
};

/** The lines of a batched body to mark as this event's, for the body viewer. */
export function useOwnRecordMark(
  interaction: Interaction,
  side: BodySide,
  text: string | null,
): LineMark | null {
  return useMemo(() => {
    const place = ownRecordPlace(interaction, side, text);
    return place.kind === 'lines' ? { ...place.lines, label: LABELS[side] } : null;
  }, [interaction, side, text]);
}

/**
 * What the body viewer cannot mark, in words: a lookup's value for this event (it sits in a
 * comma-separated list), or a re-post that carried fewer records than the batch.
 */
export function OwnRecordNote({
  interaction,
  side,
  text,
}: {
  interaction: Interaction;
  side: BodySide;
  text: string | null;
}) {
  const place = useMemo(() => ownRecordPlace(interaction, side, text), [interaction, side, text]);
  const value = side === 'request' ? ownLookupValue(interaction) : null;
  const { batch } = interaction;
  if (!batch) return null;
  if (value !== null)
    return (
      <p className="own-record-note" data-testid="own-lookup-value">
        This event’s value in <code>filterValues</code>: <mark className="own-value">{value}</mark> (value{' '}
        {batch.index + 1} of {batch.records})
      </p>
    );
  if (place.kind !== 'other-count') return null;
  return (
    <p className="own-record-note muted small" data-testid="own-record-unmarked">
      This {side === 'request' ? 'call carried' : 'answer holds'} {place.count} of the batch’s {batch.records}{' '}
      records (a re-post sends only those a read-back did not find), so this event’s record is not marked by
      position.
    </p>
  );
}
