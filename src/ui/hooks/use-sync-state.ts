import { useReducer, useRef } from 'react';

/**
 * State whose latest value a key handler can read at once: keys can arrive faster than React re-renders, and a
 * handler that reads render-time state would act on the screen as it was a few keys ago. `get()` is always current;
 * `set` updates it synchronously and schedules the re-render.
 */
export function useSyncState<T>(initial: T | (() => T)): [T, (next: T | ((prev: T) => T)) => void, () => T] {
  const ref = useRef<{ value: T } | null>(null);
  if (ref.current === null) ref.current = { value: typeof initial === 'function' ? (initial as () => T)() : initial };
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const box = ref.current;
  const set = (next: T | ((prev: T) => T)): void => {
    const value = typeof next === 'function' ? (next as (prev: T) => T)(box.value) : next;
    if (Object.is(value, box.value)) return;
    box.value = value;
    rerender();
  };
  return [box.value, set, () => box.value];
}
