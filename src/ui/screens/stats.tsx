import { useMemo } from 'react';
import type { StatsView } from '../../app/view-models.ts';
import { statsReport } from '../../app/stats-text.ts';
import { footerText, type FooterEntry, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { Pager, usePager } from '../components/pager.tsx';
import type { FrameLine, ScreenBase } from '../components/screen.tsx';

/** As many months as `anidex stats` charts by default: the screen scrolls, so it need not cut the chart to fit. */
const MONTHS = 24;

/** What the footer names; half-page keys stay in help, where naming them too would cut the footer at 80 columns. */
export const STATS_FOOTER: readonly FooterEntry[] = [
  [['down', 'up'], 'scroll'],
  [['top', 'bottom'], 'top/end'],
  ['nextScreen', 'next screen'],
  ['back', 'back'],
  ['quit', 'quit'],
];

/** How the person watches: totals, then block-character charts; taller than a terminal, so it scrolls. */
export function StatsScreen({
  stats,
  width,
  height,
  theme,
  onBack,
  onNext,
  onQuit,
  onNav,
  active,
}: ScreenBase & {
  stats: StatsView;
  onBack: () => void;
  onNext: () => void;
  onQuit: () => void;
  onNav?: (cmd: UiCommand) => void;
}) {
  const bindings = useBindings();
  const lines = useMemo(
    () =>
      statsReport(stats, width, MONTHS).map((l): FrameLine => ({
        text: l.text,
        tone: l.kind === 'heading' ? 'accent' : l.kind === 'note' ? 'muted' : undefined,
        bold: l.kind === 'heading',
      })),
    [stats, width],
  );
  const scroll = usePager(lines, width, height);
  useCommand(
    (cmd) => {
      if (cmd === 'back') onBack();
      else if (cmd === 'nextScreen') onNext();
      else if (cmd === 'quit') onQuit();
      else onNav?.(cmd);
    },
    { active, nav: () => scroll },
  );
  return (
    <Pager
      title="anidex · Stats"
      lines={lines}
      scroll={scroll}
      footer={footerText(STATS_FOOTER, bindings)}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
