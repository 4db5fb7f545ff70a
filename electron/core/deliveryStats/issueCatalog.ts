/**
 * One catalog of causes and remedies per issue code, for the Delivery view, the CLI and the exports.
 * Marketo, HTTP and network codes come from the engine's own error catalog (marketo/errorCatalog.ts,
 * which this layer only reads), so a code is explained the same way here as in the lifecycle; the
 * engine's rejection codes (nothing sent) and a skip are described here, and each pipeline step adds
 * where in the delivery the cause lies.
 */
import type { PipelineStep, Severity } from '../../../shared/deliveryStats';
import type { ErrorKind } from '../../../shared/interaction';
import { lookupCode } from '../marketo/errorCatalog';

export interface IssueDescription {
  title: string;
  kind: ErrorKind;
  transient: boolean;
  /** For an issue that never went through; one that did is `changed` (see describeIssue). */
  severity: Severity;
  cause: string;
  remedy: string;
}

type Local = Omit<IssueDescription, 'transient'>;

const rejected = (title: string, cause: string, remedy: string): Local => ({
  title,
  kind: 'actionable',
  severity: 'dropped',
  cause,
  remedy,
});

/** The engine's own codes: the event was refused before (or instead of) a Marketo call. */
const LOCAL_CODES: ReadonlyMap<string, Local> = new Map([
  [
    'INVALID_EVENT',
    rejected(
      'Invalid event',
      'The event does not match the Segment spec, so nothing was sent.',
      'Open an example in the Tester: each problem is located in the editor; fix the source that sends it.',
    ),
  ],
  [
    'UNMAPPED_EVENT',
    rejected(
      'Unmapped event',
      'No custom activity is mapped to this track event name, so Marketo V2 rejects it.',
      'Map the event to an activityTypeId in the destination settings, or stop sending it.',
    ),
  ],
  [
    'MISSING_PRIMARY',
    rejected(
      'Missing primary property',
      "The mapped activity's primary property has no value in the event.",
      'Send the primary property with every event, or map another property as primary.',
    ),
  ],
  [
    'NO_IDENTIFIER',
    rejected(
      'No way to find the lead',
      'The event has none of the lookup fields (email, userId, ...) the settings try.',
      'Add an email trait or a userId to the event, or change leadLookup in the settings.',
    ),
  ],
  [
    'ANONYMOUS_NOT_ALLOWED',
    rejected(
      'Anonymous event',
      'The event has no userId and anonymous tracking is off.',
      'Send a userId, or set trackAnonymous to true in the destination settings.',
    ),
  ],
  [
    'PAGE_NOT_MAPPED',
    rejected(
      'Page not mapped',
      'Marketo V2 sends pages through Munchkin; the settings map no page activity.',
      'Map pages to a custom activity in the settings, or rely on Munchkin in the browser.',
    ),
  ],
  [
    'UNSUPPORTED_CALL',
    rejected(
      'Call type Marketo does not take',
      'Marketo V2 takes no screen, group or alias calls.',
      'Nothing to fix unless you meant another call: stop routing these to Marketo (integrations).',
    ),
  ],
  [
    'LEAD_NOT_FOUND',
    rejected(
      'Lead not found',
      'No Marketo lead matched the lookup, so the activity was not posted.',
      'Send an identify for this person first, or set createLeadIfMissing to true in the settings.',
    ),
  ],
  [
    'SKIPPED',
    {
      title: 'Skipped by integrations',
      kind: 'actionable',
      severity: 'intentional',
      cause: 'The event\'s integrations switch Marketo V2 off ("Marketo V2": false, or "All": false).',
      remedy: 'Intentional: nothing to do, unless these events should reach Marketo.',
    },
  ],
  [
    'UNCERTAIN',
    {
      title: 'Result not confirmed',
      kind: 'transient',
      severity: 'dropped',
      cause: 'The post got no clear answer and reading Marketo back could not confirm it landed.',
      remedy: "Check the lead's activity log in Marketo before sending again, so it is not posted twice.",
    },
  ],
  [
    'INTERNAL',
    {
      title: 'Engine failure',
      kind: 'fatal',
      severity: 'dropped',
      cause: 'The delivery engine failed unexpectedly.',
      remedy: 'This is a bug in the app: report it with an example lifecycle.',
    },
  ],
]);

const STEP_CONTEXT: ReadonlyMap<PipelineStep, string> = new Map([
  ['validate', 'while validating the event'],
  ['plan', 'while planning the calls'],
  ['token', 'at the access token request'],
  ['lookup', 'at the lead lookup'],
  ['upsert', 'at the lead upsert'],
  ['post', 'at the activity post'],
  ['read-back', 'while reading the activity back'],
]);

export function describeIssue(
  code: string,
  steps: readonly PipelineStep[],
  recoveredOnly: boolean,
): IssueDescription {
  const local = LOCAL_CODES.get(code);
  const base: IssueDescription = local ? { ...local, transient: false } : fromEngineCatalog(code);
  const where = steps
    .map((s) => STEP_CONTEXT.get(s))
    .filter(Boolean)
    .join(', ');
  const cause = where ? `${base.cause} Seen ${where}.` : base.cause;
  if (!recoveredOnly) return { ...base, cause };
  return {
    ...base,
    cause,
    severity: 'changed',
    remedy:
      `Went through on retry: not yours to fix. ${base.kind === 'transient' ? '' : base.remedy} A post retried after a timeout, reset or gateway error may appear twice in Marketo.`
        .replace(/\s+/g, ' ')
        .trim(),
  };
}

function fromEngineCatalog(code: string): IssueDescription {
  const entry = lookupCode(code);
  const transient = entry.kind === 'transient';
  return {
    title: entry.title,
    kind: entry.kind,
    transient,
    severity: 'dropped',
    cause: `${code} ${entry.title}${entry.mayHaveProcessed ? ' (Marketo may have processed the request anyway)' : ''}.`,
    remedy: transient ? `Not yours to fix: ${entry.hint}` : entry.hint,
  };
}

/** The steps recorded for an issue, in pipeline order; unknown names (old rows) are left out. */
export function pipelineSteps(names: readonly string[], order: readonly PipelineStep[]): PipelineStep[] {
  const known = new Set(names);
  return order.filter((step) => known.has(step));
}
