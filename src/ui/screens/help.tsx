import { footerText, helpLines } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { PAGER_FOOTER, Pager, usePager } from '../components/pager.tsx';
import { wrapText } from '../components/wrap.ts';
import type { FrameLine, ScreenBase } from '../components/screen.tsx';

/** Generated from the live key bindings (the person's overrides included), with where they come from. */
export function HelpScreen({
  width,
  height,
  theme,
  onBack,
  active,
  settingsPath,
}: ScreenBase & { onBack: () => void; settingsPath?: string }) {
  const bindings = useBindings();
  const lines: FrameLine[] = [
    ...helpLines(bindings).map((l) => ({ text: `  ${l}` })),
    { text: '' },
    ...wrapText(
      `Keys can be changed in ${settingsPath ?? 'settings.json in the config folder'}, where the TUI also keeps the sort, the filters and the title language you chose (see docs/settings.md).`,
      width,
      '  ',
      'muted',
    ),
  ];
  const scroll = usePager(lines, width, height);
  useCommand(
    (cmd) => {
      if (cmd === 'back' || cmd === 'help' || cmd === 'quit') onBack();
    },
    { active, nav: () => scroll },
  );
  return (
    <Pager
      title="anidex · Help · keys"
      lines={lines}
      scroll={scroll}
      footer={footerText(PAGER_FOOTER, bindings)}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
