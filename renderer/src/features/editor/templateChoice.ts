import { BUILDER_TEMPLATES } from '../../../../shared/segment/builderTemplates';
import { eventTemplates, type TemplateName } from '../../../../shared/segment/templates';

export const TEMPLATES: readonly { key: TemplateName; label: string }[] = [
  { key: 'track', label: 'Track' },
  { key: 'identify', label: 'Identify' },
  { key: 'page', label: 'Page' },
];

/**
 * Whether `text` is exactly what a template (the editor's or the Builder's) makes, given the messageId, timestamp and library
 * version it carries (each template stamps fresh ones): a draft nobody has edited since.
 */
export function isTemplateText(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const { messageId, timestamp, context } = parsed as Record<string, unknown>;
  if (typeof messageId !== 'string' || typeof timestamp !== 'string') return false;
  const stamp = new Date(timestamp);
  if (Number.isNaN(stamp.getTime())) return false;
  const library = (context as { library?: { version?: unknown } } | undefined)?.library;
  const options = {
    uuid: () => messageId,
    now: () => stamp,
    ...(typeof library?.version === 'string' ? { libraryVersion: library.version } : {}),
  };
  return (
    TEMPLATES.some(({ key }) => eventTemplates[key](options) === text) ||
    BUILDER_TEMPLATES.some((template) => template.build(options) === text)
  );
}

/**
 * Whether replacing the draft would throw away the user's own work: not when it is empty, still
 * exactly a template, or still exactly what was last loaded into it (an event opened from History
 * or the Debugger, a suite case).
 */
export function draftHasOwnEdits(text: string, lastLoaded: string | null): boolean {
  if (text.trim() === '' || text === lastLoaded) return false;
  return !isTemplateText(text);
}
