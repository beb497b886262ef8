import { useEffect, useMemo, useState } from 'react';
import { useSyncState } from '../hooks/use-sync-state.ts';
import type { PlanEntry } from '../../app/view-models.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import { shownTitle, type TitleLanguage } from '../../domain/title-language.ts';
import type { Column } from '../../lib/text/table.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { useListState } from '../components/use-list-state.ts';
import { tableLines, useTableLayout } from '../components/table.ts';
import { bodyRows, Screen, type FrameLine, type ScreenBase } from '../components/screen.tsx';
import { wrapText } from '../components/wrap.ts';
import { useServices } from '../services.ts';

export interface PlanScreenProps extends ScreenBase {
  titleLanguage: TitleLanguage;
  onError: (e: unknown) => void;
  onNav: (cmd: UiCommand) => void;
  active: boolean;
}

/** The plan's columns: the spec the CLI's tables use (lib/text/table.ts). */
const COLUMNS: ReadonlyArray<Column<PlanEntry>> = [
  { header: 'Prio', value: (p) => (p.priority === null ? '' : String(p.priority)), align: 'right' },
  { header: 'Title', value: (p) => p.title, flex: 2, min: 16 },
  { header: 'From', value: (p) => p.source, drop: 1 },
  {
    header: 'Conf',
    value: (p) => (p.confidenceScore === null ? '' : p.confidenceScore.toFixed(2)),
    align: 'right',
    drop: 2,
  },
  { header: 'Stream', value: (p) => p.streamingService ?? '', flex: true, min: 6 },
  { header: 'Added', value: (p) => p.addedAt.slice(0, 10) },
];

/** The rows under the list: the selected item's notes (a recommendation's reason) or its MyAnimeList id. */
const DETAIL_ROWS = 2;

/** The plan-to-watch list: highest priority first; raise and lower with K/J, remove with x (asked twice). */
export function PlanScreen({ titleLanguage, onError, onNav, width, height, theme, active }: PlanScreenProps) {
  const bindings = useBindings();
  const services = useServices();
  const [items, setItems, getItems] = useSyncState<PlanEntry[] | null>(null);
  const [status, setStatus] = useState('');
  const [, setConfirm, getConfirm] = useSyncState<number | null>(null);
  // The body: the header, the list and the detail rows.
  const listHeight = Math.max(1, bodyRows(height, width) - 1 - DETAIL_ROWS);
  const list = useListState(items?.length ?? 0, listHeight, { liveCount: () => getItems()?.length ?? 0 });
  const named = (p: PlanEntry): string => shownTitle(p.title, p, titleLanguage);
  // By the chosen name, which the title language key can change while the plan is shown.
  const shown = useMemo(
    () => items?.map((p) => ({ ...p, title: shownTitle(p.title, p, titleLanguage) })) ?? null,
    [items, titleLanguage],
  );
  const reload = (then?: () => void): void => {
    services.plan().then((xs) => {
      setItems(xs);
      then?.();
    }, onError);
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- load once on arrival; every change reloads by itself
  useEffect(() => reload(), []);
  const layout = useTableLayout(shown ?? [], COLUMNS, width);

  useCommand(
    (cmd) => {
      const cursor = list.get().cursor;
      const it = getItems()?.[cursor];
      const count = getItems()?.length ?? 0;
      if (cmd !== 'remove') setConfirm(null);
      if ((cmd === 'moveUp' || cmd === 'moveDown') && it) {
        const to = cursor + (cmd === 'moveUp' ? -1 : 1);
        if (to < 0 || to >= count) return;
        // Priorities are positions: moving to row `to` makes it priority to + 1, and the cursor follows it.
        services
          .movePlanItem(it.id, to + 1)
          .then(() => reload(() => list.dispatch({ type: 'select', index: to })), onError);
      } else if (cmd === 'remove' && it) {
        if (getConfirm() !== it.id) {
          setConfirm(it.id);
          setStatus(
            `Remove ${sanitizeText(named(it))} from the plan? ${footerText([['remove', 'again to remove']], bindings)}, any other key keeps it.`,
          );
          return;
        }
        setConfirm(null);
        services.removeFromPlan(it.id).then(() => {
          setStatus(
            `Removed ${sanitizeText(named(it))}.${it.source === 'trakt-watchlist' ? ' Re-imports will not bring it back.' : ''}`,
          );
          reload();
        }, onError);
      } else if (cmd === 'back' || cmd === 'quit') onNav('library');
      else if (cmd !== 'open' && cmd !== 'plan') onNav(cmd);
      if (cmd !== 'remove') setStatus('');
    },
    {
      active,
      // A move keeps nothing: it answers a removal question with "no".
      nav: () => ({
        command: (cmd) => {
          if (!list.command(cmd)) return false;
          setConfirm(null);
          setStatus('');
          return true;
        },
      }),
    },
  );

  const { cursor, offset } = list.state;
  const count = shown?.length ?? 0;
  const body: FrameLine[] = tableLines(layout, shown?.slice(offset, offset + listHeight) ?? [], {
    offset,
    cursor,
    key: (p) => `p${p.id}`,
  });
  if (shown === null) body.push({ text: '  Loading…', tone: 'muted' });
  else if (shown.length === 0)
    body.push({
      text: `  Your plan is empty. On the recommend screen (${footerText([['recommend', '']], bindings).trim()}), ${footerText([['add', 'adds a result']], bindings)}.`,
      tone: 'muted',
    });
  while (body.length < 1 + listHeight) body.push({ text: '' });
  const sel = shown?.[cursor];
  // The selected item's notes (a recommendation's reason) and its id take the last two rows; long notes wrap onto
  // both.
  const notes = sel?.notes ? wrapText(sel.notes, width, '  ', 'accent', DETAIL_ROWS) : [];
  const id: FrameLine = { text: sel?.malId ? `  MyAnimeList ${sel.malId}` : '', tone: 'muted' };
  body.push(...(notes.length > 1 ? notes : [notes[0] ?? { text: '' }, id]));
  const footer = footerText(
    [
      [['down', 'up'], 'move'],
      [['moveUp', 'moveDown'], 'priority'],
      ['remove', 'remove'],
      ['back', 'back'],
      ['nextScreen', 'screens'],
      ['help', 'help'],
    ],
    bindings,
    width,
  );
  return (
    <Screen
      title={`anidex · Plan to watch · ${count} title${count === 1 ? '' : 's'}`}
      body={body}
      status={status}
      footer={footer}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
