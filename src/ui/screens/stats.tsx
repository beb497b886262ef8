import { Box, Text, useInput } from 'ink';
import type { StatsNumbers } from '../../domain/stats-text.ts';
import { statsLines } from '../../domain/stats-text.ts';
import { fit } from '../../domain/text-width.ts';
import { commandFor, keyName } from '../keys/bindings.ts';
import type { Theme } from '../theme/theme.ts';

/** How the person watches: totals, binge rate, plays per month as block-character bars. */
export function StatsScreen({ stats, width, height, theme, onBack, onNext, onQuit, active }: { stats: StatsNumbers; width: number; height: number; theme: Theme; onBack: () => void; onNext: () => void; onQuit: () => void; active: boolean }) {
  useInput(
    (input, key) => {
      const cmd = commandFor(keyName(input, key));
      if (cmd === 'back') onBack();
      else if (cmd === 'nextScreen') onNext();
      else if (cmd === 'quit') onQuit();
    },
    { isActive: active },
  );
  const body = height - 3;
  // The chart gets whatever rows the totals leave.
  const lines = statsLines(stats, width, Math.max(1, body - 9));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>{fit('anidex · Stats', width)}</Text>
      {lines.slice(0, body).map((l, i) => (
        <Text key={i}>{fit(l, width) || ' '}</Text>
      ))}
      {Array.from({ length: Math.max(0, body - lines.length) }, (_, i) => (
        <Text key={`p${i}`}> </Text>
      ))}
      <Text color={theme.muted}>{fit('Tab next screen · Esc/h back · q quit', width)}</Text>
    </Box>
  );
}
