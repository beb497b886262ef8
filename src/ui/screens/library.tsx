import { useEffect, useMemo, useRef } from 'react';
import type { EnrichedRow } from '../../warehouse/queries.ts';
import { passesFilter, titleLength, type LibraryFilter } from '../../domain/filters.ts';
import { cycleFacet, facetOptions, facetState, filterSummary, SORT_KEYS, SORT_TEXT, sortRows, type SortKey } from '../../domain/library-query.ts';
import { sanitizeText } from '../../domain/sanitize.ts';
import { searchTitles } from '../../domain/title-search.ts';
import type { TitleStatus } from '../../domain/status.ts';
import { isPending } from '../../domain/pending.ts';
import { displayWidth, fit, truncate } from '../../lib/text/cells.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { listReducer, type ListAction, type ListState } from '../components/list-state.ts';
import { useSyncState } from '../hooks/use-sync-state.ts';
import { Frame, type FrameLine } from '../components/frame.tsx';
import { CloseMatches } from '../components/close-matches.ts';
import type { Theme } from '../theme/theme.ts';

/** What the library screen keeps when the person leaves it (search, filters, sort and selection survive). */
export interface LibraryState {
  query: string;
  cursor: number;
  filter: LibraryFilter;
  sort: SortKey;
}

export const INITIAL_LIBRARY: LibraryState = { query: '', cursor: 0, filter: {}, sort: 'title' };

export interface LibraryScreenProps {
  /** Library titles, and MyAnimeList Plan to Watch entries (status plan_to_watch), shown only when the filter asks. */
  rows: ReadonlyArray<EnrichedRow & { status?: TitleStatus | null }>;
  width: number;
  height: number;
  theme: Theme;
  onOpen: (titleKey: string, state: LibraryState) => void;
  /** Commands this screen does not handle (screen changes, help, quit), with the state to keep. */
  onNav: (cmd: UiCommand, state: LibraryState) => void;
  active: boolean;
  initial?: LibraryState;
}

const MARK = { include: '[+]', exclude: '[-]', off: '[ ]' } as const;

function episodesText(r: EnrichedRow): string {
  const total = r.totalEpisodes ?? r.animeEpisodes;
  if (r.mediaType === 'movie') return '';
  return total ? `${r.episodesWatched ?? 0}/${total}` : String(r.episodesWatched ?? '');
}

/** Every current title: virtualized, fuzzy search as you type, genre/mood/length filters with include and exclude, sort keys. */
export function LibraryScreen({ rows, width, height, theme, onOpen, onNav, active, initial = INITIAL_LIBRARY }: LibraryScreenProps) {
  const bindings = useBindings();
  // Handlers read state through the getters: several keys can arrive before the next render.
  const [query, setQuery, getQuery] = useSyncState(initial.query);
  const [filter, setFilter, getFilter] = useSyncState<LibraryFilter>(initial.filter);
  const [sort, setSort, getSort] = useSyncState<SortKey>(initial.sort);
  const [mode, setMode, getMode] = useSyncState<'list' | 'search' | 'filters'>('list');
  const lengths = useMemo(() => rows.map((r) => titleLength(r)), [rows]);
  const options = useMemo(() => facetOptions(rows, (i) => lengths[i] ?? null), [rows, lengths]);
  const libraryCount = useMemo(() => rows.filter((r) => r.status !== 'plan_to_watch').length, [rows]);
  // Close (fuzzy) matches over every name of 10 000 titles take 50–120 ms, so they are found after the frame that
  // answers the key, a slice at a time (see CloseMatches): exact matches show at once, close ones follow, and a
  // newer key is handled at once and replaces the search.
  const closeRef = useRef<{ rows: readonly EnrichedRow[]; search: CloseMatches<EnrichedRow> } | null>(null);
  const [, setCloseMatches, getCloseMatches] = useSyncState<{ q: string; rows: readonly EnrichedRow[]; found: EnrichedRow[] } | null>(null);
  const pendingFuzzy = useRef<string | null>(null);
  useEffect(() => () => closeRef.current?.search.cancel(), []);
  const fuzzy = (q: string): EnrichedRow[] => {
    const done = getCloseMatches();
    if (done?.q === q && done.rows === rows) return done.found;
    if (pendingFuzzy.current !== q) {
      if (closeRef.current?.rows !== rows) {
        closeRef.current?.search.cancel();
        closeRef.current = { rows, search: new CloseMatches(rows, { keys: ['normTitle', 'normNames'], threshold: 0.35, ignoreLocation: true }) };
      }
      pendingFuzzy.current = q;
      closeRef.current.search.search(q, (found) => {
        pendingFuzzy.current = null;
        setCloseMatches({ q, rows, found });
      });
    }
    return [];
  };
  const sortedCache = useRef<{ sort: SortKey; rows: readonly EnrichedRow[]; out: EnrichedRow[] } | null>(null);
  const shownCache = useRef<{ q: string; f: LibraryFilter; s: SortKey; rows: readonly EnrichedRow[]; close: unknown; out: EnrichedRow[] } | null>(null);
  /** The rows on screen for a search, filter and sort; one-entry caches keep repeated calls free. */
  const shownFor = (q: string, f: LibraryFilter, s: SortKey): EnrichedRow[] => {
    const c = shownCache.current;
    const close = getCloseMatches();
    if (c && c.q === q && c.f === f && c.s === s && c.rows === rows && c.close === close) return c.out;
    let sorted = sortedCache.current;
    if (!sorted || sorted.sort !== s || sorted.rows !== rows) sorted = sortedCache.current = { sort: s, rows, out: sortRows(rows, s) };
    // A search ranks by how well titles match; without one, the chosen sort order holds.
    const base = q ? searchTitles(sorted.out, q, fuzzy) : sorted.out;
    const out = base.filter((r) => passesFilter(r, f));
    shownCache.current = { q, f, s, rows, close, out };
    return out;
  };
  const shown = shownFor(query, filter, sort);
  const current = (): EnrichedRow[] => shownFor(getQuery(), getFilter(), getSort());

  const listHeight = Math.max(1, height - 4);
  const init = (count: number, cursor: number) => listReducer(listReducer({ cursor: 0, offset: 0, count: 0, height: listHeight }, { type: 'resize', count, height: listHeight }), { type: 'move', by: cursor });
  const [storedList, setList, getStoredList] = useSyncState(() => init(shown.length, initial.cursor));
  const [storedPanel, setPanel, getStoredPanel] = useSyncState(() => init(options.length, 0));
  // The window follows what is shown without a second render: it is fitted on read, and stored on the next move.
  const fitted = (s: ListState, count: number, h: number): ListState => (s.count === count && s.height === h ? s : listReducer(s, { type: 'resize', count, height: h }));
  const list = fitted(storedList, shown.length, listHeight);
  const panel = fitted(storedPanel, options.length, listHeight - 1);
  const getList = (): ListState => fitted(getStoredList(), current().length, listHeight);
  const getPanel = (): ListState => fitted(getStoredPanel(), options.length, listHeight - 1);
  const dispatch = (a: ListAction): void => setList(listReducer(getList(), a));
  const dispatchPanel = (a: ListAction): void => setPanel(listReducer(getPanel(), a));

  const state = (): LibraryState => ({ query: getQuery(), cursor: getList().cursor, filter: getFilter(), sort: getSort() });
  const half = Math.max(1, Math.floor(listHeight / 2));
  const move = (cmd: UiCommand, d: (a: ListAction) => void): boolean => {
    if (cmd === 'down') d({ type: 'move', by: 1 });
    else if (cmd === 'up') d({ type: 'move', by: -1 });
    else if (cmd === 'pageDown') d({ type: 'move', by: half });
    else if (cmd === 'pageUp') d({ type: 'move', by: -half });
    else if (cmd === 'top') d({ type: 'top' });
    else if (cmd === 'bottom') d({ type: 'bottom' });
    else return false;
    return true;
  };

  useCommand(
    (cmd) => {
      if (getMode() === 'filters') {
        if (move(cmd, dispatchPanel)) return;
        const o = options[getPanel().cursor];
        if ((cmd === 'toggle' || cmd === 'open') && o) setFilter((f) => cycleFacet(f, o.facet, o.value));
        else if (cmd === 'clear') setFilter({});
        else if (cmd === 'back' || cmd === 'filter' || cmd === 'quit') setMode('list');
        else if (cmd !== 'search') onNav(cmd, state());
        dispatch({ type: 'top' });
        return;
      }
      if (move(cmd, dispatch)) return;
      if (cmd === 'search') setMode('search');
      else if (cmd === 'filter') setMode('filters');
      else if (cmd === 'sort') {
        setSort((s) => SORT_KEYS[(SORT_KEYS.indexOf(s) + 1) % SORT_KEYS.length]!);
        dispatch({ type: 'top' });
      } else if (cmd === 'clear') {
        setFilter({});
        setQuery('');
      } else if (cmd === 'back') setQuery('');
      else if (cmd === 'open') {
        const r = current()[getList().cursor];
        if (r) onOpen(r.titleKey, state());
      } else onNav(cmd, state());
    },
    {
      active,
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
        dispatch({ type: 'top' });
        return true;
      },
    },
  );

  const summary = filterSummary(filter);
  const title = `anidex · Library · ${shown.length} of ${libraryCount} titles${summary ? ` · ${summary}` : ''} · ${query ? 'by match' : SORT_TEXT[sort]}`;
  let body: FrameLine[];
  const looking = pendingFuzzy.current !== null && query !== '' ? '  (looking for close matches…)' : '';
  // One row, like an input field: a query too long for it shows its end, where the typing is.
  const typed = (text: string): string => truncate(sanitizeText(text), width - displayWidth(looking), 'start') + looking;
  let status = mode === 'search' ? typed(`/${query}▏`) : query ? typed(`search: ${query}`) : '';
  let footer: string;
  if (mode === 'filters') {
    const visible = options.slice(panel.offset, panel.offset + listHeight - 1);
    body = [
      { text: `Filters · ${summary || 'none'} · ${shown.length} titles match`, tone: 'accent' },
      ...visible.map((o, i): FrameLine => {
        const selected = panel.offset + i === panel.cursor;
        return { text: `${selected ? '>' : ' '}${fit(o.facet, 7)} ${MARK[facetState(filter, o.facet, o.value)]} ${fit(sanitizeText(o.value), Math.max(8, width - 22))} ${String(o.count).padStart(5)}`, tone: selected ? 'selected' : undefined, key: `${o.facet}:${o.value}` };
      }),
    ];
    status = 'All included genres and moods must match; any included length or status does.';
    footer = footerText([['toggle', 'include/exclude/off'], ['filter', 'back to list'], ['recommend', 'recommend these'], ['clear', 'clear'], [['down', 'up'], 'move'], ['help', 'help']], bindings, width);
  } else {
    // Under 100 columns the kind goes: the length column already says "movie".
    const wide = width >= 100;
    const fixed = 1 + 4 + (wide ? 5 : 0) + 4 + 5 + 6 + (wide ? 6 : 5) * 2;
    const titleW = Math.max(12, Math.floor((width - fixed) * 0.5));
    const genreW = Math.max(8, width - fixed - titleW);
    const header = ' ' + [fit('Title', titleW), fit('Year', 4), ...(wide ? [fit('Kind', 5)] : []), fit('Rate', 4, 'right'), fit('Eps', 5, 'right'), fit('Length', 6), fit('Moods · genres', genreW)].join('  ');
    const line = (r: EnrichedRow): string =>
      [
        fit(sanitizeText(r.title), titleW),
        fit(r.year === null ? '' : String(r.year), 4),
        ...(wide ? [fit(r.mediaType, 5)] : []),
        fit(r.userRating === null ? '' : String(r.userRating), 4, 'right'),
        fit(episodesText(r), 5, 'right'),
        fit(titleLength(r) ?? '', 6),
        fit(
          r.matchStatus === 'unmatched' ? '(unmatched: not anime?)' : isPending(r) ? '(not looked up yet)' : [r.moods.join(', '), r.genres.slice(0, 3).join(', ')].filter(Boolean).join(' · '),
          genreW,
        ),
      ].join('  ');
    const visible = shown.slice(list.offset, list.offset + listHeight);
    body = [
      { text: header, tone: 'muted' },
      ...visible.map((r, i): FrameLine => {
        const selected = list.offset + i === list.cursor;
        return { text: (selected ? '>' : ' ') + line(r), tone: selected ? 'selected' : undefined, key: r.titleKey };
      }),
    ];
    if (rows.length > 0 && shown.length === 0) body.push({ text: `  Nothing matches. ${footerText([['clear', 'clears filters and search']], bindings)}.`, tone: 'muted' });
    footer = footerText(
      [['open', 'open'], ['search', 'search'], ['filter', 'filter'], ['recommend', 'recommend'], ['plan', 'plan'], ['sort', 'sort'], [['down', 'up'], 'move'], ['nextScreen', 'screens'], ['quit', 'quit'], ['help', 'help']],
      bindings,
      width,
    );
  }
  return <Frame title={title} body={body} status={status} footer={footer} width={width} height={height} theme={theme} />;
}
