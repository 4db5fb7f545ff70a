/**
 * What a run will cost in API calls, before it starts (the production confirmation): each case
 * planned as the batch would send it, counted per batched call. An upper bound on lookups (every
 * person needs one) and a lower bound on retries (none).
 */
import type { DestinationSettings } from '../../../shared/settings';
import { checkSingleEvent } from '../../../shared/segment/validate';
import { planDelivery } from '../delivery/plan';
import { personKey } from '../delivery/batchPlan';

export interface CallEstimate {
  calls: number;
  upserts: number;
  lookups: number;
  posts: number;
  /** Cases that would be refused before sending (no call). */
  refused: number;
}

const per300 = (n: number) => Math.ceil(n / 300);

export function estimateCalls(events: readonly unknown[], settings: DestinationSettings): CallEstimate {
  const upsertPeople = new Map<string, Set<string>>();
  const lookupPeople = new Map<string, Set<string>>();
  let activities = 0;
  let refused = 0;
  const add = (map: Map<string, Set<string>>, field: string, value: string) => {
    const set = map.get(field) ?? new Set<string>();
    set.add(personKey(field, value));
    map.set(field, set);
  };
  for (const event of events) {
    const check = checkSingleEvent(event);
    const plan = check.valid && check.event ? planDelivery(check.event, settings) : null;
    if (!plan || plan.kind !== 'send') {
      refused++;
      continue;
    }
    const action = plan.action;
    if (action.type === 'upsert') add(upsertPeople, action.lookupField, action.candidate.value);
    else {
      activities++;
      const create = action.createLead;
      const value = create?.record[create.lookupField];
      if (create && typeof value === 'string') add(upsertPeople, create.lookupField, value);
      else if (action.lookups[0]) add(lookupPeople, action.lookups[0].field, action.lookups[0].value);
    }
  }
  const sum = (map: Map<string, Set<string>>) => [...map.values()].reduce((n, s) => n + per300(s.size), 0);
  const upserts = sum(upsertPeople);
  const lookups = sum(lookupPeople);
  const posts = per300(activities);
  return { calls: upserts + lookups + posts, upserts, lookups, posts, refused };
}
