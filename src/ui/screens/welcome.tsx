import { footerText, primaryKey } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { Picker, type PickerItem } from '../components/picker.tsx';
import { Screen, type ScreenBase } from '../components/screen.tsx';
import { useListState } from '../components/use-list-state.ts';
import { wrapText } from '../components/wrap.ts';

export type WelcomeChoice = 'sample' | 'export' | 'sync' | 'quit';

const CHOICES: ReadonlyArray<PickerItem<WelcomeChoice>> = [
  { label: 'Try the demo: the bundled sample, in a warehouse of its own', value: 'sample' },
  { label: 'Import my export (Trakt .zip or folder, MyAnimeList .xml.gz)…', value: 'export' },
  { label: 'Quit', value: 'quit' },
];

/** First launch (an empty warehouse): import the bundled sample, import the person's export, or quit. */
export function WelcomeScreen({
  dataDir,
  width,
  height,
  theme,
  onChoose,
  active,
}: ScreenBase & { dataDir: string; onChoose: (c: WelcomeChoice) => void }) {
  const bindings = useBindings();
  const list = useListState(CHOICES.length, CHOICES.length);
  useCommand(
    (cmd) => {
      if (cmd === 'open') onChoose(CHOICES[list.get().cursor]!.value);
      else if (cmd === 'quit') onChoose('quit');
      else if (cmd === 'syncNow') onChoose('sync');
    },
    { active, nav: () => list },
  );
  // Wrapped, not cut: a long data folder path or a narrow terminal keeps every word.
  const about = `\nanidex keeps your anime history in a local warehouse that remembers\nevery change, adds genres, studios and lengths, and suggests what to\nwatch next.\n\nYour warehouse is empty (${dataDir}).\nStart with:`;
  const where = `\nTrakt: trakt.tv → Settings → Data → Export; import the .zip (or its folder).\nMyAnimeList: myanimelist.net/panel.php?go=export; import the .xml.gz.\nAccounts connected with \`anidex connect\`: ${primaryKey('syncNow', bindings)} syncs them now.`;
  return (
    <Screen
      title="anidex · Welcome"
      body={[
        ...wrapText(about, width, '  '),
        {
          element: <Picker items={CHOICES} cursor={list.state.cursor} indent="  " width={width} theme={theme} />,
          rows: CHOICES.length,
          key: 'choices',
        },
        ...wrapText(where, width, '  ', 'muted'),
      ]}
      footer={footerText(
        [
          [['down', 'up'], 'choose'],
          ['open', 'select'],
          ['quit', 'quit'],
        ],
        bindings,
        width,
      )}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
