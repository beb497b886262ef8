import { createContext, createElement, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useInput } from 'ink';
import { commandFor, DEFAULT_BINDINGS, keyName, type Bindings, type InkKey, type UiCommand } from './bindings.ts';

/** The live bindings (defaults, or the person's overrides from the settings file). */
export const BindingsContext = createContext<Bindings>(DEFAULT_BINDINGS);

export function useBindings(): Bindings {
  return useContext(BindingsContext);
}

interface KeyTarget {
  /** A text field's view of the key first; true when it took it. */
  raw(input: string, key: InkKey): boolean;
  handle(input: string, key: InkKey): void;
}

const RouterContext = createContext<{ target: KeyTarget | null } | null>(null);

/**
 * One listener for the whole app, handing each key to the active screen. A screen's own listener would be
 * subscribed only after its first render settles, so a key typed right after a screen change would be lost.
 * Keys that arrive in one chunk (typed fast, pasted, sent by tmux) are handed over one at a time, each after
 * the screen has re-rendered for the one before; a text field takes a pasted chunk whole.
 */
export function KeyRouter({ children }: { children: ReactNode }) {
  const slot = useRef<{ target: KeyTarget | null }>({ target: null }).current;
  const queue = useRef<Array<[string, InkKey]>>([]);
  const [drained, setDrained] = useState(0);
  useEffect(() => {
    if (!queue.current.length) return;
    const t = setTimeout(() => {
      const next = queue.current.shift();
      if (next) slot.target?.handle(...next);
      setDrained((n) => n + 1);
    }, 0);
    return () => clearTimeout(t);
  }, [drained]);
  useInput((input, key) => {
    if (queue.current.length) {
      queue.current.push([input, key]); // keys typed while a chunk is being handled keep their order
      setDrained((n) => n + 1);
      return;
    }
    const chars = [...input];
    if (chars.length <= 1 || key.ctrl || key.meta) {
      slot.target?.handle(input, key);
      return;
    }
    if (slot.target?.raw(input, key)) return;
    const [first, ...rest] = chars.map((ch): [string, InkKey] => [ch, { return: ch === '\r' || ch === '\n', tab: ch === '\t' }]);
    queue.current.push(...rest);
    slot.target?.handle(...first!);
    setDrained((n) => n + 1);
  });
  return createElement(RouterContext.Provider, { value: slot }, children);
}

/**
 * Key presses as commands. `raw` sees every key first (a text field being typed into) and returns true when it
 * took the key.
 */
export function useCommand(onCommand: (cmd: UiCommand) => void, opts: { active: boolean; raw?: (input: string, key: InkKey) => boolean }): void {
  const bindings = useBindings();
  const slot = useContext(RouterContext);
  // Read through a ref: a key must reach this render's handler, not the one of the render it was subscribed in.
  const latest = useRef({ onCommand, raw: opts.raw, bindings });
  latest.current = { onCommand, raw: opts.raw, bindings };
  const target = useRef<KeyTarget>({
    raw: (input, key) => latest.current.raw?.(input, key) ?? false,
    handle(input, key) {
      const h = latest.current;
      if (h.raw?.(input, key)) return;
      const cmd = commandFor(keyName(input, key), h.bindings);
      if (cmd) h.onCommand(cmd);
    },
  }).current;
  // A layout effect runs as the screen is committed, before the next key event can be handled.
  useLayoutEffect(() => {
    if (!opts.active || !slot) return;
    slot.target = target;
    return () => {
      if (slot.target === target) slot.target = null;
    };
  }, [opts.active, slot]);
  // A screen rendered on its own (a test of one screen) listens for itself.
  useInput((input, key) => target.handle(input, key), { isActive: opts.active && !slot });
}
