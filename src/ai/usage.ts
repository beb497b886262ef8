import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-file.ts';

/** What `<state-dir>/gemini-usage.json` holds: the UTC day and how many Gemini HTTP requests were sent that day. */
export interface UsageRecord {
  date: string;
  requests: number;
}

/** The UTC calendar day of `d`, as YYYY-MM-DD. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Counts Gemini HTTP requests per UTC day (retries included), so anidex can stop before the free tier's
 * requests-per-day quota answers 429 for the rest of the day. With a file the count survives between runs and
 * is shared by every anidex process using the same data folder (the file is re-read on every call); with
 * `null` it lives in memory (tests).
 *
 * The file only ever holds `{date, requests}`: no key, no prompt.
 */
export class UsageCounter {
  private memory: UsageRecord;

  constructor(
    readonly file: string | null,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.memory = { date: utcDay(this.now()), requests: 0 };
  }

  /** Requests sent today (UTC). */
  count(): number {
    return this.current().requests;
  }

  /** Record `n` more requests today; a new day starts again from 0. */
  add(n = 1): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`UsageCounter.add: ${n} is not a count`);
    const rec = this.current();
    const next: UsageRecord = { date: rec.date, requests: rec.requests + n };
    this.memory = next;
    if (this.file !== null) {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, Buffer.from(JSON.stringify(next) + '\n', 'utf8'));
    }
  }

  /** Requests left today under `budget` (never negative). */
  remaining(budget: number): number {
    return Math.max(0, budget - this.count());
  }

  /** Today's record: the stored one when it is today's, else a fresh day at 0. */
  private current(): UsageRecord {
    const today = utcDay(this.now());
    const stored = this.file === null ? this.memory : readRecord(this.file);
    return stored && stored.date === today ? stored : { date: today, requests: 0 };
  }
}

/** The stored record, or null when the file is missing or unreadable (a damaged counter must not block the app). */
function readRecord(file: string): UsageRecord | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const v = JSON.parse(text) as Partial<UsageRecord> | null;
    if (
      v &&
      typeof v.date === 'string' &&
      typeof v.requests === 'number' &&
      Number.isFinite(v.requests) &&
      v.requests >= 0
    ) {
      return { date: v.date, requests: Math.floor(v.requests) };
    }
  } catch {
    /* damaged: treated as no record */
  }
  return null;
}
