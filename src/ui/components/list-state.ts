/** The state of a scrolling list: which row is selected and which row is at the top of the window. */
export interface ListState {
  cursor: number;
  offset: number;
  count: number;
  height: number;
}

export type ListAction =
  | { type: 'move'; by: number }
  | { type: 'top' }
  | { type: 'bottom' }
  | { type: 'resize'; count: number; height: number };

/** Pure: keeps the cursor inside the list and the window around the cursor. */
export function listReducer(s: ListState, a: ListAction): ListState {
  let { cursor, offset, count, height } = s;
  if (a.type === 'move') cursor += a.by;
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
