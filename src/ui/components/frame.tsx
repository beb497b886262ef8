import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { fit } from '../../lib/text/cells.ts';
import { clampLines, wrapLines } from '../../lib/text/wrap.ts';
import { sanitizeText } from '../../domain/sanitize.ts';
import type { Theme } from '../theme/theme.ts';

export interface FrameLine {
  text: string;
  tone?: 'muted' | 'accent' | 'error' | 'selected';
  bold?: boolean;
  key?: string;
}

/** A status wraps onto at most this many rows (taken from the bottom of the body); beyond them it is cut. */
export const STATUS_ROWS = 2;

/**
 * A whole screen: a title line, the body rows (padded or cut, so a frame never leaves old rows behind), the status
 * (wrapped: one row, or up to STATUS_ROWS taking the body's last rows) and the key footer: `height` rows in all.
 * Every text is sanitised and cut to the width (a second line of defence: screens already sanitise untrusted
 * text); colour comes from the theme tokens.
 */
export function Frame({ title, body, status, footer, width, height, theme, children }: { title: string; body?: readonly FrameLine[]; status?: string; footer: string; width: number; height: number; theme: Theme; children?: ReactNode }) {
  const statusLines = statusRows(sanitizeText(status ?? ''), width);
  const rows = Math.max(1, height - 2 - statusLines.length);
  const lines = (body ?? []).slice(0, rows);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>{fit(sanitizeText(title), width)}</Text>
      {children}
      {!children && lines.map((l, i) => <Line key={l.key ?? i} line={l} width={width} theme={theme} />)}
      {!children && Array.from({ length: rows - lines.length }, (_, i) => <Text key={`pad${i}`}> </Text>)}
      {statusLines.map((l, i) => (
        <Text key={`status${i}`}>{fit(l, width) || ' '}</Text>
      ))}
      <Text color={theme.muted}>{fit(footer, width)}</Text>
    </Box>
  );
}

/** The status wrapped to the width: at least one row (maybe blank), at most STATUS_ROWS, the last cut with "…". */
export function statusRows(text: string, width: number): string[] {
  return clampLines(wrapLines(text, width), STATUS_ROWS, width);
}

/** One row of text in a tone; the selected row is inverse without colour, so it shows under NO_COLOR too. */
export function Line({ line, width, theme }: { line: FrameLine; width: number; theme: Theme }) {
  const selected = line.tone === 'selected';
  const color = line.tone === 'muted' ? theme.muted : line.tone === 'accent' ? theme.accent : line.tone === 'error' ? theme.error : selected ? theme.selected : undefined;
  return (
    <Text color={color} bold={line.bold || selected} inverse={selected && !theme.colour}>
      {fit(sanitizeText(line.text), width) || ' '}
    </Text>
  );
}
