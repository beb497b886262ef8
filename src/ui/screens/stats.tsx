import { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { StatsNumbers } from '../../domain/stats-text.ts';
import { statsReport } from '../../domain/stats-text.ts';
import { sanitizeText } from '../../domain/sanitize.ts';
import { displayWidth, fit } from '../../lib/text/cells.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import type { Theme } from '../theme/theme.ts';

/** As many months as `anidex stats` charts by default: the screen scrolls, so it need not cut the chart to fit. */
const MONTHS = 24;

/** What the footer names; half-page keys stay in help, where naming them too would cut the footer at 80 columns. */
export const STATS_FOOTER: ReadonlyArray<readonly [UiCommand | readonly [UiCommand, UiCommand], string]> = [
  [['down', 'up'], 'scroll'],
  [['top', 'bottom'], 'top/end'],
  ['nextScreen', 'next screen'],
  ['back', 'back'],
  ['quit', 'quit'],
];

/** How the person watches: totals, then block-character charts; taller than a terminal, so it scrolls. */
export function StatsScreen({ stats, width, height, theme, onBack, onNext, onQuit, onNav, active }: { stats: StatsNumbers; width: number; height: number; theme: Theme; onBack: () => void; onNext: () => void; onQuit: () => void; onNav?: (cmd: UiCommand) => void; active: boolean }) {
  const bindings = useBindings();
  const lines = useMemo(() => statsReport(stats, width, MONTHS), [stats, width]);
  // Title and footer take a row each (the app keeps the terminal's last row empty, so Ink never scrolls).
  const body = Math.max(1, height - 2);
  const maxTop = Math.max(0, lines.length - body);
  const [top, setTop] = useState(0);
  const shownTop = Math.min(top, maxTop);
  const half = Math.max(1, Math.floor(body / 2));
  useCommand(
    (cmd) => {
      const scroll = (to: (t: number) => number): void => setTop((t) => Math.max(0, Math.min(maxTop, to(Math.min(t, maxTop)))));
      if (cmd === 'down') scroll((t) => t + 1);
      else if (cmd === 'up') scroll((t) => t - 1);
      else if (cmd === 'pageDown') scroll((t) => t + half);
      else if (cmd === 'pageUp') scroll((t) => t - half);
      else if (cmd === 'top') scroll(() => 0);
      else if (cmd === 'bottom') scroll(() => maxTop);
      else if (cmd === 'back') onBack();
      else if (cmd === 'nextScreen') onNext();
      else if (cmd === 'quit') onQuit();
      else onNav?.(cmd);
    },
    { active },
  );
  const shown = lines.slice(shownTop, shownTop + body);
  const position = lines.length > body ? `lines ${shownTop + 1}–${shownTop + shown.length} of ${lines.length}` : '';
  const title = 'anidex · Stats';
  const gap = width - displayWidth(title) - displayWidth(position);
  const footer = footerText(STATS_FOOTER, bindings);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>{fit(gap >= 2 ? `${title}${' '.repeat(gap)}${position}` : title, width)}</Text>
      {shown.map((l, i) => (
        <Text key={shownTop + i} bold={l.kind === 'heading'} color={l.kind === 'heading' ? theme.accent : l.kind === 'note' ? theme.muted : undefined}>
          {fit(sanitizeText(l.text), width) || ' '}
        </Text>
      ))}
      {Array.from({ length: Math.max(0, body - shown.length) }, (_, i) => (
        <Text key={`p${i}`}> </Text>
      ))}
      <Text color={theme.muted}>{fit(footer, width)}</Text>
    </Box>
  );
}
