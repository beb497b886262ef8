import { useEffect, useState } from 'react';
import { useSyncReducer, useSyncState } from '../hooks/use-sync-state.ts';
import type { PlanItem } from '../../warehouse/plan.ts';
import { sanitizeText } from '../../domain/sanitize.ts';
import { fit } from '../../lib/text/cells.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { listReducer } from '../components/list-state.ts';
import { Frame, type FrameLine } from '../components/frame.tsx';
import { wrapText } from '../components/wrap.ts';
import type { Theme } from '../theme/theme.ts';

export interface PlanScreenProps {
  load: () => Promise<PlanItem[]>;
  remove: (id: number) => Promise<boolean>;
  move: (id: number, priority: number) => Promise<boolean>;
  onError: (e: unknown) => void;
  onNav: (cmd: UiCommand) => void;
  width: number;
  height: number;
  theme: Theme;
  active: boolean;
}

/** The plan-to-watch list: highest priority first; raise and lower with K/J, remove with x (asked twice). */
export function PlanScreen({ load, remove, move, onError, onNav, width, height, theme, active }: PlanScreenProps) {
  const bindings = useBindings();
  const [items, setItems, getItems] = useSyncState<PlanItem[] | null>(null);
  const [status, setStatus] = useState('');
  const [, setConfirm, getConfirm] = useSyncState<number | null>(null);
  const listHeight = Math.max(1, height - 3 - 3);
  const [list, dispatch, getList] = useSyncReducer(listReducer, { cursor: 0, offset: 0, count: 0, height: listHeight });
  const count = items?.length ?? 0;
  if (list.count !== count || list.height !== listHeight) dispatch({ type: 'resize', count, height: listHeight });

  const reload = (then?: (xs: PlanItem[]) => void): void => {
    load().then((xs) => {
      setItems(xs);
      then?.(xs);
    }, onError);
  };
  useEffect(() => reload(), []);

  useCommand(
    (cmd) => {
      const cursor = getList().cursor;
      const it = getItems()?.[cursor];
      const count = getItems()?.length ?? 0;
      if (cmd !== 'remove') setConfirm(null);
      const half = Math.max(1, Math.floor(listHeight / 2));
      if (cmd === 'down') dispatch({ type: 'move', by: 1 });
      else if (cmd === 'up') dispatch({ type: 'move', by: -1 });
      else if (cmd === 'pageDown') dispatch({ type: 'move', by: half });
      else if (cmd === 'pageUp') dispatch({ type: 'move', by: -half });
      else if (cmd === 'top') dispatch({ type: 'top' });
      else if (cmd === 'bottom') dispatch({ type: 'bottom' });
      else if ((cmd === 'moveUp' || cmd === 'moveDown') && it) {
        const to = cursor + (cmd === 'moveUp' ? -1 : 1);
        if (to < 0 || to >= count) return;
        // Priorities are positions: moving to row `to` makes it priority to + 1, and the cursor follows it.
        move(it.id, to + 1).then(() => reload(() => dispatch({ type: 'move', by: to - cursor })), onError);
      } else if (cmd === 'remove' && it) {
        if (getConfirm() !== it.id) {
          setConfirm(it.id);
          setStatus(`Remove ${sanitizeText(it.title)} from the plan? ${footerText([['remove', 'again to remove']], bindings)}, any other key keeps it.`);
          return;
        }
        setConfirm(null);
        remove(it.id).then(() => {
          setStatus(`Removed ${sanitizeText(it.title)}.${it.source === 'trakt-watchlist' ? ' Re-imports will not bring it back.' : ''}`);
          reload();
        }, onError);
      } else if (cmd === 'back' || cmd === 'quit') onNav('library');
      else if (cmd !== 'open' && cmd !== 'plan') onNav(cmd);
      if (cmd !== 'remove') setStatus('');
    },
    { active },
  );

  const titleW = Math.max(12, width - 1 - 5 - 16 - 5 - 14 - 10 - 6 * 1);
  const header = ` ${fit('Prio', 4, 'right')} ${fit('Title', titleW)} ${fit('From', 15)} ${fit('Conf', 5, 'right')} ${fit('Stream', 13)} ${fit('Added', 10)}`;
  const body: FrameLine[] = [{ text: header, tone: 'muted' }];
  if (items === null) body.push({ text: '  Loading…', tone: 'muted' });
  else if (items.length === 0) body.push({ text: `  Your plan is empty. On the recommend screen (${footerText([['recommend', '']], bindings).trim()}), ${footerText([['add', 'adds a result']], bindings)}.`, tone: 'muted' });
  items?.slice(list.offset, list.offset + listHeight).forEach((p, k) => {
    const selected = list.offset + k === list.cursor;
    body.push({
      text: `${selected ? '>' : ' '}${fit(p.priority === null ? '' : String(p.priority), 4, 'right')} ${fit(sanitizeText(p.title), titleW)} ${fit(p.source, 15)} ${fit(p.confidenceScore === null ? '' : p.confidenceScore.toFixed(2), 5, 'right')} ${fit(sanitizeText(p.streamingService ?? ''), 13)} ${fit(p.addedAt.slice(0, 10), 10)}`,
      tone: selected ? 'selected' : undefined,
      key: `p${p.id}`,
    });
  });
  while (body.length < height - 3 - 2) body.push({ text: '' });
  const sel = items?.[list.cursor];
  // The selected item's notes (a recommendation's reason) and its id take the last two rows; long notes wrap onto
  // both.
  const notes = sel?.notes ? wrapText(sel.notes, width, '  ', 'accent', 2) : [];
  const id: FrameLine = { text: sel?.malId ? `  MyAnimeList ${sel.malId}` : '', tone: 'muted' };
  body.push(...(notes.length > 1 ? notes : [notes[0] ?? { text: '' }, id]));
  const footer = footerText([[['down', 'up'], 'move'], [['moveUp', 'moveDown'], 'priority'], ['remove', 'remove'], ['back', 'back'], ['nextScreen', 'screens'], ['help', 'help']], bindings, width);
  return <Frame title={`anidex · Plan to watch · ${count} title${count === 1 ? '' : 's'}`} body={body} status={status} footer={footer} width={width} height={height} theme={theme} />;
}
