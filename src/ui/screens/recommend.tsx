import { useEffect, useRef, useState } from 'react';
import { useSyncReducer, useSyncState } from '../hooks/use-sync-state.ts';
import type { Engine, RecommendOutcome, RecommendRequest } from '../../pipeline/tui-session.ts';
import type { LibraryFilter } from '../../domain/filters.ts';
import { LENGTH_BUCKETS } from '../../domain/length.ts';
import { MOODS } from '../../domain/moods.ts';
import { filterSummary, setSingle } from '../../domain/library-query.ts';
import { sanitizeText } from '../../domain/sanitize.ts';
import { fit } from '../../lib/text/cells.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { listReducer } from '../components/list-state.ts';
import { scrollOffset } from '../components/scroll.ts';
import { wrapText } from '../components/wrap.ts';
import { Frame, type FrameLine } from '../components/frame.tsx';
import type { Recommendation } from '../../recommend/local.ts';
import type { Theme } from '../theme/theme.ts';

const FIELDS = ['mood', 'length', 'genre', 'engine', 'count', 'run'] as const;
type Field = (typeof FIELDS)[number];
const COUNTS = [10, 20, 5] as const;

export interface RecommendScreenProps {
  /** The library's filters, as the starting point. */
  initialFilter: LibraryFilter;
  genres: readonly string[];
  engines: readonly Engine[];
  recommend: (req: RecommendRequest, signal: AbortSignal) => Promise<RecommendOutcome>;
  addToPlan: (r: Recommendation, engine: Engine) => Promise<boolean>;
  onError: (e: unknown) => void;
  onNav: (cmd: UiCommand) => void;
  width: number;
  height: number;
  theme: Theme;
  active: boolean;
}

function next<T>(values: readonly T[], current: T): T {
  return values[(values.indexOf(current) + 1) % values.length]!;
}

/** The value after `current` in "any, …values"; null is "any". */
function nextOrAny(values: readonly string[], current: string | undefined): string | null {
  if (current === undefined) return values[0] ?? null;
  const i = values.indexOf(current);
  return i < 0 || i === values.length - 1 ? null : values[i + 1]!;
}

/** Pick filters and an engine, run, read results with confidence, reason and where to stream, add to the plan. */
export function RecommendScreen({ initialFilter, genres, engines, recommend, addToPlan, onError, onNav, width, height, theme, active }: RecommendScreenProps) {
  const bindings = useBindings();
  const [filter, setFilter, getFilter] = useSyncState<LibraryFilter>(initialFilter);
  const [engine, setEngine, getEngine] = useSyncState<Engine>(engines.includes('gemini') ? 'gemini' : 'local');
  const [count, setCount, getCount] = useSyncState<number>(10);
  const [result, setResult, getResult] = useSyncState<RecommendOutcome | null>(null);
  const [running, setRunning, getRunning] = useSyncState(false);
  const [status, setStatus] = useState('');
  const [showSent, setShowSent, getShowSent] = useSyncState(false);
  const [sentOffset, setSentOffset] = useState(0);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const items = result?.items ?? [];
  // Body rows: the fields, the excluded-filters line, the table header and two rows of the selected reason.
  const listRows = Math.max(1, height - 3 - FIELDS.length - 4);
  // The cursor starts on Run: Enter asks straight away; the fields above change with Space.
  const [cur, dispatch, getCur] = useSyncReducer(listReducer, { cursor: FIELDS.length - 1, offset: 0, count: FIELDS.length, height: FIELDS.length });

  const run = (): void => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setRunning(true);
    setStatus(`Asking the ${getEngine()} engine…`);
    recommend({ filter: getFilter(), engine: getEngine(), count: getCount() }, c.signal).then(
      (r) => {
        if (c.signal.aborted) return;
        setResult(r);
        setRunning(false);
        setStatus(r.items.length ? r.note : `Nothing fits these filters (${r.poolSize} candidates). Try fewer filters.`);
        dispatch({ type: 'resize', count: FIELDS.length + r.items.length, height: FIELDS.length + r.items.length });
        if (r.items.length) {
          dispatch({ type: 'top' });
          dispatch({ type: 'move', by: FIELDS.length });
        }
      },
      (e: unknown) => {
        setRunning(false);
        if (c.signal.aborted) setStatus('Cancelled.');
        else {
          setStatus('');
          onError(e);
        }
      },
    );
  };

  const change = (f: Field): void => {
    if (f === 'mood') setFilter((x) => setSingle(x, 'mood', nextOrAny(MOODS, x.moods?.[0])));
    else if (f === 'length') setFilter((x) => setSingle(x, 'length', nextOrAny(LENGTH_BUCKETS, x.lengths?.[0])));
    else if (f === 'genre') setFilter((x) => setSingle(x, 'genre', nextOrAny(genres, x.genres?.[0])));
    else if (f === 'engine') setEngine((e) => next(engines, e));
    else if (f === 'count') setCount((n) => next(COUNTS as readonly number[], n));
    else run();
  };

  const sentLines = (): FrameLine[] => {
    if (!result) return [{ text: 'Nothing has been asked yet: run first.' }];
    if (!result.sent) return [{ text: 'The local engine sent nothing: it ranks on this machine from your ratings and the provider\'s relations and recommendations.' }];
    return [{ text: 'System instruction:', bold: true }, ...wrapText(result.sent.system, width), { text: '' }, { text: 'Prompt:', bold: true }, ...wrapText(result.sent.prompt, width)];
  };

  useCommand(
    (cmd) => {
      if (getShowSent()) {
        const lines = sentLines();
        const o = scrollOffset(cmd, sentOffset, lines.length, height - 3);
        if (o !== null) setSentOffset(o);
        else if (cmd === 'back' || cmd === 'quit' || cmd === 'showSent') setShowSent(false);
        return;
      }
      if (getRunning() && (cmd === 'back' || cmd === 'quit')) {
        controller.current?.abort(new Error('cancelled'));
        return;
      }
      const half = Math.max(1, Math.floor(listRows / 2));
      const cursor = getCur().cursor;
      const res = getResult();
      const field = FIELDS[cursor];
      const item = res?.items[cursor - FIELDS.length];
      if (cmd === 'down') dispatch({ type: 'move', by: 1 });
      else if (cmd === 'up') dispatch({ type: 'move', by: -1 });
      else if (cmd === 'pageDown') dispatch({ type: 'move', by: half });
      else if (cmd === 'pageUp') dispatch({ type: 'move', by: -half });
      else if (cmd === 'top') dispatch({ type: 'top' });
      else if (cmd === 'bottom') dispatch({ type: 'bottom' });
      else if ((cmd === 'toggle' || cmd === 'open') && field) change(field);
      else if (cmd === 'recommend') run();
      else if (cmd === 'clear') setFilter({});
      else if (cmd === 'showSent') {
        setSentOffset(0);
        setShowSent(true);
      } else if (cmd === 'add' && item && res) {
        addToPlan(item, res.engine).then(
          (added) => setStatus(added ? `Added ${sanitizeText(item.title)} to your plan to watch.` : `${sanitizeText(item.title)} is already on your plan.`),
          onError,
        );
      } else if (cmd === 'back' || cmd === 'quit') onNav('library');
      else if (cmd !== 'open' && cmd !== 'toggle') onNav(cmd);
    },
    { active },
  );

  if (showSent) {
    const lines = sentLines();
    return <Frame title="anidex · Recommend · what was sent to the AI" body={lines.slice(sentOffset, sentOffset + height - 3)} footer={footerText([[['down', 'up'], 'scroll'], ['back', 'back']], bindings)} width={width} height={height} theme={theme} />;
  }

  const value: Record<Field, string> = {
    mood: filter.moods?.join('+') || 'any',
    length: filter.lengths?.join('/') || 'any',
    genre: filter.genres?.join('+') || 'any',
    engine: engine + (engines.includes('gemini') ? '' : '   (Gemini needs GEMINI_API_KEY)'),
    count: String(count),
    run: running ? 'running…' : `${footerText([['open', '']], bindings).trim()} or ${footerText([['recommend', '']], bindings).trim()} to ask`,
  };
  const body: FrameLine[] = FIELDS.map((f, i) => ({
    text: `${cur.cursor === i ? '>' : ' '} ${fit(f === 'run' ? 'Run' : f[0]!.toUpperCase() + f.slice(1), 8)} ${value[f]}`,
    tone: cur.cursor === i ? 'selected' : undefined,
  }));
  const excluded = filterSummary({ excludeGenres: filter.excludeGenres, excludeMoods: filter.excludeMoods, excludeLengths: filter.excludeLengths });
  body.push({ text: excluded ? `  From the library filters: ${excluded}` : '', tone: 'muted' });
  const titleW = Math.max(12, width - 4 - 8 - 6 - 16 - 8);
  const selectedResult = cur.cursor - FIELDS.length;
  const start = selectedResult < listRows ? 0 : selectedResult - listRows + 1;
  const window = items.length > listRows ? ` (${start + 1}–${Math.min(items.length, start + listRows)} of ${items.length})` : '';
  body.push({ text: `  ${fit('#', 3, 'right')} ${fit(`Title${window}`, titleW)} ${fit('Length', 7)} ${fit('Conf', 5, 'right')}  ${fit('Stream', 14)}`, tone: 'muted' });
  items.slice(start, start + listRows).forEach((it, k) => {
    const i = start + k;
    const selected = cur.cursor === FIELDS.length + i;
    body.push({
      text: `${selected ? '>' : ' '} ${fit(String(it.priority), 3, 'right')} ${fit(sanitizeText(`${it.title}${it.year ? ` (${it.year})` : ''}`), titleW)} ${fit(it.length ?? '', 7)} ${fit(it.confidence.toFixed(2), 5, 'right')}  ${fit(sanitizeText(it.streaming ?? ''), 14)}`,
      tone: selected ? 'selected' : undefined,
      key: `r${it.malId}`,
    });
  });
  const sel = items[cur.cursor - FIELDS.length];
  const detail = sel ? wrapText(`${sel.reason} · ${sel.moods.join(', ') || 'no mood'} · ${sel.genres.slice(0, 4).join(', ')}`, width, '  ', 'accent', 2) : [];
  while (body.length < height - 3 - 2) body.push({ text: '' });
  body.splice(height - 3 - 2, body.length, ...detail);
  const footer = running
    ? footerText([['back', 'cancel']], bindings)
    : footerText([['recommend', 'run'], ['toggle', 'change'], ['add', 'add to plan'], ['showSent', 'sent to AI'], [['down', 'up'], 'move'], ['nextScreen', 'screens'], ['back', 'back'], ['help', 'help']], bindings, width);
  return <Frame title={`anidex · Recommend · ${engine} engine${result ? ` · ${items.length} results` : ''}`} body={body} status={status} footer={footer} width={width} height={height} theme={theme} />;
}
