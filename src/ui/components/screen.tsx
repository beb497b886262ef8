import { createContext, memo, useContext, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { displayWidth, fit, truncate } from '../../lib/text/cells.ts';
import { clampLines, wrapLines } from '../../lib/text/wrap.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import type { Theme } from '../theme/theme.ts';

export interface FrameLine {
  text: string;
  tone?: 'muted' | 'accent' | 'error' | 'selected';
  bold?: boolean;
  key?: string;
}

/** A component in the body (a picker), with the rows it takes. */
interface BodyElement {
  element: ReactNode;
  rows: number;
  key: string;
}

export type BodyPart = FrameLine | BodyElement;

/**
 * What the app shows around every screen: the DEMO line on top, the banner (errors, notices) at the bottom, and a
 * note in the status row that says what an app-wide key did (it stands for the screen's status until the next key).
 */
interface Chrome {
  demoLine: string | null;
  /** Already wrapped to the width. */
  banner: readonly string[];
  note?: string | null;
}

export const ChromeContext = createContext<Chrome>({ demoLine: null, banner: [] });

/** A status wraps onto at most this many rows (taken from the bottom of the body); beyond them it is cut. */
const STATUS_ROWS = 2;

/** The status wrapped to the width: at least one row (maybe blank), at most STATUS_ROWS, the last cut with "…". */
function statusRows(text: string, width: number): string[] {
  return clampLines(wrapLines(text, width), STATUS_ROWS, width);
}

/** The body rows of a screen `height` rows tall: all but the title, the status and the footer. */
export function bodyRows(height: number, width: number, status = ''): number {
  return Math.max(1, height - 2 - statusRows(sanitizeText(status), width).length);
}

/** The title row: the title, and `position` at the right end when given (the title is cut to leave it room). */
export function titleRow(title: string, position: string | undefined, width: number): string {
  const room = position ? width - displayWidth(position) - 2 : 0;
  if (!position || room < 8) return fit(title, width);
  return `${fit(title, room)}  ${position}`;
}

/** What the app gives every screen: its size (the app keeps the chrome's rows), the theme, and whether it has the keys. */
export interface ScreenBase {
  width: number;
  height: number;
  theme: Theme;
  active: boolean;
}

interface ScreenProps {
  title: string;
  /** Where a scrolled view is ("lines 1–20 of 125"), shown at the right of the title row. */
  position?: string;
  body: readonly BodyPart[];
  status?: string;
  footer: string;
  width: number;
  height: number;
  theme: Theme;
}

/**
 * The one screen layout: the app's DEMO line, a title row, the body rows (cut to fit, and the rest left blank, so
 * a frame never leaves old rows behind), the status (wrapped: one row, or up to STATUS_ROWS taking the body's
 * last rows), the key footer, then the app's banner. The screen itself is `height` rows; the DEMO line and the
 * banner come on top of it (the app leaves room for them). Every text is sanitised and cut to the width (a second
 * line of defence: screens already sanitise untrusted text); colour comes from the theme tokens.
 */
export function Screen({ title, position, body, status: own, footer, width, height, theme }: ScreenProps) {
  const chrome = useContext(ChromeContext);
  const status = chrome.note || own;
  const statusLines = statusRows(sanitizeText(status ?? ''), width);
  const rows = bodyRows(height, width, status);
  const parts: BodyPart[] = [];
  let used = 0;
  for (const p of body) {
    const n = 'element' in p ? p.rows : 1;
    if (used + n > rows) break;
    parts.push(p);
    used += n;
  }
  return (
    <Box flexDirection="column" width={width}>
      {chrome.demoLine && (
        <Text color={theme.accent} inverse={!theme.colour} bold>
          {fit(chrome.demoLine, width)}
        </Text>
      )}
      <Text bold color={theme.accent}>
        {titleRow(sanitizeText(title), position, width)}
      </Text>
      <Box flexDirection="column" height={rows}>
        {parts.map((p, i) =>
          'element' in p ? (
            <Box key={p.key} flexDirection="column" height={p.rows} flexShrink={0}>
              {p.element}
            </Box>
          ) : (
            <Line key={p.key ?? i} line={p} width={width} theme={theme} />
          ),
        )}
      </Box>
      {statusLines.map((l, i) => (
        <Text key={`status${i}`}>{plainRow(l, width)}</Text>
      ))}
      <Text color={theme.muted}>{fit(footer, width)}</Text>
      {chrome.banner.map((l, i) => (
        <Text key={`banner${i}`} color={theme.error} bold inverse={!theme.colour}>
          {fit(l, width)}
        </Text>
      ))}
    </Box>
  );
}

/**
 * A row without colour or weight, cut to the width but not padded: Ink starts every frame from blank cells, so the
 * padding would draw the very same frame, but Ink tokenizes each character it is given on every frame (a blank
 * row of a 100-column screen is 100 characters of work each key). A styled row is padded, so that its colour or
 * inverse bar spans the width. Never empty: an empty text takes no row.
 */
function plainRow(text: string, width: number): string {
  return truncate(text, width) || ' ';
}

/** How a row in a tone looks; the selected row is inverse without colour, so it shows under NO_COLOR too. */
export function toneStyle(
  tone: FrameLine['tone'],
  theme: Theme,
): { color: string | undefined; bold: boolean; inverse: boolean } {
  const selected = tone === 'selected';
  const color =
    tone === 'muted'
      ? theme.muted
      : tone === 'accent'
        ? theme.accent
        : tone === 'error'
          ? theme.error
          : selected
            ? theme.selected
            : undefined;
  return { color, bold: selected, inverse: selected && !theme.colour };
}

interface LineProps {
  line: FrameLine;
  width: number;
  theme: Theme;
}

/**
 * One row of text in a tone, cut or padded to the width. Screens build their rows anew at every render, so a row
 * is redrawn only when what it shows changed: a key that moves the cursor or narrows a search re-renders the rows
 * that differ, not all thirty.
 */
const Line = memo(
  function Line({ line, width, theme }: LineProps) {
    const style = toneStyle(line.tone, theme);
    return (
      <Text color={style.color} bold={line.bold || style.bold} inverse={style.inverse}>
        {style.color || line.bold || style.bold || style.inverse
          ? fit(sanitizeText(line.text), width)
          : plainRow(sanitizeText(line.text), width)}
      </Text>
    );
  },
  (a: LineProps, b: LineProps) =>
    a.width === b.width &&
    a.theme === b.theme &&
    a.line.text === b.line.text &&
    a.line.tone === b.line.tone &&
    a.line.bold === b.line.bold,
);
