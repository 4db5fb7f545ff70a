import type { IpcError } from '../../../shared/ipc/contract';

/**
 * An expected failure a handler reports to the renderer as a typed error. Its message is shown to
 * the user, so it is written for them and must never carry a secret.
 */
export class IpcHandlerError extends Error {
  readonly code: IpcError['code'];

  constructor(code: IpcError['code'], message: string) {
    super(message);
    this.name = 'IpcHandlerError';
    this.code = code;
  }
}
