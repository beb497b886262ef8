import { Text } from 'ink';
import SelectInput from 'ink-select-input';
import type { Theme } from '../theme/theme.ts';

export interface MenuItem<V extends string> {
  label: string;
  value: V;
}

/** A short menu (ink-select-input: arrows or j/k, Enter), drawn with the theme so it reads under NO_COLOR too. */
export function Menu<V extends string>({ items, theme, onSelect, active }: { items: ReadonlyArray<MenuItem<V>>; theme: Theme; onSelect: (v: V) => void; active: boolean }) {
  return (
    <SelectInput
      items={items.map((i) => ({ key: i.value, label: i.label, value: i.value }))}
      isFocused={active}
      onSelect={(item) => onSelect(item.value as V)}
      indicatorComponent={({ isSelected }) => <Text color={theme.selected}>{isSelected ? '  > ' : '    '}</Text>}
      itemComponent={({ isSelected, label }) => (
        <Text bold={isSelected} inverse={isSelected && !theme.colour} color={isSelected ? theme.selected : undefined}>
          {label}
        </Text>
      )}
    />
  );
}
