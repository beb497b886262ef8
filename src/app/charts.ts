import { sanitizeText } from '../lib/sanitize.ts';
import { displayWidth, fit } from '../lib/text/cells.ts';

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `value / max` over `width` cells, drawn with eighth blocks. */
export function hbar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8];
}

/** Fill the months between the first and last present one with zero, so a chart shows gaps honestly. */
export function fillMonths(
  rows: ReadonlyArray<{ month: string; plays: number }>,
): Array<{ month: string; plays: number }> {
  if (rows.length === 0) return [];
  const have = new Map(rows.map((r) => [r.month, r.plays]));
  const out: Array<{ month: string; plays: number }> = [];
  let [y, m] = rows[0]!.month.split('-').map(Number) as [number, number];
  const last = rows[rows.length - 1]!.month;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, plays: have.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Fill the years between the first and last present one with `empty(year)`, for the same reason. */
export function fillYears<T extends { year: string }>(rows: readonly T[], empty: (year: string) => T): T[] {
  if (rows.length === 0) return [];
  const have = new Map(rows.map((r) => [r.year, r]));
  const out: T[] = [];
  for (let y = Number(rows[0]!.year); y <= Number(rows[rows.length - 1]!.year); y++)
    out.push(have.get(String(y)) ?? empty(String(y)));
  return out;
}

/** Bars longer than this are hard to compare by eye on a wide terminal. */
export const MAX_BAR = 60;

export interface BarRow {
  label: string;
  value: number;
  /** The figure printed before the bar (the value, formatted). */
  note: string;
}

/**
 * One line per row: label, note right-aligned, then a bar of `value / max` filling what is left of `width`
 * (at least one cell, at most MAX_BAR). Labels may be untrusted (studio names): they are sanitised and cut.
 */
export function barChart(
  rows: readonly BarRow[],
  width: number,
  opts: { max?: number; indent?: number; maxLabel?: number } = {},
): string[] {
  if (rows.length === 0) return [];
  const indent = ' '.repeat(opts.indent ?? 2);
  const labels = rows.map((r) => sanitizeText(r.label));
  const labelWidth = Math.min(opts.maxLabel ?? 20, Math.max(...labels.map(displayWidth)));
  const noteWidth = Math.max(...rows.map((r) => displayWidth(r.note)));
  const barWidth = Math.max(1, Math.min(MAX_BAR, width - indent.length - labelWidth - noteWidth - 2));
  const max = opts.max ?? Math.max(...rows.map((r) => r.value));
  return rows.map((r, i) =>
    `${indent}${fit(labels[i]!, labelWidth)} ${fit(r.note, noteWidth, 'right')} ${hbar(r.value, max, barWidth)}`.trimEnd(),
  );
}

export interface PairRow {
  label: string;
  left: number;
  right: number;
}

/**
 * Two distributions side by side, each bar the row's share of its own side's total, both on one scale: the
 * shapes compare even when one side counts many more titles than the other.
 */
export function pairedBarChart(rows: readonly PairRow[], width: number, headers: readonly [string, string]): string[] {
  if (rows.length === 0) return [];
  const indent = '  ';
  const labelWidth = Math.max(...rows.map((r) => displayWidth(r.label)));
  const sep = ' │ ';
  const half = Math.max(6, Math.floor((width - indent.length - labelWidth - 1 - sep.length) / 2));
  const countWidth = Math.max(...rows.map((r) => Math.max(String(r.left).length, String(r.right).length)));
  const barWidth = Math.max(1, Math.min(MAX_BAR, half - countWidth - 1));
  const leftTotal = rows.reduce((n, r) => n + r.left, 0);
  const rightTotal = rows.reduce((n, r) => n + r.right, 0);
  const share = (n: number, total: number): number => (total > 0 ? n / total : 0);
  const max = Math.max(...rows.flatMap((r) => [share(r.left, leftTotal), share(r.right, rightTotal)]));
  const side = (n: number, total: number): string =>
    fit(`${String(n).padStart(countWidth)} ${hbar(share(n, total), max, barWidth)}`, half);
  const pad = ' '.repeat(labelWidth + 1);
  return [
    `${indent}${pad}${fit(sanitizeText(headers[0]), half)}${sep}${sanitizeText(headers[1])}`,
    ...rows.map((r) =>
      `${indent}${fit(r.label, labelWidth, 'right')} ${side(r.left, leftTotal)}${sep}${side(r.right, rightTotal)}`.trimEnd(),
    ),
  ].map((l) => fit(l, width).trimEnd());
}
