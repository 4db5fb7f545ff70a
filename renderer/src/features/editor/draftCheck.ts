/**
 * The draft's check, pure: Segment validation, then the Marketo lint of the active profile. Apart
 * from the store so the check worker (checkWorker.ts) runs the very same code off the main thread.
 */
import { isDuplicateKeyMessage, type JsonDocument } from '../../../../shared/json/document';
import { locate } from '../../../../shared/json/edit';
import { parsePath } from '../../../../shared/json/path';
import type { CatalogActivityType } from '../../../../shared/profiles';
import { lintForMarketo, type Severity } from '../../../../shared/segment/marketoLint';
import { checkSingleEvent, parseJsonText } from '../../../../shared/segment/validate';
import type { DestinationSettings } from '../../../../shared/settings';

/** One entry in the problems list: a validation error or warning, located in the draft when possible. */
export interface Problem {
  severity: Severity;
  path: string;
  message: string;
  line: number | null;
  column: number | null;
  /** 'marketo': predicted by the active profile's settings; it does not block Send. */
  source?: 'segment' | 'marketo';
  fix?: string;
}

/** The active profile's settings and, once loaded from Marketo, its activity types. */
export interface Destination {
  settings: DestinationSettings;
  activityTypes: readonly CatalogActivityType[] | null;
}

/**
 * The draft read as JSON, before any Segment rule: what the Event Builder shows. Read once per text
 * by the check (in the worker for a large draft), so no view parses the draft again on the main thread.
 */
export type DraftJson = JsonDocument;

export interface Checked {
  event: unknown;
  valid: boolean;
  problems: Problem[];
  json: DraftJson;
}

/** Validation is pure and derived from the text, so it lives here rather than in a component. */
export function checkDraft(text: string, destination: Destination | null = null): Checked {
  if (text.trim() === '') {
    return {
      event: undefined,
      valid: false,
      problems: [{ severity: 'error', path: '$', message: 'The draft is empty', line: 1, column: 1 }],
      json: { kind: 'empty' },
    };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { path, message, line, column } = parsed.error;
    return {
      event: undefined,
      valid: false,
      problems: [{ severity: 'error', path, message, line, column }],
      json: { kind: 'unreadable', path, message, duplicateKey: isDuplicateKeyMessage(message) },
    };
  }
  // Send takes exactly one event, so the draft is checked the way main checks it before delivering;
  // the editor's schema requires "type", so a missing one is an error here too, not an inference.
  const result = checkSingleEvent(parsed.value, { requireType: true });
  const located = (severity: Problem['severity']) => (issue: { path: string; message: string }) => {
    const segments = parsePath(issue.path);
    const at = segments ? locate(text, segments) : null;
    return {
      severity,
      path: issue.path,
      message: issue.message,
      line: at?.line ?? null,
      column: at?.column ?? null,
    };
  };
  const problems: Problem[] = [
    ...result.errors.map(located('error')),
    ...result.warnings.map(located('warning')),
  ];
  if (result.event && destination) {
    const findings = lintForMarketo(result.event, destination.settings, {
      activityTypes: destination.activityTypes,
    });
    for (const f of findings) problems.push({ ...located(f.severity)(f), source: 'marketo', fix: f.fix });
  }
  return {
    event: result.valid ? result.event : undefined,
    valid: result.valid,
    problems,
    json: { kind: 'value', value: parsed.value },
  };
}
