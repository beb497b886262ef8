import type { UiCommand } from '../keys/bindings.ts';
import { useSyncState } from '../hooks/use-sync-state.ts';

/** The state of a scrolling list: which row is selected and which row is at the top of the window. */
export interface ListState {
  cursor: number;
  offset: number;
  count: number;
  height: number;
}

type ListAction =
  | { type: 'move'; by: number }
  | { type: 'select'; index: number }
  | { type: 'top' }
  | { type: 'bottom' }
  | { type: 'resize'; count: number; height: number };

/** Pure: keeps the cursor inside the list and the window around the cursor. */
export function listReducer(s: ListState, a: ListAction): ListState {
  let { cursor, offset, count, height } = s;
  if (a.type === 'move') cursor += a.by;
  else if (a.type === 'select') cursor = a.index;
  else if (a.type === 'top') cursor = 0;
  else if (a.type === 'bottom') cursor = count - 1;
  else {
    count = a.count;
    height = Math.max(1, a.height);
  }
  cursor = Math.max(0, Math.min(cursor, count - 1));
  if (count === 0) cursor = 0;
  if (cursor < offset) offset = cursor;
  if (cursor >= offset + height) offset = cursor - height + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, count - height)));
  return { cursor, offset, count, height };
}

/** The move a movement command makes (page keys: half of `page` rows); null for any other command. */
export function moveFor(cmd: UiCommand, page: number): ListAction | null {
  const half = Math.max(1, Math.floor(page / 2));
  if (cmd === 'down') return { type: 'move', by: 1 };
  if (cmd === 'up') return { type: 'move', by: -1 };
  if (cmd === 'pageDown') return { type: 'move', by: half };
  if (cmd === 'pageUp') return { type: 'move', by: -half };
  if (cmd === 'top') return { type: 'top' };
  if (cmd === 'bottom') return { type: 'bottom' };
  return null;
}

/** A list of `count` rows shown `height` at a time, its cursor on `cursor`. */
export function initialList(count: number, height: number, cursor = 0): ListState {
  return listReducer(listReducer({ cursor: 0, offset: 0, count: 0, height: 1 }, { type: 'resize', count, height }), {
    type: 'select',
    index: cursor,
  });
}

/** A list's state as a screen uses it: read now (`get`, for key handlers), changed by actions or by commands. */
export interface ListNav {
  /** As of this render. */
  state: ListState;
  /** As of now: keys can arrive faster than renders. */
  get(): ListState;
  dispatch(a: ListAction): void;
  /** Apply a movement command; false when `cmd` is not one (the screen handles it). */
  command(cmd: UiCommand): boolean;
}

interface ListOptions {
  initialCursor?: number;
  /** The count as of now, when it can change between renders (a search typed faster than the screen redraws). */
  liveCount?: () => number;
  /** Rows a page key moves half of (default: the height). */
  page?: number;
}

/**
 * The cursor and window of a list of `count` rows shown `height` at a time. The state is fitted to the count and
 * height when read, so a list that grows, shrinks or is resized needs no second render.
 */
export function useListState(count: number, height: number, opts: ListOptions = {}): ListNav {
  const [stored, set, getStored] = useSyncState(() => initialList(count, height, opts.initialCursor));
  const fitted = (s: ListState, n: number): ListState =>
    s.count === n && s.height === Math.max(1, height) ? s : listReducer(s, { type: 'resize', count: n, height });
  const get = (): ListState => fitted(getStored(), opts.liveCount ? opts.liveCount() : count);
  const dispatch = (a: ListAction): void => set(listReducer(get(), a));
  return {
    state: fitted(stored, count),
    get,
    dispatch,
    command(cmd) {
      const a = moveFor(cmd, opts.page ?? height);
      if (a) dispatch(a);
      return a !== null;
    },
  };
}

/**
 * A text `total` lines long seen `rows` at a time: a list whose cursor is the first line shown (one position per
 * line that can be on top), paged by half the rows.
 */
export function useScrollState(total: number, rows: number): ListNav {
  return useListState(Math.max(1, total - rows + 1), 1, { page: rows });
}
