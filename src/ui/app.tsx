import { useEffect, useMemo, useState } from 'react';
import { useApp, useInput } from 'ink';
import type { TuiServices } from '../app/tui-session.ts';
import type { LibraryItem, StatsView, TitleView } from '../app/view-models.ts';
import { AnidexError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { withoutStatuses } from '../domain/filters.ts';
import { clampLines, wrapLines } from '../lib/text/wrap.ts';
import { DEFAULT_BINDINGS, primaryKey, type Bindings, type UiCommand } from './keys/bindings.ts';
import { BindingsContext, KeyRouter } from './keys/use-command.ts';
import type { Theme } from './theme/theme.ts';
import { ChromeContext } from './components/screen.tsx';
import { ServicesContext } from './services.ts';
import { useTerminalSize } from './hooks/use-terminal-size.ts';
import { INITIAL_LIBRARY, LibraryScreen, type LibraryState } from './screens/library.tsx';
import { HelpScreen } from './screens/help.tsx';
import { TitleScreen } from './screens/title.tsx';
import { StatsScreen } from './screens/stats.tsx';
import { WelcomeScreen } from './screens/welcome.tsx';
import { ImportPathScreen } from './screens/import-path.tsx';
import { ImportProgressScreen } from './screens/import-progress.tsx';
import { RecommendScreen } from './screens/recommend.tsx';
import { PlanScreen } from './screens/plan.tsx';
import {
  DEFAULT_TITLE_LANGUAGE,
  TITLE_LANGUAGES,
  withShownTitles,
  type TitleLanguage,
} from '../domain/title-language.ts';
import { NO_TUI_PREFERENCES, withGenresIn, type TuiPreferences } from '../settings/tui-preferences.ts';
import type { PreferencesSink, RememberedPreferences } from '../settings/preferences-saver.ts';

export interface AppProps {
  services: TuiServices;
  /** The library as loaded before the first frame (so the first frame is the library, not a spinner). */
  rows: readonly LibraryItem[];
  /** No import has ever run: open on the welcome screen. */
  empty: boolean;
  /** The rows are the demo warehouse's (the bundled sample): said on every screen. */
  demo?: boolean;
  dataDir: string;
  width: number;
  height: number;
  theme: Theme;
  /** On a real terminal the layout follows resizes; tests pin the size. */
  followResize?: boolean;
  bindings?: Bindings;
  /** Problems found at start-up (e.g. in the settings file), shown in the banner. */
  problems?: readonly string[];
  settingsPath?: string;
  /** Which name titles are shown by (searches look at every name whatever it is). */
  titleLanguage?: TitleLanguage;
  /** What chose the title language over the setting at start (`--title-language english`), said when the key changes it. */
  titleLanguageOverride?: string | null;
  /** The sort and filters the last session left (settings.json `tui`). */
  remembered?: TuiPreferences;
  /** Where changed preferences go (the settings file); without it nothing is remembered (tests). */
  preferences?: PreferencesSink;
  /** Milliseconds now, for elapsed times (tests pin it). */
  clock?: () => number;
}

type Screen =
  'welcome' | 'importPath' | 'importing' | 'syncing' | 'library' | 'title' | 'recommend' | 'plan' | 'stats' | 'help';
const MAIN: readonly Screen[] = ['library', 'recommend', 'plan', 'stats'];

/** One sentence of what happened and one of what to do; a stack trace never reaches the screen. */
export function bannerText(e: unknown): string {
  if (e instanceof AnidexError) return sanitizeText(e.hint ? `${e.message} ${e.hint}` : e.message);
  return sanitizeText(
    `Something went wrong: ${(e as Error)?.message ?? String(e)}. Run \`anidex doctor\` to check the setup.`,
  );
}

/** Banner messages wrap (never cut mid-sentence at 80 columns) onto at most this many rows; beyond, the last is cut. */
const BANNER_ROWS = 4;

/** The banner's rows: each message wrapped to the width, "! " before the first row of each. */
export function bannerRows(messages: readonly string[], width: number): string[] {
  return clampLines(
    messages.flatMap((m) => wrapLines(m, width, { indent: '! ', hang: '  ' })),
    BANNER_ROWS,
    width,
  );
}

const LANGUAGE_TEXT: Record<TitleLanguage, string> = {
  exported: 'as your export has them',
  english: 'by their English names',
  romaji: 'by their romaji names',
};

/**
 * The status note after the title language key: what it chose, where it is kept (nowhere for the demo, which leaves
 * the person's settings alone), and what still wins at start.
 */
function titleLanguageNote(lang: TitleLanguage, override: string | null | undefined, kept: boolean): string {
  if (!kept) return `Titles ${LANGUAGE_TEXT[lang]} for this session (not saved).`;
  const saved = `Titles ${LANGUAGE_TEXT[lang]}; saved in settings.json`;
  return override ? `${saved}, but ${override} still chooses when anidex starts.` : `${saved}.`;
}

/** The TUI: welcome and import, library, a title's history, recommendations, the plan, stats and help. */
export function App(props: AppProps) {
  const { services, dataDir, theme, followResize = false, bindings = DEFAULT_BINDINGS, preferences } = props;
  const live = useTerminalSize({ width: props.width, height: props.height });
  const width = followResize ? live.width : props.width;
  const height = followResize ? live.height : props.height;
  const { exit } = useApp();
  const [screen, setScreen] = useState<Screen>(props.empty ? 'welcome' : 'library');
  const [helpFrom, setHelpFrom] = useState<Screen>('library');
  const [rows, setRows] = useState<readonly LibraryItem[]>(props.rows);
  const [empty, setEmpty] = useState(props.empty);
  const [demo, setDemo] = useState(props.demo ?? false);
  const remembered = props.remembered ?? NO_TUI_PREFERENCES;
  const [libState, setLibState] = useState<LibraryState>({
    ...INITIAL_LIBRARY,
    sort: remembered.sort ?? INITIAL_LIBRARY.sort,
    filter: remembered.filter ?? INITIAL_LIBRARY.filter,
  });
  const [titleLanguage, setTitleLanguage] = useState<TitleLanguage>(props.titleLanguage ?? DEFAULT_TITLE_LANGUAGE);
  // A note in the status row (what a key did), until the next key.
  const [note, setNote] = useState<{ text: string } | null>(null);
  const [view, setView] = useState<TitleView | null>(null);
  const [stats, setStats] = useState<StatsView | null>(null);
  const [importPath, setImportPath] = useState<string | null>(null);
  const [banner, setBanner] = useState<readonly string[]>(props.problems ?? []);
  const genres = useMemo(() => [...new Set(rows.flatMap((r) => r.genres))].sort(), [rows]);
  // A genre remembered from another export (or before a new import) would empty the list: it is left out.
  const libInitial = useMemo(
    () => ({ ...libState, filter: withGenresIn(libState.filter, genres) }),
    [libState, genres],
  );
  // Titles by the chosen name, sorted and searched by it too; the exported title stays one of the searched names.
  const shownRows = useMemo(() => withShownTitles(rows, titleLanguage), [rows, titleLanguage]);

  const showError = (e: unknown): void => setBanner([bannerText(e)]);
  const remember = (p: RememberedPreferences): void => {
    preferences?.remember(p).then(
      (problem) => problem && setBanner((b) => [...b, problem]),
      () => {},
    );
  };
  // Read after the first frame (it needs the warehouse open, which the first frame does not wait for).
  useEffect(() => {
    services.sampleNotice().then(
      (n) => n && setBanner((b) => [...b, n]),
      () => {},
    );
  }, [services]);
  // Any key dismisses the banner; the key still does its work on the screen.
  useInput(() => setBanner([]), { isActive: banner.length > 0 });
  // The note goes with the next key, unless that key set a new one (this listener may run before or after it).
  useInput(
    () => {
      const seen = note;
      setNote((n) => (n === seen ? null : n));
    },
    { isActive: note !== null },
  );

  // A screen that opens on a view model is shown once the model is read; if it cannot be read, the person stays
  // where they are and the banner says why.
  const go = (s: Screen): void => {
    if (s === 'stats') {
      services.stats().then((x) => {
        setStats(x);
        setScreen('stats');
      }, showError);
    } else setScreen(s);
  };
  const nav = (cmd: UiCommand): void => {
    const i = MAIN.indexOf(screen);
    if (cmd === 'library' || cmd === 'recommend' || cmd === 'plan' || cmd === 'stats') go(cmd);
    else if (cmd === 'nextScreen') go(MAIN[(i + 1) % MAIN.length]!);
    else if (cmd === 'prevScreen') go(MAIN[(i - 1 + MAIN.length) % MAIN.length]!);
    else if (cmd === 'help') {
      setHelpFrom(screen);
      setScreen('help');
    } else if (cmd === 'importExport') setScreen('importPath');
    else if (cmd === 'syncNow') setScreen('syncing');
    else if (cmd === 'titleLanguage') {
      const next = TITLE_LANGUAGES[(TITLE_LANGUAGES.indexOf(titleLanguage) + 1) % TITLE_LANGUAGES.length]!;
      setTitleLanguage(next);
      setNote({ text: titleLanguageNote(next, props.titleLanguageOverride, preferences !== undefined) });
      remember({ titleLanguage: next });
    } else if (cmd === 'quit') exit();
  };
  const open = (key: string, state: LibraryState): void => {
    setLibState(state);
    services.title(key).then((v) => {
      setView(v);
      setScreen('title');
    }, showError);
  };
  const afterImport = (imported: boolean): void => {
    if (!imported) {
      setScreen(empty ? 'welcome' : 'library');
      return;
    }
    services.library().then((r) => {
      setRows(r);
      setEmpty(false);
      setDemo(services.isDemo());
      // The search and the place in the list were the old library's; the sort and filters are the person's.
      setLibState((s) => ({ ...INITIAL_LIBRARY, sort: s.sort, filter: s.filter }));
      setScreen('library');
    }, showError);
  };

  const bannerLines = bannerRows(banner, width);
  const demoLine =
    demo && screen !== 'welcome'
      ? `DEMO · the bundled sample, not your data · ${primaryKey('importExport', bindings)} imports your export`
      : null;
  // The terminal's last row stays empty: output as tall as the terminal makes Ink clear the screen on every
  // frame, which flickers.
  const h = Math.max(6, height - 1 - bannerLines.length - (demoLine ? 1 : 0));
  const common = { width, height: h, theme, active: true };
  // What the screens that do work through the services need besides: names in the chosen language, where errors go.
  const working = { titleLanguage, onError: showError, onNav: nav };
  let body;
  if (screen === 'welcome') {
    body = (
      <WelcomeScreen
        {...common}
        dataDir={dataDir}
        onChoose={(c) => {
          if (c === 'quit') exit();
          else if (c === 'sync') setScreen('syncing');
          else if (c === 'sample') {
            setImportPath(null);
            setScreen('importing');
          } else setScreen('importPath');
        }}
      />
    );
  } else if (screen === 'importPath') {
    body = (
      <ImportPathScreen
        {...common}
        onImport={(p) => {
          setImportPath(p);
          setScreen('importing');
        }}
        onBack={() => setScreen(empty ? 'welcome' : 'library')}
      />
    );
  } else if (screen === 'importing') {
    body = <ImportProgressScreen {...common} clock={props.clock} path={importPath} onClose={afterImport} />;
  } else if (screen === 'syncing') {
    body = <ImportProgressScreen {...common} clock={props.clock} path={null} work="sync" onClose={afterImport} />;
  } else if (screen === 'help') {
    body = <HelpScreen {...common} settingsPath={props.settingsPath} onBack={() => setScreen(helpFrom)} />;
  } else if (screen === 'title' && view) {
    body = (
      <TitleScreen
        {...common}
        view={view}
        titleLanguage={titleLanguage}
        onBack={() => setScreen('library')}
        onNav={nav}
      />
    );
  } else if (screen === 'stats' && stats) {
    body = (
      <StatsScreen
        {...common}
        stats={stats}
        onBack={() => setScreen('library')}
        onNext={() => nav('nextScreen')}
        onQuit={() => setScreen('library')}
        onNav={nav}
      />
    );
  } else if (screen === 'recommend') {
    body = (
      <RecommendScreen {...common} {...working} initialFilter={withoutStatuses(libInitial.filter)} genres={genres} />
    );
  } else if (screen === 'plan') {
    body = <PlanScreen {...common} {...working} />;
  } else {
    body = (
      <LibraryScreen
        {...common}
        rows={shownRows}
        initial={libInitial}
        onOpen={open}
        onPreferences={(p) => remember(p)}
        onNav={(cmd, state) => {
          setLibState(state);
          nav(cmd);
        }}
      />
    );
  }
  return (
    <BindingsContext.Provider value={bindings}>
      <ServicesContext.Provider value={services}>
        <ChromeContext.Provider value={{ demoLine, banner: bannerLines, note: note?.text ?? null }}>
          <KeyRouter>{body}</KeyRouter>
        </ChromeContext.Provider>
      </ServicesContext.Provider>
    </BindingsContext.Provider>
  );
}
