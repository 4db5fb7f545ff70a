/** How the CLI prints a delivery: `send` right after delivering and `history show` from the store. */
import {
  callsToMake,
  type DeliveryResult,
  type Interaction,
  type PlannedCall,
  type ReadBack,
} from '../../shared/interaction';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function formatResult(result: DeliveryResult, targetLabel: string): string {
  const lines: string[] = [];
  lines.push(`${result.outcome.toUpperCase()}${result.reason ? `  ${result.reason}` : ''}`);
  if (result.code) lines.push(`  code: ${result.code}`);
  if (result.hint) lines.push(`  hint: ${result.hint}`);
  for (const warning of result.warnings) lines.push(`  warning: ${warning}`);
  lines.push(`  target: ${targetLabel}`);
  if (result.readBack) lines.push('', ...formatReadBack(result.readBack));
  if (result.dryRun && result.plan.length > 0) lines.push('', ...formatPlan(result.plan));
  if (result.interactions.length > 0) {
    lines.push('', `Lifecycle (${plural(result.interactions.length, 'request')}):`);
    result.interactions.forEach((interaction, index) =>
      lines.push(...formatInteraction(interaction, index, result.interactions.length)),
    );
  }
  return lines.join('\n');
}

/** A dry run's plan: the calls to make, numbered, and the ones the caches save, marked `skip` with why. */
function formatPlan(plan: readonly PlannedCall[]): string[] {
  const total = callsToMake(plan).length;
  const skipped = plan.length - total;
  const lines = [
    `Plan (${plural(total, 'call')}, nothing sent${skipped > 0 ? `; ${skipped} skipped` : ''}):`,
  ];
  let index = 0;
  for (const call of plan) {
    if (call.skipped !== undefined) lines.push(...formatSkipped(call, call.skipped));
    else lines.push(...formatPlanned(call, index++, total));
  }
  return lines;
}

function formatSkipped(call: PlannedCall, why: string): string[] {
  return [`  skip ${call.step.padEnd(13)} ${call.method.padEnd(4)} ${call.path}`, `        ${why}`];
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

/** `--verify`: what Marketo stored beside what was sent, one field a line. */
function formatReadBack(readBack: ReadBack): string[] {
  if (!readBack.found) return ['Read back: the activity was not listed by Marketo when read back.'];
  const show = (value: unknown) => (value === undefined || value === null ? '-' : JSON.stringify(value));
  const width = Math.max(...readBack.fields.map((f) => f.name.length));
  return [
    `Read back: activity ${readBack.activityId ?? '(no id)'} as Marketo stored it:`,
    ...readBack.fields.map(
      (f) =>
        `  ${f.match ? 'same' : 'DIFF'}  ${f.name.padEnd(width)}  sent ${show(f.sent)}  stored ${show(f.stored)}`,
    ),
  ];
}
