import { useEffect, useMemo, useRef } from 'react';
import type { LibraryItem } from '../../app/view-models.ts';
import { passesFilter, titleLength, type LibraryFilter } from '../../domain/filters.ts';
import {
  cycleFacet,
  facetOptions,
  facetState,
  filterSummary,
  SORT_KEYS,
  SORT_TEXT,
  sortRows,
  type FacetOption,
  type SortKey,
} from '../../domain/library-query.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import { searchTitles } from '../../domain/title-search.ts';
import { isPending } from '../../domain/pending.ts';
import { displayWidth, truncate } from '../../lib/text/cells.ts';
import type { Column } from '../../lib/text/table.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { useListState } from '../components/use-list-state.ts';
import { useSyncState } from '../hooks/use-sync-state.ts';
import { bodyRows, Screen, type FrameLine, type ScreenBase } from '../components/screen.tsx';
import { tableLines, useTableLayout } from '../components/table.ts';
import { CloseMatches, SLICE } from '../components/close-matches.ts';

/**
 * Close matches are looked for once typing pauses this long (a bit more than the gap between keys of someone typing
 * fast): over 10 000 titles their search takes 50–120 ms of CPU, wasted on every query that the next key replaces.
 */
const CLOSE_MATCH_DELAY_MS = 120;

/** What the library screen keeps when the person leaves it (search, filters, sort and selection survive). */
export interface LibraryState {
  query: string;
  cursor: number;
  filter: LibraryFilter;
  sort: SortKey;
}

export const INITIAL_LIBRARY: LibraryState = { query: '', cursor: 0, filter: {}, sort: 'title' };

export interface LibraryScreenProps extends ScreenBase {
  /** Library titles, and MyAnimeList Plan to Watch entries (status plan_to_watch), shown only when the filter asks. */
  rows: readonly LibraryItem[];
  onOpen: (titleKey: string, state: LibraryState) => void;
  /** Commands this screen does not handle (screen changes, help, quit), with the state to keep. */
  onNav: (cmd: UiCommand, state: LibraryState) => void;
  initial?: LibraryState;
  /** The sort or the filters changed (by a key; not when the screen opens): to remember them. */
  onPreferences?: (p: { sort: SortKey; filter: LibraryFilter }) => void;
}

const MARK = { include: '[+]', exclude: '[-]', off: '[ ]' } as const;

function episodesText(r: LibraryItem): string {
  const total = r.totalEpisodes ?? r.animeEpisodes;
  if (r.mediaType === 'movie') return '';
  return total ? `${r.episodesWatched ?? 0}/${total}` : String(r.episodesWatched ?? '');
}

/**
 * The library's columns: the spec the CLI's tables use (lib/text/table.ts). The two flexible columns share what
 * the others leave; their minimums make Kind go first on a narrow terminal (the length column already says "movie").
 */
const COLUMNS: ReadonlyArray<Column<LibraryItem>> = [
  { header: 'Title', value: (r) => r.title, flex: true, min: 24 },
  { header: 'Year', value: (r) => (r.year === null ? '' : String(r.year)) },
  { header: 'Kind', value: (r) => r.mediaType, drop: 1 },
  { header: 'Rate', value: (r) => (r.userRating === null ? '' : String(r.userRating)), align: 'right' },
  { header: 'Eps', value: episodesText, align: 'right' },
  { header: 'Length', value: (r) => titleLength(r) ?? '' },
  {
    header: 'Moods · genres',
    value: (r) =>
      r.matchStatus === 'unmatched'
        ? '(unmatched: not anime?)'
        : isPending(r)
          ? '(not looked up yet)'
          : [r.moods.join(', '), r.genres.slice(0, 3).join(', ')].filter(Boolean).join(' · '),
    flex: true,
    min: 25,
  },
];

/** A row of the filter panel: an option and whether the filter includes it, excludes it or not. */
type PanelRow = FacetOption & { state: keyof typeof MARK };

const PANEL_COLUMNS: ReadonlyArray<Column<PanelRow>> = [
  { header: 'Facet', value: (o) => o.facet },
  { header: 'Value', value: (o) => `${MARK[o.state]} ${o.value}`, flex: true, min: 12 },
  { header: 'Titles', value: (o) => String(o.count), align: 'right' },
];

/** Every current title: virtualized, fuzzy search as you type, genre/mood/length filters with include and exclude, sort keys. */
export function LibraryScreen({
  rows,
  width,
  height,
  theme,
  onOpen,
  onNav,
  onPreferences,
  active,
  initial = INITIAL_LIBRARY,
}: LibraryScreenProps) {
  const bindings = useBindings();
  // Handlers read state through the getters: several keys can arrive before the next render.
  const [query, setQuery, getQuery] = useSyncState(initial.query);
  const [filter, setFilter, getFilter] = useSyncState<LibraryFilter>(initial.filter);
  const [sort, setSort, getSort] = useSyncState<SortKey>(initial.sort);
  const [mode, setMode, getMode] = useSyncState<'list' | 'search' | 'filters'>('list');
  const reported = useRef({ sort, filter });
  // Reported once per change (the parent's callback is new at every render; the ref keeps it from repeating).
  useEffect(() => {
    if (reported.current.sort === sort && reported.current.filter === filter) return;
    reported.current = { sort, filter };
    onPreferences?.({ sort, filter });
  }, [sort, filter, onPreferences]);
  const lengths = useMemo(() => rows.map((r) => titleLength(r)), [rows]);
  const options = useMemo(() => facetOptions(rows, (i) => lengths[i] ?? null), [rows, lengths]);
  const libraryCount = useMemo(() => rows.filter((r) => r.status !== 'plan_to_watch').length, [rows]);
  // Close (fuzzy) matches over every name of 10 000 titles take 50–120 ms, so they are found after the frame that
  // answers the key, a slice at a time (see CloseMatches): exact matches show at once, close ones follow, and a
  // newer key is handled at once and replaces the search.
  const closeRef = useRef<{ rows: readonly LibraryItem[]; search: CloseMatches<LibraryItem> } | null>(null);
  const [, setCloseMatches, getCloseMatches] = useSyncState<{
    q: string;
    rows: readonly LibraryItem[];
    found: LibraryItem[];
  } | null>(null);
  const pendingFuzzy = useRef<string | null>(null);
  useEffect(() => () => closeRef.current?.search.cancel(), []);
  const fuzzy = (q: string): LibraryItem[] => {
    const done = getCloseMatches();
    if (done?.q === q && done.rows === rows) return done.found;
    if (pendingFuzzy.current !== q) {
      if (closeRef.current?.rows !== rows) {
        closeRef.current?.search.cancel();
        closeRef.current = {
          rows,
          search: new CloseMatches(
            rows,
            { keys: ['normTitle', 'normNames'], threshold: 0.35, ignoreLocation: true },
            SLICE,
            CLOSE_MATCH_DELAY_MS,
          ),
        };
      }
      pendingFuzzy.current = q;
      closeRef.current.search.search(q, (found) => {
        pendingFuzzy.current = null;
        setCloseMatches({ q, rows, found });
      });
    }
    return [];
  };
  const sortedCache = useRef<{ sort: SortKey; rows: readonly LibraryItem[]; out: LibraryItem[] } | null>(null);
  const shownCache = useRef<{
    q: string;
    f: LibraryFilter;
    s: SortKey;
    rows: readonly LibraryItem[];
    close: unknown;
    out: LibraryItem[];
  } | null>(null);
  /** The rows on screen for a search, filter and sort; one-entry caches keep repeated calls free. */
  const shownFor = (q: string, f: LibraryFilter, s: SortKey): LibraryItem[] => {
    const c = shownCache.current;
    const close = getCloseMatches();
    if (c && c.q === q && c.f === f && c.s === s && c.rows === rows && c.close === close) return c.out;
    let sorted = sortedCache.current;
    if (!sorted || sorted.sort !== s || sorted.rows !== rows)
      sorted = sortedCache.current = { sort: s, rows, out: sortRows(rows, s) };
    // A search ranks by how well titles match; without one, the chosen sort order holds.
    const base = q ? searchTitles(sorted.out, q, fuzzy) : sorted.out;
    const out = base.filter((r) => passesFilter(r, f));
    shownCache.current = { q, f, s, rows, close, out };
    return out;
  };
  const shown = shownFor(query, filter, sort);
  const current = (): LibraryItem[] => shownFor(getQuery(), getFilter(), getSort());

  const listHeight = Math.max(1, bodyRows(height, width) - 1);
  const list = useListState(shown.length, listHeight, {
    initialCursor: initial.cursor,
    liveCount: () => current().length,
  });
  const panel = useListState(options.length, listHeight - 1);
  const state = (): LibraryState => ({
    query: getQuery(),
    cursor: list.get().cursor,
    filter: getFilter(),
    sort: getSort(),
  });
  const table = useTableLayout(rows, COLUMNS, width);
  const panelRows = useMemo(
    () => options.map((o): PanelRow => ({ ...o, state: facetState(filter, o.facet, o.value) })),
    [options, filter],
  );
  const panelTable = useTableLayout(panelRows, PANEL_COLUMNS, width);

  useCommand(
    (cmd) => {
      if (getMode() === 'filters') {
        const o = options[panel.get().cursor];
        if ((cmd === 'toggle' || cmd === 'open') && o) setFilter((f) => cycleFacet(f, o.facet, o.value));
        else if (cmd === 'clear') setFilter({});
        else if (cmd === 'back' || cmd === 'filter' || cmd === 'quit') setMode('list');
        else if (cmd !== 'search') onNav(cmd, state());
        list.dispatch({ type: 'top' });
        return;
      }
      if (cmd === 'search') setMode('search');
      else if (cmd === 'filter') setMode('filters');
      else if (cmd === 'sort') {
        setSort((s) => SORT_KEYS[(SORT_KEYS.indexOf(s) + 1) % SORT_KEYS.length]!);
        list.dispatch({ type: 'top' });
      } else if (cmd === 'clear') {
        setFilter({});
        setQuery('');
      } else if (cmd === 'back') setQuery('');
      else if (cmd === 'open') {
        const r = current()[list.get().cursor];
        if (r) onOpen(r.titleKey, state());
      } else onNav(cmd, state());
    },
    {
      active,
      nav: () => (getMode() === 'filters' ? panel : getMode() === 'list' ? list : null),
      raw: (input, key) => {
        if (getMode() !== 'search') return false;
        // The query changes: a close-match search still running is for the old one.
        closeRef.current?.search.cancel();
        pendingFuzzy.current = null;
        if (key.return || key.escape) {
          setMode('list');
          if (key.escape) setQuery('');
        } else if (key.backspace || key.delete) setQuery((q) => q.slice(0, -1));
        else if (input && !key.ctrl && !key.meta) setQuery((q) => q + input);
        list.dispatch({ type: 'top' });
        return true;
      },
    },
  );

  const summary = filterSummary(filter);
  const title = `anidex · Library · ${shown.length} of ${libraryCount} titles${summary ? ` · ${summary}` : ''} · ${query ? 'by match' : SORT_TEXT[sort]}`;
  let body: FrameLine[];
  const looking = pendingFuzzy.current !== null && query !== '' ? '  (looking for close matches…)' : '';
  // One row, like an input field: a query too long for it shows its end, where the typing is.
  const typed = (text: string): string =>
    truncate(sanitizeText(text), width - displayWidth(looking), 'start') + looking;
  let status = mode === 'search' ? typed(`/${query}▏`) : query ? typed(`search: ${query}`) : '';
  let footer: string;
  if (mode === 'filters') {
    const { offset, cursor } = panel.state;
    body = [
      { text: `Filters · ${summary || 'none'} · ${shown.length} titles match`, tone: 'accent' },
      ...tableLines(panelTable, panelRows.slice(offset, offset + listHeight - 1), {
        offset,
        cursor,
        key: (o) => `${o.facet}:${o.value}`,
        header: false,
      }),
    ];
    status = 'All included genres and moods must match; any included length or status does.';
    footer = footerText(
      [
        ['toggle', 'include/exclude/off'],
        ['filter', 'back to list'],
        ['recommend', 'recommend these'],
        ['clear', 'clear'],
        [['down', 'up'], 'move'],
        ['help', 'help'],
      ],
      bindings,
      width,
    );
  } else {
    const { offset, cursor } = list.state;
    body = tableLines(table, shown.slice(offset, offset + listHeight), { offset, cursor, key: (r) => r.titleKey });
    if (rows.length > 0 && shown.length === 0)
      body.push({
        text: `  Nothing matches. ${footerText([['clear', 'clears filters and search']], bindings)}.`,
        tone: 'muted',
      });
    footer = footerText(
      [
        ['open', 'open'],
        ['search', 'search'],
        ['filter', 'filter'],
        ['recommend', 'recommend'],
        ['plan', 'plan'],
        ['sort', 'sort'],
        [['down', 'up'], 'move'],
        ['titleLanguage', 'names'],
        ['nextScreen', 'screens'],
        ['quit', 'quit'],
        ['help', 'help'],
      ],
      bindings,
      width,
    );
  }
  return (
    <Screen title={title} body={body} status={status} footer={footer} width={width} height={height} theme={theme} />
  );
}
