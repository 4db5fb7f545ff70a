import { parseJson } from './parseJson';

/**
 * A document as read for a view: empty, unreadable (a syntax error or a key given twice, with its
 * place), or its value. The draft's check produces it once per text (in a worker for a large draft)
 * so views such as the Event Builder never parse the same text again.
 */
export type JsonDocument =
  | { kind: 'empty' }
  | { kind: 'unreadable'; path: string; message: string; duplicateKey: boolean }
  | { kind: 'value'; value: unknown };

/** The message parseJson gives a key that appears twice. */
export const isDuplicateKeyMessage = (message: string): boolean => message.startsWith('the key ');

export function readJsonDocument(text: string): JsonDocument {
  if (text.trim() === '') return { kind: 'empty' };
  const parsed = parseJson(text);
  if (!parsed.ok) return { kind: 'unreadable', ...where(parsed.error), duplicateKey: false };
  const duplicate = parsed.value.problems.find((p) => isDuplicateKeyMessage(p.message));
  if (duplicate) return { kind: 'unreadable', ...where(duplicate), duplicateKey: true };
  return { kind: 'value', value: parsed.value.value };
}

const where = ({ path, message }: { path: string; message: string }) => ({ path, message });
