/** Output and exit codes shared by the CLI commands. */
/** `interrupted`: Ctrl+C stopped the command (128 + SIGINT, as shells report it). */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the user interrupts (Ctrl+C); used by long-running commands. */
  interrupted(): Promise<void>;
}

export const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interrupted: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};
