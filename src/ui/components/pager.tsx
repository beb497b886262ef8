import { Screen, bodyRows, type FrameLine } from './screen.tsx';
import { useScrollState, type ListNav } from './use-list-state.ts';
import type { Theme } from '../theme/theme.ts';
import type { FooterEntry } from '../keys/bindings.ts';

/** The keys a read-only text names in its footer. */
export const PAGER_FOOTER: readonly FooterEntry[] = [
  [['down', 'up'], 'scroll'],
  ['back', 'back'],
];

/** Where a pager is: "lines 21–40 of 125", or nothing when every line fits. */
function pagerPosition(offset: number, shown: number, total: number): string | undefined {
  return shown < total ? `lines ${offset + 1}–${offset + shown} of ${total}` : undefined;
}

/** The scroll state of a text shown on a screen `height` rows tall (the body's rows of it). */
export function usePager(lines: readonly FrameLine[], width: number, height: number, status?: string): ListNav {
  return useScrollState(lines.length, bodyRows(height, width, status));
}

interface PagerProps {
  title: string;
  lines: readonly FrameLine[];
  scroll: ListNav;
  status?: string;
  footer: string;
  width: number;
  height: number;
  theme: Theme;
}

/** A text longer than the screen, scrolled: the lines in view, and where they are in the title row. */
export function Pager({ title, lines, scroll, status, footer, width, height, theme }: PagerProps) {
  const rows = bodyRows(height, width, status);
  const offset = scroll.state.cursor;
  const shown = lines.slice(offset, offset + rows);
  return (
    <Screen
      title={title}
      position={pagerPosition(offset, shown.length, lines.length)}
      body={shown}
      status={status}
      footer={footer}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
