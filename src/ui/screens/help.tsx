import { Box, Text, useInput } from 'ink';
import { helpLines, commandFor, keyName } from '../keys/bindings.ts';
import type { Theme } from '../theme/theme.ts';
import { fit } from '../../domain/text-width.ts';

/** Generated from the live key bindings. */
export function HelpScreen({ width, height, theme, onBack, active }: { width: number; height: number; theme: Theme; onBack: () => void; active: boolean }) {
  useInput(
    (input, key) => {
      const cmd = commandFor(keyName(input, key));
      if (cmd === 'back' || cmd === 'help' || cmd === 'quit') onBack();
    },
    { isActive: active },
  );
  const lines = helpLines();
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>{fit('anidex · Help · keys', width)}</Text>
      <Text> </Text>
      {lines.slice(0, Math.max(1, height - 4)).map((l) => (
        <Text key={l}>{fit(`  ${l}`, width)}</Text>
      ))}
      <Text> </Text>
      <Text color={theme.muted}>{fit('Esc, ? or q: back', width)}</Text>
    </Box>
  );
}
