import { useState } from 'react';
import { useApp } from 'ink';
import type { EnrichedRow } from '../warehouse/queries.ts';
import type { Theme } from './theme/theme.ts';
import { LibraryScreen } from './screens/library.tsx';
import { HelpScreen } from './screens/help.tsx';
import { useTerminalSize } from './hooks/use-terminal-size.ts';

export interface AppProps {
  rows: readonly EnrichedRow[];
  width: number;
  height: number;
  theme: Theme;
}

type Screen = 'library' | 'help';

/** The TUI: a library browser and generated help (the other screens of issue 5 are still to come). */
export function App({ rows, width: initialWidth, height: initialHeight, theme, followResize = false }: AppProps & { followResize?: boolean }) {
  const [screen, setScreen] = useState<Screen>('library');
  // On a real terminal the layout follows resizes; tests pin the size.
  const live = useTerminalSize({ width: initialWidth, height: initialHeight });
  const width = followResize ? live.width : initialWidth;
  const height = followResize ? live.height : initialHeight;
  const { exit } = useApp();
  return screen === 'help' ? (
    <HelpScreen width={width} height={height} theme={theme} onBack={() => setScreen('library')} active />
  ) : (
    <LibraryScreen rows={rows} width={width} height={height} theme={theme} onHelp={() => setScreen('help')} onQuit={exit} active />
  );
}
