/**
 * Reading a file a user named (an event, a settings file): only regular files, size-capped, and
 * decoded strictly (shared/json/decodeText.ts). A FIFO would block forever, /dev/zero never ends and
 * a 2 GB file would be read whole; each gets a clear error instead.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { decodeJsonBytes } from '../../shared/json/decodeText';
import { err, type Result } from '../../shared/result';

/** Far above any event (Marketo takes 1 MB per request) or settings file; below memory trouble. */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export async function readInputFile(
  file: string,
  what: string,
  maxBytes = MAX_INPUT_FILE_BYTES,
): Promise<Result<string>> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO without a writer must not hang; it is refused below as not a file.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return err(`cannot read ${what} ${file}${code ? ` (${code})` : ''}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      return err(`${what} ${file} is not a regular file (${kindOf(stat)}); give a JSON file`);
    if (stat.size > maxBytes)
      return err(`${what} ${file} is ${megabytes(stat.size)}; at most ${megabytes(maxBytes)} is read`);
    // Read at most one byte past the cap, in case the file grows while we read.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size, 0) + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) return err(`${what} ${file} is over ${megabytes(maxBytes)}`);
    const text = decodeJsonBytes(buffer.subarray(0, bytesRead));
    return text.ok ? text : err(`${file} ${text.error}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return err(`cannot read ${what} ${file}${code ? ` (${code})` : ''}`);
  } finally {
    await handle.close();
  }
}

function kindOf(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isSocket(): boolean;
}) {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
