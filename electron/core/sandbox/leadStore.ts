import type { SandboxLead } from './types';
import { FIRST_NEW_LEAD_ID, seedLeads, type LeadFieldDef } from './seed';

/** The sandbox's lead database. Field names are case sensitive, as in Marketo. */
export class LeadStore {
  private leads = new Map<number, SandboxLead>();
  private nextId = FIRST_NEW_LEAD_ID;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.leads = new Map(seedLeads().map((lead) => [lead.id, lead]));
    this.nextId = FIRST_NEW_LEAD_ID;
  }

  all(): SandboxLead[] {
    return [...this.leads.values()].map((lead) => ({ ...lead }));
  }

  get(id: number): SandboxLead | undefined {
    return this.leads.get(id);
  }

  /** Leads whose `field` equals `value`, in id order. Emails match case-insensitively. */
  find(field: string, value: string | number): SandboxLead[] {
    const wanted = normalise(field, value);
    return [...this.leads.values()]
      .filter(
        (lead) =>
          lead[field] !== undefined && lead[field] !== null && normalise(field, lead[field]) === wanted,
      )
      .sort((a, b) => a.id - b.id);
  }

  create(fields: Record<string, unknown>): SandboxLead {
    const now = timestamp();
    const lead: SandboxLead = { ...withoutId(fields), id: this.nextId++, createdAt: now, updatedAt: now };
    this.leads.set(lead.id, lead);
    return lead;
  }

  update(lead: SandboxLead, fields: Record<string, unknown>): void {
    Object.assign(lead, withoutId(fields), { updatedAt: timestamp() });
  }
}

function withoutId(fields: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = fields;
  return rest;
}

function normalise(field: string, value: unknown): string {
  const text = String(value);
  return field === 'email' ? text.toLowerCase() : text;
}

/** Marketo's datetime format: ISO-8601 in UTC without milliseconds. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks one value against a lead field's type; returns the 1001 message, or null when it fits. */
export function invalidLeadValue(def: LeadFieldDef, value: unknown): string | null {
  if (value === null) return null;
  const bad = `Invalid value '${String(value)}'. Required of type '${def.dataType}'`;
  switch (def.dataType) {
    case 'integer':
      return Number.isInteger(value) ? null : bad;
    case 'email':
      // Marketo takes ASCII-only addresses.
      return typeof value === 'string' && EMAIL.test(value) && /^[\x21-\x7e]+$/.test(value) ? null : bad;
    default:
      if (typeof value !== 'string') return bad;
      if (def.length !== null && value.length > def.length) {
        return `Invalid value for '${def.name}': longer than ${def.length} characters`;
      }
      return null;
  }
}
