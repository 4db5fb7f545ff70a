/**
 * `event-tester send <file>`: deliver one event to Marketo (or the embedded sandbox) and print the
 * outcome and every HTTP exchange.
 */
import {
  checkEndpoint,
  createDeliveryEngine,
  redactText,
  startSandbox,
  type MarketoTarget,
  type Sandbox,
} from '../../core';
import type { DeliveryResult, Interaction, PlannedCall } from '../../../shared/interaction';
import { CALL_TYPES, type CallType } from '../../../shared/segment/schemas';
import { DestinationSettingsSchema, type DestinationSettings } from '../../../shared/settings';
import { EXIT, type CliIo } from '../io';
import { readJsonFile, readSettingsFile, type JsonFileResult } from '../../core/settingsFile';

interface SendArgs {
  file: string;
  dryRun: boolean;
  json: boolean;
  settingsFile?: string;
  endpoint?: string;
  type?: CallType;
}

class UsageError extends Error {}

const USAGE =
  'usage: event-tester send <file> [--dry-run] [--json] [--settings FILE] [--endpoint URL] [--type CALL]';

export async function runSend(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed: SendArgs;
  try {
    parsed = parseArgs(args);
  } catch (error) {
    io.err(`event-tester send: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }

  const input = await readEventFile(parsed.file);
  if (!input.ok) {
    io.err(`event-tester send: ${input.message}`);
    return EXIT.usage;
  }

  let settings: DestinationSettings | undefined;
  if (parsed.settingsFile) {
    const loaded = await readSettingsFile(parsed.settingsFile);
    if (!loaded.ok) {
      io.err(`event-tester send: ${loaded.message}`);
      return EXIT.usage;
    }
    settings = loaded.settings;
  }

  let target: MarketoTarget;
  let sandbox: Sandbox | undefined;
  let targetLabel: string;
  if (parsed.endpoint !== undefined) {
    const checked = checkEndpoint(parsed.endpoint);
    if (!checked.ok) {
      io.err(`event-tester send: --endpoint refused: ${checked.reason}`);
      return EXIT.usage;
    }
    const clientId = env.MARKETO_CLIENT_ID?.trim();
    const clientSecret = env.MARKETO_CLIENT_SECRET?.trim();
    if (!clientId || !clientSecret) {
      const missing = [!clientId && 'MARKETO_CLIENT_ID', !clientSecret && 'MARKETO_CLIENT_SECRET'].filter(
        Boolean,
      );
      io.err(
        `event-tester send: --endpoint needs credentials in the environment: set ${missing.join(' and ')} (the API user's client id and secret from Admin > LaunchPoint).`,
      );
      return EXIT.usage;
    }
    target = { endpoint: checked.endpoint, clientId, clientSecret };
    if (!settings) {
      io.err('event-tester send: no --settings given; using default settings (no track events mapped).');
      settings = DestinationSettingsSchema.parse({ formatVersion: 1 });
    }
    targetLabel = checked.endpoint;
  } else {
    sandbox = await startSandbox();
    target = { endpoint: sandbox.url, ...sandbox.credentials };
    settings ??= sandbox.settings;
    targetLabel = `${sandbox.url} (embedded sandbox)`;
  }

  const engine = createDeliveryEngine();
  let result: DeliveryResult;
  try {
    result = await engine.deliver(input.value, target, settings, {
      dryRun: parsed.dryRun,
      ...(parsed.type ? { impliedType: parsed.type } : {}),
    });
  } finally {
    engine.close();
    await sandbox?.close();
  }

  // SECURITY: interactions are redacted at creation; this is a last net over everything printed.
  const scrub = (text: string) => redactText(text, [target.clientSecret, target.clientId]);
  if (parsed.json) io.out(scrub(JSON.stringify(result, null, 2)));
  else io.out(scrub(formatResult(result, targetLabel)));

  if (result.code === 'INVALID_EVENT') {
    if (parsed.json) io.err(scrub(`event-tester send: ${result.reason ?? 'the event is not valid'}`));
    return EXIT.usage;
  }
  return result.outcome === 'rejected' || result.outcome === 'failed' ? EXIT.failed : EXIT.ok;
}

function parseArgs(args: string[]): SendArgs {
  const files: string[] = [];
  const out: Omit<SendArgs, 'file'> = { dryRun: false, json: false };
  const valueOf = (index: number, name: string) => {
    const value = args[index + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return value;
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const take = () => (inline !== undefined ? inline : valueOf(i++, name));
    switch (name) {
      case '--dry-run':
        out.dryRun = true;
        break;
      case '--json':
        out.json = true;
        break;
      case '--settings':
        out.settingsFile = take();
        break;
      case '--endpoint':
        out.endpoint = take();
        break;
      case '--type': {
        const type = take();
        if (!(CALL_TYPES as readonly string[]).includes(type)) {
          throw new UsageError(`--type must be one of ${CALL_TYPES.join(', ')}, got '${type}'`);
        }
        out.type = type as CallType;
        break;
      }
      default:
        if (name.startsWith('-') && name !== '-') throw new UsageError(`unknown option '${name}'`);
        files.push(arg);
    }
  }
  if (files.length !== 1) {
    throw new UsageError(
      files.length === 0 ? 'a file with one event is required' : `send takes one file, got ${files.length}`,
    );
  }
  return { file: files[0]!, ...out };
}

async function readEventFile(file: string): Promise<JsonFileResult<{ value: unknown }>> {
  const loaded = await readJsonFile(file, 'event file');
  if (!loaded.ok) return loaded;
  const value = loaded.value;
  const count = Array.isArray(value)
    ? value.length
    : value !== null && typeof value === 'object' && 'batch' in value && Array.isArray(value.batch)
      ? value.batch.length
      : 1;
  if (count !== 1) {
    return {
      ok: false,
      message: `${file} holds ${count} events; send takes exactly one (use 'event-tester validate' for several)`,
    };
  }
  return loaded;
}

function formatResult(result: DeliveryResult, targetLabel: string): string {
  const lines: string[] = [];
  lines.push(`${result.outcome.toUpperCase()}${result.reason ? `  ${result.reason}` : ''}`);
  if (result.code) lines.push(`  code: ${result.code}`);
  if (result.hint) lines.push(`  hint: ${result.hint}`);
  for (const warning of result.warnings) lines.push(`  warning: ${warning}`);
  lines.push(`  target: ${targetLabel}`);
  if (result.dryRun && result.plan.length > 0) {
    lines.push('', `Plan (${result.plan.length} call${result.plan.length === 1 ? '' : 's'}, nothing sent):`);
    result.plan.forEach((call, index) => lines.push(...formatPlanned(call, index, result.plan.length)));
  }
  if (result.interactions.length > 0) {
    lines.push(
      '',
      `Lifecycle (${result.interactions.length} request${result.interactions.length === 1 ? '' : 's'}):`,
    );
    result.interactions.forEach((interaction, index) =>
      lines.push(...formatInteraction(interaction, index, result.interactions.length)),
    );
  }
  return lines.join('\n');
}

function formatPlanned(call: PlannedCall, index: number, total: number): string[] {
  const lines = [
    `  ${index + 1}/${total} ${call.step.padEnd(13)} ${call.method.padEnd(4)} ${call.path}`,
    `        ${call.note}`,
  ];
  if (call.body !== undefined) lines.push(`        body: ${JSON.stringify(call.body)}`);
  return lines;
}

function formatInteraction(interaction: Interaction, index: number, total: number): string[] {
  const { request, response, error, classification } = interaction;
  const status = response ? String(response.status) : (error?.code ?? '-');
  const attempt = interaction.attempt > 1 ? `  attempt ${interaction.attempt}` : '';
  const lines = [
    `  ${index + 1}/${total} ${interaction.step.padEnd(13)} ${request.method.padEnd(4)} ${request.url}  ${status}  ${interaction.durationMs} ms${attempt}`,
  ];
  if (error) lines.push(`        error: ${error.code} ${error.message}`);
  if (classification)
    lines.push(`        ${classification.kind} (${classification.code}): ${classification.hint}`);
  return lines;
}
