import type { HandlerContext } from './context';
import type { HandlerTable } from './types';

export function draftHandlers(ctx: HandlerContext): Pick<HandlerTable, 'draft:load' | 'draft:save'> {
  return {
    'draft:load': async () => {
      const draft = await ctx.drafts.load();
      return { text: draft?.text ?? null, savedAt: draft?.savedAt ?? null };
    },
    'draft:save': async ({ text }) => {
      ctx.assertLive();
      const draft = await ctx.drafts.save(text);
      return { savedAt: draft.savedAt };
    },
  };
}
