/**
 * The one Result shape of the project: success carries `value`, failure carries `error`. The IPC
 * envelope, the Marketo client, file readers and the services all answer with it, so a caller never
 * has to remember whether this module says `reason`, `message` or `failure`.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
