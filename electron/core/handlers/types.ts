import type { z } from 'zod';
import type { Channel, Contract } from '../../../shared/ipc/contract';

/** What a handler receives: the request after the contract's schema parsed it. */
export type HandlerRequest<C extends Channel> = z.output<Contract[C]['request']>;
/** What a handler returns: anything the response schema accepts (dispatch applies its defaults). */
export type HandlerResponse<C extends Channel> = z.input<Contract[C]['response']>;

/** One async function per contract channel; the only way requests from the renderer reach core. */
export type HandlerTable = {
  [C in Channel]: (request: HandlerRequest<C>) => Promise<HandlerResponse<C>>;
};
