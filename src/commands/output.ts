import { sanitizeText } from '../domain/sanitize.ts';
import { displayWidth, fit } from '../domain/text-width.ts';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: 'left' | 'right';
  /** Columns that may shrink share what is left of the width; others keep their natural size. */
  flex?: boolean;
  min?: number;
}

/** Plain-text table sized to `width` cells; every cell is sanitised (titles come from exports). */
export function renderTable<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>, width: number): string {
  const cells = rows.map((r) => columns.map((c) => sanitizeText(c.value(r))));
  const natural = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i]!))));
  const gap = 2;
  const fixed = columns.reduce((n, c, i) => n + (c.flex ? 0 : natural[i]!), 0) + gap * (columns.length - 1);
  const flexCount = columns.filter((c) => c.flex).length;
  const widths = columns.map((c, i) => {
    if (!c.flex) return natural[i]!;
    const share = Math.floor(Math.max(0, width - fixed) / Math.max(1, flexCount));
    return Math.max(c.min ?? 8, Math.min(natural[i]!, share));
  });
  const line = (vals: string[]): string =>
    vals.map((v, i) => fit(v, widths[i]!, columns[i]!.align)).join(' '.repeat(gap)).trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/** Output width: the terminal's, or a generous fixed width when piped. */
export function outputWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 120;
}

/**
 * JSON on stdout. JSON.stringify escapes C0 controls but leaves DEL, the C1 controls (U+009B is CSI to many
 * terminals) and bidi overrides raw; escaping them too keeps every value the same and the terminal safe.
 */
export function printJson(value: unknown): void {
  const text = JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  process.stdout.write(text + '\n');
}

export function print(text = ''): void {
  process.stdout.write(text + '\n');
}

/** `2026-05-01T12:00:00.000Z` → `2026-05-01 12:00`. */
export function shortTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—';
}

export function shortDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '—';
}

/**
 * Progress on stderr: a redrawn bar on a terminal, one plain line per step otherwise (logs, CI, pipes).
 */
export class Progress {
  private readonly tty: boolean;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  bar(label: string, done: number, total: number, detail = ''): void {
    if (this.quiet) return;
    if (!this.tty) {
      this.stream.write(`${label} ${done}/${total}${detail ? ` ${sanitizeText(detail)}` : ''}\n`);
      return;
    }
    const now = Date.now();
    if (done < total && now - this.lastDraw < 50) return; // redraw at most 20 times a second
    this.lastDraw = now;
    const cols = this.stream.columns || 80;
    const pct = total > 0 ? done / total : 1;
    const barWidth = Math.max(10, Math.min(30, cols - 40));
    const filled = Math.round(pct * barWidth);
    const text = `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${Math.round(pct * 100)}% ${sanitizeText(detail)}`;
    this.stream.write(`\r${fit(text, cols - 1)}`);
    this.drawn = true;
  }

  /** A short state ("silver…"): redrawn in place on a terminal, a plain line otherwise. */
  status(text: string): void {
    if (this.quiet) return;
    if (!this.tty) {
      this.stream.write(text + '\n');
      return;
    }
    this.stream.write(`\r${fit(sanitizeText(text), (this.stream.columns || 80) - 1)}`);
    this.drawn = true;
  }

  line(text: string): void {
    if (this.quiet) return;
    this.clear();
    this.stream.write(text + '\n');
  }

  clear(): void {
    if (this.tty && this.drawn) {
      this.stream.write(`\r${' '.repeat((this.stream.columns || 80) - 1)}\r`);
      this.drawn = false;
    }
  }
}
