import { useState } from 'react';
import { useApp } from 'ink';
import type { EnrichedRow } from '../warehouse/queries.ts';
import type { Theme } from './theme/theme.ts';
import { LibraryScreen } from './screens/library.tsx';
import { HelpScreen } from './screens/help.tsx';
import { useTerminalSize } from './hooks/use-terminal-size.ts';
import { TitleScreen } from './screens/title.tsx';
import { StatsScreen } from './screens/stats.tsx';
import type { StatsNumbers } from '../domain/stats-text.ts';
import type { TitleView } from '../pipeline/title-view.ts';

export interface AppProps {
  rows: readonly EnrichedRow[];
  /** Loads one title's view (a service call: screens never run SQL). */
  loadTitle: (titleKey: string) => Promise<TitleView>;
  loadStats: () => Promise<StatsNumbers>;
  width: number;
  height: number;
  theme: Theme;
}

type Screen = 'library' | 'help' | 'title' | 'stats';

/** The TUI: the library, a title's history, and generated help (the other screens of issue 5 are to come). */
export function App({ rows, loadTitle, loadStats, width: initialWidth, height: initialHeight, theme, followResize = false }: AppProps & { followResize?: boolean }) {
  const [screen, setScreen] = useState<Screen>('library');
  // On a real terminal the layout follows resizes; tests pin the size.
  const live = useTerminalSize({ width: initialWidth, height: initialHeight });
  const width = followResize ? live.width : initialWidth;
  const height = followResize ? live.height : initialHeight;
  const { exit } = useApp();
  const [view, setView] = useState<TitleView | null>(null);
  const [libState, setLibState] = useState({ query: '', cursor: 0 });
  const [stats, setStats] = useState<StatsNumbers | null>(null);
  const showStats = (): void => {
    void loadStats().then((s) => {
      setStats(s);
      setScreen('stats');
    });
  };
  const open = (key: string): void => {
    void loadTitle(key).then((v) => {
      setView(v);
      setScreen('title');
    });
  };
  if (screen === 'help') return <HelpScreen width={width} height={height} theme={theme} onBack={() => setScreen('library')} active />;
  if (screen === 'stats' && stats) {
    return <StatsScreen stats={stats} width={width} height={height} theme={theme} onBack={() => setScreen('library')} onNext={() => setScreen('library')} onQuit={exit} active />;
  }
  if (screen === 'title' && view) return <TitleScreen view={view} width={width} height={height} theme={theme} onBack={() => setScreen('library')} active />;
  return (
    <LibraryScreen rows={rows} width={width} height={height} theme={theme} onHelp={() => setScreen('help')} onQuit={exit} onOpen={open} onNext={showStats} active initial={libState} onLeave={setLibState} />
  );
}
