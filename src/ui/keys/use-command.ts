import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
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

type Pending = { text: string } | { key: [string, InkKey] };

const CONTROL: Record<string, InkKey> = {
  '\r': { return: true },
  '\n': { return: true },
  '\t': { tab: true },
  '\u007f': { delete: true },
  '\b': { backspace: true },
};

/** A chunk of input as what a person typed: runs of text, and the Enter, Tab and Backspace keys between them. */
export function splitChunk(chunk: string): Pending[] {
  return (chunk.match(/[\r\n\t\u007f\b]|[^\r\n\t\u007f\b]+/g) ?? []).map((seg) =>
    CONTROL[seg] ? { key: ['', CONTROL[seg]!] } : { text: seg },
  );
}

/**
 * One listener for the whole app, handing each key to the active screen. A screen's own listener would be
 * subscribed only after its first render settles, so a key typed right after a screen change would be lost.
 * Keys that arrive in one chunk (typed fast, pasted, sent by tmux) are handed over one at a time, each after
 * the screen has re-rendered for the one before; a text field takes a pasted run of text whole, and an Enter at
 * the end of a paste still submits it.
 */
export function KeyRouter({ children }: { children: ReactNode }) {
  const slot = useRef<{ target: KeyTarget | null }>({ target: null }).current;
  const queue = useRef<Pending[]>([]);
  const [drained, setDrained] = useState(0);
  /** Hand one pending piece to the screen; a run of text the screen does not take as text becomes single keys. */
  const handle = (p: Pending): void => {
    const t = slot.target;
    if (!t) return;
    if ('key' in p) {
      t.handle(...p.key);
      return;
    }
    const chars = [...p.text];
    if (chars.length === 1 || t.raw(p.text, {})) {
      if (chars.length === 1) t.handle(p.text, {});
      return;
    }
    queue.current.unshift(...chars.slice(1).map((ch): Pending => ({ key: [ch, {}] })));
    t.handle(chars[0]!, {});
  };
  useEffect(() => {
    if (!queue.current.length) return;
    const t = setTimeout(() => {
      const next = queue.current.shift();
      if (next) handle(next);
      setDrained((n) => n + 1);
    }, 0);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one queued piece per drain; `handle` reads the slot's current target, so this render's copy is as good as any
  }, [drained]);
  useInput((input, key) => {
    const single =
      [...input].length <= 1 ||
      key.ctrl ||
      key.meta ||
      key.upArrow ||
      key.downArrow ||
      key.leftArrow ||
      key.rightArrow ||
      key.pageUp ||
      key.pageDown;
    const pieces: Pending[] = single ? [{ key: [input, key] }] : splitChunk(input);
    if (queue.current.length) {
      queue.current.push(...pieces); // keys typed while a chunk is being handled keep their order
    } else {
      const [first, ...rest] = pieces;
      queue.current.push(...rest);
      if (first) handle(first);
    }
    setDrained((n) => n + 1);
  });
  return createElement(RouterContext.Provider, { value: slot }, children);
}

/** What takes movement commands (a list, a pager): true when it took the command. */
interface Navigable {
  command(cmd: UiCommand): boolean;
}

interface CommandOptions {
  active: boolean;
  /** Sees every key first (a text field being typed into); true when it took the key. */
  raw?: (input: string, key: InkKey) => boolean;
  /** The list or pager that moves now (asked at each key: a screen may switch lists between two keys). */
  nav?: () => Navigable | null;
}

/**
 * Key presses as commands, for the active screen only. Movement commands go to `nav` first; what it does not take,
 * and every other command, goes to `onCommand`.
 */
export function useCommand(onCommand: (cmd: UiCommand) => void, opts: CommandOptions): void {
  const bindings = useBindings();
  const slot = useContext(RouterContext);
  // Read through a ref: a key must reach this render's handler, not the one of the render it was subscribed in.
  const latest = useRef({ onCommand, raw: opts.raw, nav: opts.nav, bindings });
  latest.current = { onCommand, raw: opts.raw, nav: opts.nav, bindings };
  const target = useRef<KeyTarget>({
    raw: (input, key) => latest.current.raw?.(input, key) ?? false,
    handle(input, key) {
      const h = latest.current;
      if (h.raw?.(input, key)) return;
      const cmd = commandFor(keyName(input, key), h.bindings);
      if (cmd && !h.nav?.()?.command(cmd)) h.onCommand(cmd);
    },
  }).current;
  // A layout effect runs as the screen is committed, before the next key event can be handled.
  useLayoutEffect(() => {
    if (!opts.active || !slot) return;
    slot.target = target;
    return () => {
      if (slot.target === target) slot.target = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `target` is a ref's object, the same for the screen's whole life
  }, [opts.active, slot]);
  // A screen rendered on its own (a test of one screen) listens for itself.
  useInput((input, key) => target.handle(input, key), { isActive: opts.active && !slot });
}
