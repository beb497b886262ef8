import { useMemo } from 'react';
import { displayWidth } from '../../lib/text/cells.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import { headerRow, layoutTable, tableRow, widest, type Column, type TableLayout } from '../../lib/text/table.ts';
import type { FrameLine } from './screen.tsx';

/** The cell before each row: ">" on the selected one. */
const MARKER = 1;

/**
 * A list's columns laid out as the CLI lays out its tables (lib/text/table.ts: the same column spec, widths, flex
 * and drop), for a screen `width` cells wide. Widths come from every row of `all`, not only the rows in view, so
 * columns stay put as the list scrolls or is searched; they are measured once per list.
 */
export function useTableLayout<T>(all: readonly T[], columns: ReadonlyArray<Column<T>>, width: number): TableLayout<T> {
  const room = Math.max(1, width - MARKER);
  return useMemo(() => {
    // Values are sanitised and measured only when they could be the widest (see widest).
    const natural = columns.map((c) => widest(values(all, c), displayWidth(c.header), room + 1, sanitizeText));
    return layoutTable(columns, natural, room);
  }, [all, columns, room]);
}

interface TableLinesOptions<T> {
  /** The index in the whole list of the first row given (for the cursor). */
  offset?: number;
  /** The selected row's index in the whole list, or null for none. */
  cursor?: number | null;
  key: (row: T) => string;
  /** Show the header row (default true). */
  header?: boolean;
}

/** The header and the rows in view, as screen rows; the selected one marked ">" and in the selected tone. */
export function tableLines<T>(layout: TableLayout<T>, rows: readonly T[], opts: TableLinesOptions<T>): FrameLine[] {
  const { offset = 0, cursor = null, header = true } = opts;
  const lines: FrameLine[] = header ? [{ text: ' '.repeat(MARKER) + headerRow(layout), tone: 'muted' }] : [];
  rows.forEach((r, i) => {
    const selected = offset + i === cursor;
    lines.push({
      text: (selected ? '>' : ' ') + tableRow(layout, (c) => sanitizeText(c.value(r))),
      tone: selected ? 'selected' : undefined,
      key: opts.key(r),
    });
  });
  return lines;
}

/** A column's raw values, read one at a time (most are never measured). */
function* values<T>(rows: readonly T[], column: Column<T>): Generator<string> {
  for (const r of rows) yield column.value(r);
}
