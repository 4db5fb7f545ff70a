import { basename, resolve } from 'node:path';
import {
  SUITE_FILE_SUFFIX,
  formatSuiteProblems,
  parseSuiteText,
  type SuiteFile,
} from '../../../shared/suites';
import { estimateCalls } from '../suites/estimate';
import { createRecentSuites } from '../suites/recentSuites';
import { runSuite } from '../suites/runner';
import { readSuiteFile, writeSuiteFile } from '../suites/suiteFile';
import type { HandlerContext } from './context';
import { IpcHandlerError } from './handlerError';
import type { HandlerTable } from './types';

type SuiteChannels =
  | 'suite:open'
  | 'suite:save'
  | 'suite:recent'
  | 'suite:estimate'
  | 'suite:run'
  | 'suite:cancel'
  | 'suite:runs'
  | 'suite:get-run';

/**
 * Only `*.suite.json` paths are read or written: the renderer names the path, so this keeps the
 * channel from becoming a way to read or overwrite any file the user can reach.
 */
function suitePath(path: string): string {
  const absolute = resolve(path);
  if (!absolute.endsWith(SUITE_FILE_SUFFIX))
    throw new IpcHandlerError('bad-request', `A suite file's name ends with ${SUITE_FILE_SUFFIX}: ${path}`);
  return absolute;
}

function selected(suite: SuiteFile, only: readonly number[] | null): unknown[] {
  return suite.cases.filter((_, i) => only === null || only.includes(i)).map((c) => c.event);
}

export function suiteHandlers(ctx: HandlerContext): Pick<HandlerTable, SuiteChannels> {
  const recent = ctx.recentSuites ?? createRecentSuites(null);
  // One controller per run in flight, by the run id its first progress push announced.
  const running = new Map<string, AbortController>();
  const target = (id: string) => {
    const found = ctx.targets.get(id);
    if (!found.ok) throw new IpcHandlerError('not-found', found.error);
    return found.value;
  };
  return {
    'suite:open': async ({ path, text, name }) => {
      if (text !== undefined) {
        const parsed = parseSuiteText(text);
        if (!parsed.ok)
          throw new IpcHandlerError('bad-request', formatSuiteProblems(name ?? 'upload', parsed.error));
        return { path: null, suite: parsed.value };
      }
      const absolute = suitePath(path!);
      const read = await readSuiteFile(absolute);
      if (!read.ok) throw new IpcHandlerError('bad-request', read.error.message);
      await recent.add(absolute);
      return { path: absolute, suite: read.value };
    },
    'suite:save': async ({ path, suite }) => {
      const written = await writeSuiteFile(suitePath(path), suite);
      if (!written.ok) throw new IpcHandlerError('bad-request', written.error);
      await recent.add(written.value);
      return { path: written.value, name: basename(written.value) };
    },
    'suite:recent': async () => ({ paths: await recent.list() }),
    'suite:estimate': async ({ suite, only, targetId }) => {
      const estimate = estimateCalls(selected(suite, only), suite.settings ?? target(targetId).settings);
      const profile = (await ctx.profiles.list()).profiles.find((p) => p.id === targetId);
      // Only a production profile is asked for its usage: the test itself costs a call.
      const tested = profile?.production ? await ctx.profiles.test(targetId) : null;
      const left = tested?.ok && tested.value.usage ? tested.value.usage.left : null;
      return { ...estimate, left };
    },
    'suite:run': async ({ suite, suitePath: path, only, targetId }) => {
      ctx.assertLive();
      target(targetId);
      const controller = new AbortController();
      let runId: string | null = null;
      const outcome = await runSuite({
        suite,
        suitePath: path,
        sends: ctx.sends,
        targetId,
        env: process.env,
        ...(only ? { only } : {}),
        signal: controller.signal,
        recorder: ctx.suiteRuns ?? null,
        onProgress: (progress) => {
          runId = progress.runId;
          running.set(runId, controller);
          ctx.push('run:progress', progress);
        },
      }).finally(() => runId && running.delete(runId));
      if (!outcome.ok) throw new IpcHandlerError('bad-request', outcome.error);
      return outcome.value.run;
    },
    'suite:cancel': async ({ runId }) => {
      const controller = running.get(runId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'suite:runs': async () => ({ runs: ctx.suiteRuns?.list(50) ?? [] }),
    'suite:get-run': async ({ id }) => {
      const run = ctx.suiteRuns?.get(id);
      if (!run) throw new IpcHandlerError('not-found', `Run ${id} is not recorded (history may be off).`);
      return run;
    },
  };
}
