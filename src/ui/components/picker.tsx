import { useMemo } from 'react';
import { Text } from 'ink';
import SelectInput from 'ink-select-input';
import { displayWidth, fit } from '../../lib/text/cells.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import { toneStyle } from './screen.tsx';
import type { Theme } from '../theme/theme.ts';

export interface PickerItem<V extends string> {
  label: string;
  value: V;
}

interface PickerProps<V extends string> {
  items: ReadonlyArray<PickerItem<V>>;
  /** The highlighted item (from the screen's list state), or -1 for none. */
  cursor: number;
  /** Before each row's marker. */
  indent?: string;
  width: number;
  theme: Theme;
}

/**
 * A short list to choose from, drawn by ink-select-input. The component never listens for keys itself
 * (`isFocused` false): it listens through its own subscription, which is renewed after each render, so an Enter
 * typed right after a Down reached it before the Down's render and chose the item highlighted before. Keys go
 * through the app's key router to the screen's list state instead, and the highlight follows that state:
 * ink-select-input only takes the highlighted index when it mounts, so it is mounted again when the cursor moves
 * (a few rows: nothing to notice). The screen chooses the item under the cursor on Enter.
 */
export function Picker<V extends string>({ items, cursor, indent = '', width, theme }: PickerProps<V>) {
  const look = useMemo(() => {
    const marker = (selected: boolean): string => `${indent}${selected ? '>' : ' '} `;
    const room = Math.max(1, width - displayWidth(marker(false)));
    const style = (selected: boolean) => toneStyle(selected ? 'selected' : undefined, theme);
    return {
      Indicator: ({ isSelected = false }: { isSelected?: boolean }) => (
        <Text {...style(isSelected)}>{marker(isSelected)}</Text>
      ),
      Item: ({ isSelected = false, label }: { isSelected?: boolean; label: string }) => (
        <Text {...style(isSelected)}>{fit(sanitizeText(label), room) || ' '}</Text>
      ),
    };
  }, [indent, width, theme]);
  return (
    <SelectInput
      key={cursor}
      items={[...items]}
      initialIndex={cursor}
      isFocused={false}
      indicatorComponent={look.Indicator}
      itemComponent={look.Item}
    />
  );
}
