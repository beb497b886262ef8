import { Box, Text } from 'ink';
import { fit } from '../../lib/text/cells.ts';
import { wrapLines } from '../../lib/text/wrap.ts';
import { footerText } from '../keys/bindings.ts';
import { useBindings } from '../keys/use-command.ts';
import { Menu } from '../components/menu.tsx';
import type { Theme } from '../theme/theme.ts';

export type WelcomeChoice = 'sample' | 'export' | 'quit';

/** First launch (an empty warehouse): import the bundled sample, import the person's export, or quit. */
export function WelcomeScreen({ dataDir, width, height, theme, onChoose, active }: { dataDir: string; width: number; height: number; theme: Theme; onChoose: (c: WelcomeChoice) => void; active: boolean }) {
  const bindings = useBindings();
  const text = [
    '',
    'anidex keeps your anime history in a local warehouse that remembers',
    'every change, adds genres, studios and lengths, and suggests what to',
    'watch next.',
    '',
    `Your warehouse is empty (${dataDir}).`,
    'Start with:',
  ];
  const after = [
    '',
    'Trakt: trakt.tv → Settings → Data → Export; import the .zip (or its folder).',
    'MyAnimeList: myanimelist.net/panel.php?go=export; import the .xml.gz.',
  ];
  // Wrapped, not cut: a long data folder path or a narrow terminal keeps every word.
  const rows = (lines: readonly string[]): string[] => lines.flatMap((t) => (t ? wrapLines(t, width, { indent: '  ' }) : ['']));
  const top = rows(text);
  const bottom = rows(after);
  const used = 1 + top.length + 3 + bottom.length + 2;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>{fit('anidex · Welcome', width)}</Text>
      {top.map((t, i) => (
        <Text key={i}>{fit(t, width) || ' '}</Text>
      ))}
      <Menu
        items={[
          { label: 'Try the demo: the bundled sample, in a warehouse of its own', value: 'sample' },
          { label: 'Import my export (Trakt .zip or folder, MyAnimeList .xml.gz)…', value: 'export' },
          { label: 'Quit', value: 'quit' },
        ]}
        theme={theme}
        onSelect={onChoose}
        onOther={(cmd) => cmd === 'quit' && onChoose('quit')}
        active={active}
      />
      {bottom.map((t, i) => (
        <Text key={`a${i}`} color={theme.muted}>{fit(t, width) || ' '}</Text>
      ))}
      {Array.from({ length: Math.max(0, height - used) }, (_, i) => (
        <Text key={`p${i}`}> </Text>
      ))}
      <Text> </Text>
      <Text color={theme.muted}>{fit(footerText([[['down', 'up'], 'choose'], ['open', 'select'], ['quit', 'quit']], bindings, width), width)}</Text>
    </Box>
  );
}
