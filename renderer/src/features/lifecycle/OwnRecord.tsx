import { useMemo } from 'react';
import type { Interaction } from '../../../../shared/interaction';
import type { LineMark } from '../../ui/JsonBlock';
import { ownLookupValue, ownRecordPlace, type BodySide, type RecordPlace } from './batchRecord';
import { useLifecycle } from './lifecycleContext';
import { selectInteractions } from './lifecycleStore';

const LABELS: Record<BodySide, string> = {
  request: 'this event’s record',
  response: 'this event’s result',
};

/** Where this event's record is in one side's body; the lifecycle's other calls place a re-post's. */
function useOwnRecordPlace(interaction: Interaction, side: BodySide, text: string | null): RecordPlace {
  const lifecycle = useLifecycle(selectInteractions);
  return useMemo(
    () => ownRecordPlace(interaction, side, text, lifecycle),
    [interaction, side, text, lifecycle],
  );
}

/** The lines of a batched body to mark as this event's, for the body viewer. */
export function useOwnRecordMark(
  interaction: Interaction,
  side: BodySide,
  text: string | null,
): LineMark | null {
  const place = useOwnRecordPlace(interaction, side, text);
  return useMemo(
    () => (place.kind === 'lines' ? { ...place.lines, label: LABELS[side] } : null),
    [place, side],
  );
}

/**
 * What the body viewer cannot mark, in words: a lookup's value for this event (it sits in a
 * comma-separated list), or a re-post that did not carry this event's record or where it could not
 * be told apart.
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
  const place = useOwnRecordPlace(interaction, side, text);
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
  if (place.kind === 'not-carried')
    return (
      <p className="own-record-note muted small" data-testid="own-record-unmarked">
        This re-post carried {place.count} of the batch’s {batch.records} records, the ones a read-back had
        not found; this event’s was not among them.
      </p>
    );
  if (place.kind !== 'other-count') return null;
  return (
    <p className="own-record-note muted small" data-testid="own-record-unmarked">
      This {side === 'request' ? 'call carried' : 'answer holds'} {place.count} of the batch’s {batch.records}{' '}
      records (a re-post sends only those a read-back did not find), and this event’s record could not be told
      apart among them.
    </p>
  );
}
