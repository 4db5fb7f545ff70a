import { useMemo } from 'react';
import { eventCode, PrettyRaw } from '../../ui/PrettyRaw';
import { useDraftStore } from './draftStore';

/** The draft as the code that sends it (Pretty) or its JSON (Raw); only a valid event has code. */
export function DraftCode() {
  const event = useDraftStore((s) => s.event);
  const text = useDraftStore((s) => s.text);
  const pretty = useMemo(() => (event === undefined ? [] : eventCode(event)), [event]);
  return (
    <div className="draft-code">
      {event === undefined && (
        <p className="muted small">
          The draft is not a valid event yet: its code shows once the problems below are fixed.
        </p>
      )}
      <PrettyRaw raw={text} pretty={pretty} testId="draft-code" />
    </div>
  );
}
