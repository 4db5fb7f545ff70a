/**
 * Suite files on disk: read with located problems, written with the stable layout through the one
 * atomicWrite. A file this build cannot read (invalid, or from a newer formatVersion) is never
 * overwritten: saving over it is refused, so nothing a newer build wrote is lost.
 */
import { stat } from 'node:fs/promises';
import { err, ok, type Result } from '../../../shared/result';
import {
  formatSuiteProblems,
  parseSuiteText,
  serializeSuite,
  SuiteFileSchema,
  type SuiteFile,
  type SuiteProblem,
} from '../../../shared/suites';
import { atomicWrite } from '../atomicWrite';
import { readInputFile } from '../inputFile';

export interface SuiteFileError {
  message: string;
  problems: SuiteProblem[];
}

export async function readSuiteFile(path: string): Promise<Result<SuiteFile, SuiteFileError>> {
  const text = await readInputFile(path, 'suite file');
  if (!text.ok) return err({ message: text.error, problems: [] });
  const parsed = parseSuiteText(text.value);
  if (!parsed.ok)
    return err({
      message: `${path} is not a suite this build can run:\n${formatSuiteProblems(path, parsed.error)}`,
      problems: parsed.error,
    });
  return ok(parsed.value);
}

export async function writeSuiteFile(path: string, suite: SuiteFile): Promise<Result<string>> {
  const checked = SuiteFileSchema.safeParse(suite);
  if (!checked.success)
    return err(
      `The suite is not valid: ${checked.error.issues.map((i) => `${i.path.join('.') || '$'}: ${i.message}`).join('; ')}`,
    );
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) {
    const current = await readSuiteFile(path);
    if (!current.ok)
      return err(
        `${path} holds something this build cannot read, so it is not overwritten; save as a new file.\n${current.error.message}`,
      );
  }
  try {
    await atomicWrite(path, serializeSuite(checked.data));
  } catch (error) {
    return err(`Could not save ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return ok(path);
}
