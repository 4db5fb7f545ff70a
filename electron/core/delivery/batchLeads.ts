/**
 * Lead ids for a batch's activities: one createOrUpdate record per person (createLeadIfMissing), or
 * lookups of up to 300 filterValues per call, candidate field by candidate field (email, then
 * userId, ...). A value being looked up by another batch on the same instance is waited for, not
 * asked again: one in-flight lookup per (field, value).
 */
import type { MarketoClient } from '../marketo/client';
import { chunks, personKey, type Pending } from './batchPlan';
import { isSkipped, markBatch, MAX_BATCH_RECORDS, recordProblem } from './batchRecords';
import type { Instance } from './instances';
import { failedOutcome, type Executed } from './outcome';

export interface LeadRun {
  instance: Instance;
  client(): MarketoClient;
  now: () => Date;
  settle(p: Pending, executed: Executed): void;
}

interface Person {
  key: string;
  value: string;
  record?: Record<string, unknown>;
  events: Pending[];
}

const inFlight = new WeakMap<Instance, Map<string, Promise<number | undefined>>>();

function failAll(people: readonly Person[], executed: (p: Pending) => Executed, run: LeadRun): void {
  for (const person of people)
    for (const p of person.events) {
      p.settledByLeads = true;
      run.settle(p, executed(p));
    }
}

function group(
  items: readonly Pending[],
  pick: (p: Pending) => { field: string; value: string; record?: Record<string, unknown> } | undefined,
) {
  const byField = new Map<string, Map<string, Person>>();
  for (const p of items) {
    const which = pick(p);
    if (!which) continue;
    const people = byField.get(which.field) ?? new Map<string, Person>();
    byField.set(which.field, people);
    const key = personKey(which.field, which.value);
    const person = people.get(key) ?? {
      key,
      value: which.value,
      ...(which.record ? { record: which.record } : {}),
      events: [],
    };
    person.events.push(p);
    people.set(key, person);
  }
  return byField;
}

/** createLeadIfMissing: one upsert record per person finds or creates the lead. */
export async function upsertCreateLeads(items: readonly Pending[], run: LeadRun): Promise<void> {
  const byField = group(items, (p) => {
    if (p.action.type !== 'activity' || !p.action.createLead) return undefined;
    const { lookupField, record } = p.action.createLead;
    const value = record[lookupField];
    return typeof value === 'string' ? { field: lookupField, value, record } : undefined;
  });
  const calls = [...byField].flatMap(([field, people]) =>
    chunks([...people.values()], MAX_BATCH_RECORDS).map(async (chunk) => {
      const client = run.client();
      const result = await client.upsertLeadsBatch(
        chunk.map((person) => person.record ?? {}),
        field,
      );
      chunk.forEach((person, j) => person.events.forEach((p) => markBatch(p, client, chunk.length, j)));
      if (!result.ok)
        return failAll(chunk, (p) => failedOutcome(result.error, p.plan, p.interactions, run.now), run);
      chunk.forEach((person, j) => {
        const record = result.value[j];
        if (isSkipped(record) || typeof record?.id !== 'number') {
          const failure = recordProblem(client, record, 'lead-upsert');
          return failAll([person], (p) => failedOutcome(failure, p.plan, p.interactions, run.now), run);
        }
        run.instance.leads.set(field, person.value, record.id);
        for (const p of person.events) {
          p.leadId = record.id;
          if (record.status === 'created')
            p.warnings.push(
              `No lead had ${field} = ${person.value}, so lead ${record.id} was created (createLeadIfMissing).`,
            );
        }
      });
    }),
  );
  await Promise.all(calls);
}

/** Lookups, candidate by candidate, until each event has its lead or has run out of candidates. */
export async function lookupPending(items: readonly Pending[], run: LeadRun): Promise<void> {
  const remaining = (p: Pending) =>
    p.action.type === 'activity' &&
    p.leadId === undefined &&
    !p.settledByLeads &&
    p.candidate < p.action.lookups.length;
  let round = items.filter(remaining);
  while (round.length > 0) {
    const byField = group(round, (p) =>
      p.action.type === 'activity' ? p.action.lookups[p.candidate] : undefined,
    );
    await Promise.all([...byField].map(([field, people]) => lookupField(field, [...people.values()], run)));
    round = round.filter(remaining);
  }
}

function apply(person: Person, id: number | undefined): void {
  for (const p of person.events) {
    if (id === undefined) p.candidate += 1;
    else p.leadId = id;
  }
}

async function lookupField(field: string, people: Person[], run: LeadRun): Promise<void> {
  let flights = inFlight.get(run.instance);
  if (!flights) inFlight.set(run.instance, (flights = new Map()));
  const waiting: [Person, Promise<number | undefined>][] = [];
  const mine: Person[] = [];
  for (const person of people) {
    const cached = run.instance.leads.get(field, person.value);
    const flight = flights.get(person.key);
    if (cached !== undefined) apply(person, cached);
    else if (flight) waiting.push([person, flight]);
    else mine.push(person);
  }
  await Promise.all(chunks(mine, MAX_BATCH_RECORDS).map((chunk) => lookupChunk(field, chunk, run, flights)));
  for (const [person, flight] of waiting) apply(person, await flight);
}

async function lookupChunk(
  field: string,
  chunk: Person[],
  run: LeadRun,
  flights: Map<string, Promise<number | undefined>>,
): Promise<void> {
  let answer: (ids: Map<string, number>) => void = () => undefined;
  const shared = new Promise<Map<string, number>>((resolve) => (answer = resolve));
  const mineNow = new Map(chunk.map((person) => [person.key, shared.then((ids) => ids.get(person.key))]));
  for (const [key, flight] of mineNow) flights.set(key, flight);
  const ids = new Map<string, number>();
  try {
    const client = run.client();
    const fields = [...new Set(['id', field, 'email', 'userId'])];
    const result = await client.lookupLeadsBatch(
      field,
      chunk.map((person) => person.value),
      fields,
    );
    chunk.forEach((person, j) => person.events.forEach((p) => markBatch(p, client, chunk.length, j)));
    if (!result.ok)
      return failAll(chunk, (p) => failedOutcome(result.error, p.plan, p.interactions, run.now), run);
    const matches = new Map<string, number[]>();
    for (const lead of [...result.value].sort((a, b) => a.id - b.id)) {
      const value = lead[field];
      if (value === undefined || value === null || typeof lead.id !== 'number') continue;
      const key = personKey(field, String(value));
      matches.set(key, [...(matches.get(key) ?? []), lead.id]);
    }
    for (const person of chunk) {
      const found = matches.get(person.key);
      if (found && found.length > 1)
        for (const p of person.events)
          p.warnings.push(
            `${found.length} leads match ${field} = ${person.value}; using the first (id ${found[0]}). Merge the duplicates in Marketo.`,
          );
      if (found) {
        ids.set(person.key, found[0]!);
        run.instance.leads.set(field, person.value, found[0]!);
      }
      apply(person, found?.[0]);
    }
  } finally {
    answer(ids);
    for (const [key, flight] of mineNow) if (flights.get(key) === flight) flights.delete(key);
  }
}
