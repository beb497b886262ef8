import { useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import Fuse from 'fuse.js';
import type { EnrichedRow } from '../../warehouse/queries.ts';
import { titleLength } from '../../domain/filters.ts';
import { sanitizeText } from '../../domain/sanitize.ts';
import { fit } from '../../domain/text-width.ts';
import { commandFor, keyName } from '../keys/bindings.ts';
import { listReducer } from '../components/list-state.ts';
import type { Theme } from '../theme/theme.ts';

export interface LibraryScreenProps {
  rows: readonly EnrichedRow[];
  width: number;
  height: number;
  theme: Theme;
  onHelp: () => void;
  onQuit: () => void;
  onOpen: (titleKey: string) => void;
  /** Tab: the next screen. */
  onNext?: () => void;
  active: boolean;
  /** Where the list was when the person left it (search and selection survive a visit to a title or help). */
  initial?: { query: string; cursor: number };
  onLeave?: (state: { query: string; cursor: number }) => void;
}

/** Title, year, kind, rating, length and genres of every current title; virtualized, with fuzzy search. */
export function LibraryScreen({ rows, width, height, theme, onHelp, onQuit, onOpen, onNext, active, initial, onLeave }: LibraryScreenProps) {
  const [query, setQuery] = useState(initial?.query ?? '');
  const [searching, setSearchingState] = useState(false);
  // Keys can arrive faster than React re-renders: the handler reads the mode from a ref, never a stale closure.
  const searchingRef = useRef(false);
  const setSearching = (on: boolean): void => {
    searchingRef.current = on;
    setSearchingState(on);
  };
  const fuse = useMemo(() => new Fuse(rows as EnrichedRow[], { keys: ['title', 'normTitle'], threshold: 0.35, ignoreLocation: true }), [rows]);
  const shown = useMemo(() => (query ? fuse.search(query).map((r) => r.item) : rows), [query, fuse, rows]);
  const listHeight = Math.max(1, height - 4);
  const [list, dispatch] = useReducer(listReducer, { cursor: 0, offset: 0, count: 0, height: listHeight }, (s) =>
    listReducer(listReducer(s, { type: 'resize', count: shown.length, height: listHeight }), { type: 'move', by: initial?.cursor ?? 0 }),
  );
  if (list.count !== shown.length || list.height !== listHeight) dispatch({ type: 'resize', count: shown.length, height: listHeight });

  useInput(
    (input, key) => {
      if (searchingRef.current) {
        if (key.return || key.escape) {
          setSearching(false);
          if (key.escape) setQuery('');
        } else if (key.backspace || key.delete) setQuery((q) => q.slice(0, -1));
        else if (input && !key.ctrl && !key.meta) setQuery((q) => q + input);
        dispatch({ type: 'top' });
        return;
      }
      const cmd = commandFor(keyName(input, key));
      const half = Math.max(1, Math.floor(listHeight / 2));
      if (cmd === 'down') dispatch({ type: 'move', by: 1 });
      else if (cmd === 'up') dispatch({ type: 'move', by: -1 });
      else if (cmd === 'pageDown') dispatch({ type: 'move', by: half });
      else if (cmd === 'pageUp') dispatch({ type: 'move', by: -half });
      else if (cmd === 'top') dispatch({ type: 'top' });
      else if (cmd === 'bottom') dispatch({ type: 'bottom' });
      else if (cmd === 'search') setSearching(true);
      else if (cmd === 'back') setQuery('');
      else if (cmd === 'nextScreen' && onNext) {
        onLeave?.({ query, cursor: list.cursor });
        onNext();
      } else if (cmd === 'help') {
        onLeave?.({ query, cursor: list.cursor });
        onHelp();
      } else if (cmd === 'open' && shown[list.cursor]) {
        onLeave?.({ query, cursor: list.cursor });
        onOpen(shown[list.cursor]!.titleKey);
      }
      else if (cmd === 'quit') onQuit();
    },
    { isActive: active },
  );

  const fixed = 5 + 2 + 5 + 4 + 7 + 5 * 2;
  const titleW = Math.max(12, Math.floor((width - fixed) * 0.55));
  const genreW = Math.max(8, width - fixed - titleW);
  const line = (r: EnrichedRow): string =>
    [
      fit(sanitizeText(r.title), titleW),
      fit(r.year === null ? '' : String(r.year), 5, 'right'),
      fit(r.mediaType, 5),
      fit(r.userRating === null ? '' : String(r.userRating), 4, 'right'),
      fit(titleLength(r) ?? '', 7),
      fit(r.matchStatus === 'unmatched' ? '(not anime?)' : r.matchStatus === 'pending' ? '(pending)' : r.genres.join(', '), genreW),
    ].join('  ');
  const header = [fit('Title', titleW), fit('Year', 5, 'right'), fit('Kind', 5), fit('Rate', 4, 'right'), fit('Length', 7), fit('Genres', genreW)].join('  ');
  const visible = shown.slice(list.offset, list.offset + listHeight);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>{fit(`anidex · Library · ${shown.length} of ${rows.length} titles`, width)}</Text>
      <Text color={theme.muted}>{header}</Text>
      {visible.map((r, i) => {
        const selected = list.offset + i === list.cursor;
        return (
          <Text key={r.titleKey} inverse={selected && !theme.colour} color={selected ? theme.selected : undefined} bold={selected}>
            {(selected ? '>' : ' ') + line(r).slice(0, width - 1)}
          </Text>
        );
      })}
      {Array.from({ length: Math.max(0, listHeight - visible.length) }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
      <Text>{searching ? fit(`/${query}▏`, width) : ' '}</Text>
      <Text color={theme.muted}>{fit('j/k move · Enter open · g/G top/bottom · ^d/^u page · / search · Tab stats · ? help · q quit', width)}</Text>
    </Box>
  );
}
