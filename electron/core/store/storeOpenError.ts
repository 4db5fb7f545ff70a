/**
 * Why the history database could not be opened. The message is written for the person running
 * the app or the CLI: which file, what is wrong with it, and what they can do. The store never
 * repairs, truncates or migrates a file it refuses, so nothing is lost by the refusal.
 */
export type StoreOpenProblem = 'not-a-database' | 'corrupt' | 'newer-schema' | 'unreadable';

export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';

  constructor(
    readonly file: string,
    readonly problem: StoreOpenProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const ELSEWHERE = 'or start Event Tester with --data-dir (or EVENT_TESTER_HOME) pointing to another folder';

export function notADatabase(file: string, cause?: unknown): StoreOpenError {
  return new StoreOpenError(
    file,
    'not-a-database',
    `Event Tester cannot open its history database "${file}": the file is not an SQLite database. ` +
      `It was left untouched. Move or rename it (Event Tester then starts a new, empty history), ${ELSEWHERE}.`,
    { cause },
  );
}

export function corrupt(file: string, detail: string, cause?: unknown): StoreOpenError {
  return new StoreOpenError(
    file,
    'corrupt',
    `Event Tester cannot open its history database "${file}": the file is damaged (${detail}). ` +
      `It was left untouched. Move or rename it to start a new, empty history, ${ELSEWHERE}.`,
    { cause },
  );
}

export function newerSchema(file: string, found: number, known: number): StoreOpenError {
  return new StoreOpenError(
    file,
    'newer-schema',
    `Event Tester cannot open its history database "${file}": it was written by a newer Event Tester ` +
      `(schema ${found}, this build knows ${known}). It was left untouched. Update Event Tester, ${ELSEWHERE}.`,
  );
}

export function unreadable(file: string, cause: unknown): StoreOpenError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StoreOpenError(
    file,
    'unreadable',
    `Event Tester cannot open its history database "${file}": ${detail}. ` +
      `Check that the folder and the file belong to you and can be written, ${ELSEWHERE}.`,
    { cause },
  );
}
