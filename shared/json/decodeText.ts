/**
 * Bytes of a JSON file to text, refusing what would otherwise be changed silently: invalid UTF-8
 * (a decoder replaces it with U+FFFD) and UTF-16 (read as UTF-8 it is garbage). A UTF-8 byte-order
 * mark is accepted and dropped.
 */
import { err, ok, type Result } from '../result';

export function decodeJsonBytes(bytes: Uint8Array): Result<string> {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return err(utf16('FF FE, little-endian'));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return err(utf16('FE FF, big-endian'));
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(bom);
  // UTF-16 without a byte-order mark: ASCII text with a zero byte beside every character.
  if (body.length >= 2 && (body[0] === 0 || body[1] === 0)) return err(utf16('no byte-order mark'));
  try {
    return ok(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body));
  } catch {
    const at = firstInvalidUtf8(body);
    const { line, column } = lineOfByte(body, at);
    const byte = body[at]?.toString(16).toUpperCase().padStart(2, '0') ?? 'end';
    return err(
      `is not valid UTF-8: byte 0x${byte} at line ${line}, column ${column} (byte ${at + bom}); save the file as UTF-8`,
    );
  }
}

const utf16 = (how: string) => `is UTF-16 (${how}); save it as UTF-8`;

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF.
    const c1 = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && c1 < 0xa0) ||
      (b === 0xed && c1 > 0x9f) ||
      (b === 0xf0 && c1 < 0x90) ||
      (b === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return bytes.length;
}

function lineOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] !== 10) continue;
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
