import { createContext, useContext } from 'react';
import { useInput } from 'ink';
import { commandFor, DEFAULT_BINDINGS, keyName, type Bindings, type InkKey, type UiCommand } from './bindings.ts';

/** The live bindings (defaults, or the person's overrides from the settings file). */
export const BindingsContext = createContext<Bindings>(DEFAULT_BINDINGS);

export function useBindings(): Bindings {
  return useContext(BindingsContext);
}

/**
 * Key presses as commands. `raw` sees every key first (a text field being typed into) and returns true when it
 * took the key.
 */
export function useCommand(onCommand: (cmd: UiCommand) => void, opts: { active: boolean; raw?: (input: string, key: InkKey) => boolean }): void {
  const bindings = useBindings();
  useInput(
    (input, key) => {
      if (opts.raw?.(input, key)) return;
      const cmd = commandFor(keyName(input, key), bindings);
      if (cmd) onCommand(cmd);
    },
    { isActive: opts.active },
  );
}
