/**
 * Marketo's day, for its daily API quota: it resets at midnight US Central (America/Chicago), as
 * the docs say, whatever the time zone of the machine that counts.
 */
const chicago = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Chicago',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

function chicagoParts(now: Date): (type: Intl.DateTimeFormatPartTypes) => string {
  const parts = chicago.formatToParts(now);
  return (type) => parts.find((p) => p.type === type)?.value ?? '0';
}

/** The quota day `now` falls in, as `YYYY-MM-DD` in US Central time. */
export function quotaDayOf(now: Date): string {
  const get = chicagoParts(now);
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Milliseconds until the next midnight in America/Chicago. */
export function msUntilQuotaReset(now: Date = new Date()): number {
  const get = chicagoParts(now);
  const elapsed = Number(get('hour')) * 3600 + Number(get('minute')) * 60 + Number(get('second'));
  return (24 * 3600 - elapsed) * 1000;
}
