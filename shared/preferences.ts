import { z } from 'zod';

/**
 * The user's small choices that outlive the app and `event-tester ui` (whose port, and so whose
 * localStorage, changes every start): kept by core in `preferences.json` in the data folder.
 */
export const PreferencesSchema = z.object({
  /** The Tester's note on what the built-in Sandbox is, once the user has dismissed it. */
  sandboxNoteDismissed: z.boolean().default(false),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/** What `app:set-preferences` takes: any of the preferences; the others keep their values. */
export const PreferencesPatchSchema = z
  .object({
    sandboxNoteDismissed: z.boolean().optional(),
  })
  .strict();
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;
