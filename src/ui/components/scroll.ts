import type { UiCommand } from '../keys/bindings.ts';

/** Where a scrolled text view's first row moves for a movement command; null when `cmd` is not a movement. */
export function scrollOffset(cmd: UiCommand, offset: number, total: number, rows: number): number | null {
  const max = Math.max(0, total - rows);
  const half = Math.max(1, Math.floor(rows / 2));
  const by: Partial<Record<UiCommand, number>> = { down: 1, up: -1, pageDown: half, pageUp: -half, top: -Infinity, bottom: Infinity };
  const d = by[cmd];
  if (d === undefined) return null;
  return Math.max(0, Math.min(max, offset + d));
}
