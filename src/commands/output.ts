import { sanitizeText } from '../lib/sanitize.ts';
import { displayWidth, fit } from '../lib/text/cells.ts';
import { headerRow, layoutTable, naturalWidths, tableRow, type Column } from '../lib/text/table.ts';
import { wrapLines } from '../lib/text/wrap.ts';

export type { Column } from '../lib/text/table.ts';

/**
 * Plain-text table, columns two spaces apart; every cell is sanitised (titles come from exports). With a width (a
 * terminal), the table fits it: columns with a `drop` go while the rest do not fit, flexible columns share what
 * is left, and a row that still does not fit is cut rather than folded. With `null` (a pipe), every value is
 * printed whole and columns take their widest value, so `anidex library | grep` finds any title and `less -S`
 * shows aligned columns. The layout is the one the TUI's tables use (lib/text/table.ts).
 */
export function renderTable<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>, width: number | null): string {
  const cells = rows.map((r) => columns.map((c) => sanitizeText(c.value(r))));
  const layout = layoutTable(columns, naturalWidths(columns, cells), width);
  const index = new Map(columns.map((c, i) => [c, i]));
  return [headerRow(layout), ...cells.map((row) => tableRow(layout, (c) => row[index.get(c)!]!))].join('\n');
}

/**
 * The width output is laid out to: the terminal's when `stream` is one, null when it is piped or redirected
 * (tables then print every value whole, and text is not wrapped: the reader is a program, or a pager).
 */
export function outputWidth(stream: NodeJS.WriteStream = process.stdout): number | null {
  return stream.isTTY && stream.columns ? stream.columns : null;
}

/**
 * `text` for `stream`: on a terminal, each line longer than the terminal wraps at spaces, its continuation indented
 * `hang` cells (default 2) past the line's own indent; piped, unchanged.
 */
export function wrapForStream(text: string, stream: NodeJS.WriteStream = process.stdout, hang = 2): string {
  const width = outputWidth(stream);
  if (width === null) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      if (displayWidth(line) <= width) return [line];
      const lead = /^ */.exec(line)![0];
      return wrapLines(line.slice(lead.length), width, { indent: lead, hang: lead + ' '.repeat(hang) });
    })
    .join('\n');
}

/**
 * JSON on stdout. JSON.stringify escapes C0 controls but leaves DEL, the C1 controls (U+009B is CSI to many
 * terminals) and bidi overrides raw; escaping them too keeps every value the same and the terminal safe.
 */
export function printJson(value: unknown): void {
  const text = JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  process.stdout.write(text + '\n');
}

/** A line (or lines) on stdout; wrapped to the terminal when stdout is one. */
export function print(text = ''): void {
  process.stdout.write(wrapForStream(text) + '\n');
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
