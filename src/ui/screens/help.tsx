import { useState } from 'react';
import { footerText, helpLines } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { scrollOffset } from '../components/scroll.ts';
import { wrapText } from '../components/wrap.ts';
import { Frame, type FrameLine } from '../components/frame.tsx';
import type { Theme } from '../theme/theme.ts';

/** Generated from the live key bindings (the person's overrides included), with where they come from. */
export function HelpScreen({ width, height, theme, onBack, active, settingsPath }: { width: number; height: number; theme: Theme; onBack: () => void; active: boolean; settingsPath?: string }) {
  const bindings = useBindings();
  const [offset, setOffset] = useState(0);
  const lines: FrameLine[] = [
    ...helpLines(bindings).map((l) => ({ text: `  ${l}` })),
    { text: '' },
    ...wrapText(`Keys can be changed in ${settingsPath ?? 'settings.json in the data folder'} (see the README).`, width, '  ', 'muted'),
  ];
  const rows = Math.max(1, height - 3);
  useCommand(
    (cmd) => {
      const next = scrollOffset(cmd, offset, lines.length, rows);
      if (next !== null) setOffset(next);
      else if (cmd === 'back' || cmd === 'help' || cmd === 'quit') onBack();
    },
    { active },
  );
  return (
    <Frame
      title="anidex · Help · keys"
      body={lines.slice(offset, offset + rows)}
      footer={footerText([[['down', 'up'], 'scroll'], ['back', 'back']], bindings)}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
