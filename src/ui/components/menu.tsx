import { Box, Text } from 'ink';
import type { Theme } from '../theme/theme.ts';
import { useCommand } from '../keys/use-command.ts';
import type { UiCommand } from '../keys/bindings.ts';
import { useSyncState } from '../hooks/use-sync-state.ts';

export interface MenuItem<V extends string> {
  label: string;
  value: V;
}

/**
 * A short menu: the move keys and Enter from the live bindings, through the app's key router (one screen, one
 * listener: other commands go to `onOther`). (ink-select-input
 * listens for itself and re-subscribes after each render, so an Enter typed right after a move chose the item
 * that was highlighted before it.)
 */
export function Menu<V extends string>({ items, theme, onSelect, onOther, active }: { items: ReadonlyArray<MenuItem<V>>; theme: Theme; onSelect: (v: V) => void; onOther?: (cmd: UiCommand) => void; active: boolean }) {
  const [cursor, setCursor, getCursor] = useSyncState(0);
  useCommand(
    (cmd) => {
      if (cmd === 'down') setCursor((c) => Math.min(items.length - 1, c + 1));
      else if (cmd === 'up') setCursor((c) => Math.max(0, c - 1));
      else if (cmd === 'top') setCursor(0);
      else if (cmd === 'bottom') setCursor(items.length - 1);
      else if (cmd === 'open') {
        const it = items[getCursor()];
        if (it) onSelect(it.value);
      } else onOther?.(cmd);
    },
    { active },
  );
  return (
    <Box flexDirection="column">
      {items.map((it, i) => (
        <Text key={it.value} bold={i === cursor} inverse={i === cursor && !theme.colour} color={i === cursor ? theme.selected : undefined}>
          {`${i === cursor ? '  > ' : '    '}${it.label}`}
        </Text>
      ))}
    </Box>
  );
}
