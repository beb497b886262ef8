const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parse a user-given ISO-8601 time into canonical UTC text (`…T…Z`), or null when it is not a real time.
 * A date alone means midnight UTC; a time without a zone is taken as UTC.
 */
export function parseIsoTime(text: string): string | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  // Date.parse rolls 2014-02-31 over to March; refuse such dates instead.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const t = text.trim().replace(' ', 'T');
  const ms = Date.parse(m[4] === undefined ? `${t}T00:00:00Z` : zone === undefined ? `${t}Z` : t);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
