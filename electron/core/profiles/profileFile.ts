/**
 * profiles.json in the data folder: every profile's non-secret fields and which one is active.
 *
 * Why a JSON file and not the SQLite store: profiles are a handful of small records that people
 * share and diff (an agency hands a colleague its setup), the CLI reads them without opening the
 * native database, and a file cannot race the store's migration numbering that other features grow.
 * Written with atomicWrite (temp file, fsync, rename) and re-read before every change, so the app
 * and a CLI `profiles add` in another process do not lose each other's edits.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ProfileFieldsSchema, ProfileIdSchema, SANDBOX_PROFILE_ID } from '../../../shared/profiles';
import { err, ok, type Result } from '../../../shared/result';
import { atomicWrite } from '../atomicWrite';
import { sandboxDefaultSettings } from '../sandbox/seed';

export const PROFILES_FILE = 'profiles.json';

export const StoredProfileSchema = ProfileFieldsSchema.extend({
  id: ProfileIdSchema,
  /** Whether the vault holds this profile's credentials (so listing never has to decrypt). */
  secretStored: z.boolean().default(false),
  updatedAt: z.string(),
});
export type StoredProfile = z.infer<typeof StoredProfileSchema>;

export const ProfilesDocumentSchema = z.object({
  formatVersion: z.literal(1),
  activeProfileId: z.string(),
  profiles: z.array(StoredProfileSchema),
});
export type ProfilesDocument = z.infer<typeof ProfilesDocumentSchema>;

export function profilesPath(dataDir: string): string {
  return join(dataDir, PROFILES_FILE);
}

export function sandboxProfile(now: Date): StoredProfile {
  return {
    id: SANDBOX_PROFILE_ID,
    name: 'Sandbox',
    color: '#3fb950',
    endpoint: '',
    production: false,
    dailyQuota: 50_000,
    settings: sandboxDefaultSettings(),
    secretStored: false,
    updatedAt: now.toISOString(),
  };
}

/** The document on disk; a missing file is the first run (the Sandbox only). The Sandbox is always put back. */
export async function readProfiles(file: string, now: Date = new Date()): Promise<Result<ProfilesDocument>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return err(`cannot read ${file} (${code ?? 'error'})`);
    text = '';
  }
  let doc: ProfilesDocument;
  if (text.trim() === '') {
    doc = { formatVersion: 1, activeProfileId: SANDBOX_PROFILE_ID, profiles: [] };
  } else {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return err(`${file} is not valid JSON; fix or remove it`);
    }
    const parsed = ProfilesDocumentSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return err(
        `${file} is not a profiles file this version reads (${issue?.path.join('.')}: ${issue?.message})`,
      );
    }
    doc = parsed.data;
  }
  if (!doc.profiles.some((p) => p.id === SANDBOX_PROFILE_ID)) doc.profiles.unshift(sandboxProfile(now));
  if (!doc.profiles.some((p) => p.id === doc.activeProfileId)) doc.activeProfileId = SANDBOX_PROFILE_ID;
  return ok(doc);
}

export async function writeProfiles(file: string, doc: ProfilesDocument): Promise<void> {
  await atomicWrite(file, `${JSON.stringify(doc, null, 2)}\n`);
}
