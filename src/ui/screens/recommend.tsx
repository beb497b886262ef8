import { useEffect, useRef, useState } from 'react';
import { useSyncState } from '../hooks/use-sync-state.ts';
import type { Engine, RecommendedTitle, RecommendOutcome } from '../../app/view-models.ts';
import type { LibraryFilter } from '../../domain/filters.ts';
import { LENGTH_BUCKETS } from '../../domain/length.ts';
import { MOODS } from '../../domain/moods.ts';
import { filterSummary, setSingle } from '../../domain/library-query.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import type { TitleLanguage } from '../../domain/title-language.ts';
import { layoutTable, naturalWidths, tableRow, type Column } from '../../lib/text/table.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { initialList, useListState } from '../components/use-list-state.ts';
import { tableLines, useTableLayout } from '../components/table.ts';
import { Picker } from '../components/picker.tsx';
import { PAGER_FOOTER, Pager, usePager } from '../components/pager.tsx';
import { wrapText } from '../components/wrap.ts';
import { bodyRows, Screen, type BodyPart, type FrameLine, type ScreenBase } from '../components/screen.tsx';
import { useServices } from '../services.ts';

const FIELDS = ['mood', 'length', 'genre', 'engine', 'count', 'run'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_NAME: Record<Field, string> = {
  mood: 'Mood',
  length: 'Length',
  genre: 'Genre',
  engine: 'Engine',
  count: 'Count',
  run: 'Run',
};
const COUNTS = [10, 20, 5] as const;

/** The options as a two-column table (the field, its value), laid out by the CLI's column spec. */
const OPTION_COLUMNS: ReadonlyArray<Column<readonly [Field, string]>> = [
  { header: '', value: ([f]) => FIELD_NAME[f] },
  { header: '', value: ([, v]) => v },
];

/** The results' columns: the spec the CLI's tables use (lib/text/table.ts). */
const RESULT_COLUMNS: ReadonlyArray<Column<RecommendedTitle>> = [
  { header: '#', value: (r) => String(r.priority), align: 'right' },
  { header: 'Title', value: (r) => `${r.title}${r.year ? ` (${r.year})` : ''}`, flex: 2, min: 18 },
  { header: 'Length', value: (r) => r.length ?? '', drop: 1 },
  { header: 'Conf', value: (r) => r.confidence.toFixed(2), align: 'right' },
  { header: 'Stream', value: (r) => r.streaming ?? '', flex: true, min: 6 },
];

/** Rows of the body besides the results: the options, the excluded-filters line, the header, two of the reason. */
const OTHER_ROWS = FIELDS.length + 1 + 1 + 2;

export interface RecommendScreenProps extends ScreenBase {
  /** The library's filters, as the starting point. */
  initialFilter: LibraryFilter;
  genres: readonly string[];
  titleLanguage: TitleLanguage;
  onError: (e: unknown) => void;
  onNav: (cmd: UiCommand) => void;
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
export function RecommendScreen({
  initialFilter,
  genres,
  titleLanguage,
  onError,
  onNav,
  width,
  height,
  theme,
  active,
}: RecommendScreenProps) {
  const bindings = useBindings();
  const services = useServices();
  const engines = services.engines();
  const [filter, setFilter, getFilter] = useSyncState<LibraryFilter>(initialFilter);
  const [engine, setEngine, getEngine] = useSyncState<Engine>(engines.includes('gemini') ? 'gemini' : 'local');
  const [count, setCount, getCount] = useSyncState<number>(10);
  const [result, setResult, getResult] = useSyncState<RecommendOutcome | null>(null);
  const [running, setRunning, getRunning] = useSyncState(false);
  const [status, setStatus] = useState('');
  const [showSent, setShowSent, getShowSent] = useSyncState(false);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const items = result?.items ?? [];
  const listRows = Math.max(1, bodyRows(height, width) - OTHER_ROWS);
  // One cursor over the options and then the results; it starts on Run: Enter asks straight away, the options
  // above change with Space.
  const cur = useListState(FIELDS.length + items.length, FIELDS.length + items.length, {
    initialCursor: FIELDS.length - 1,
    liveCount: () => FIELDS.length + (getResult()?.items.length ?? 0),
  });

  const sentLines = (): FrameLine[] => {
    if (!result) return [{ text: 'Nothing has been asked yet: run first.' }];
    if (!result.sent)
      return [
        {
          text: "The local engine sent nothing: it ranks on this machine from your ratings and the provider's relations and recommendations.",
        },
      ];
    return [
      { text: 'System instruction:', bold: true },
      ...wrapText(result.sent.system, width),
      { text: '' },
      { text: 'Prompt:', bold: true },
      ...wrapText(result.sent.prompt, width),
    ];
  };
  const sent = sentLines();
  const sentScroll = usePager(sent, width, height);

  const run = (): void => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setRunning(true);
    setStatus(`Asking the ${getEngine()} engine…`);
    services.recommend({ filter: getFilter(), engine: getEngine(), count: getCount(), titleLanguage }, c.signal).then(
      (r) => {
        if (c.signal.aborted) return;
        setResult(r);
        setRunning(false);
        setStatus(
          r.items.length ? r.note : `Nothing fits these filters (${r.poolSize} candidates). Try fewer filters.`,
        );
        if (r.items.length) cur.dispatch({ type: 'select', index: FIELDS.length });
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

  useCommand(
    (cmd) => {
      if (getShowSent()) {
        if (cmd === 'back' || cmd === 'quit' || cmd === 'showSent') setShowSent(false);
        return;
      }
      if (getRunning() && (cmd === 'back' || cmd === 'quit')) {
        controller.current?.abort(new Error('cancelled'));
        return;
      }
      const cursor = cur.get().cursor;
      const res = getResult();
      const field = FIELDS[cursor];
      const item = res?.items[cursor - FIELDS.length];
      if ((cmd === 'toggle' || cmd === 'open') && field) change(field);
      else if (cmd === 'recommend') run();
      else if (cmd === 'clear') setFilter({});
      else if (cmd === 'showSent') {
        sentScroll.dispatch({ type: 'top' });
        setShowSent(true);
      } else if (cmd === 'add' && item && res) {
        services
          .addToPlan(item, res.engine)
          .then(
            (added) =>
              setStatus(
                added
                  ? `Added ${sanitizeText(item.title)} to your plan to watch.`
                  : `${sanitizeText(item.title)} is already on your plan.`,
              ),
            onError,
          );
      } else if (cmd === 'back' || cmd === 'quit') onNav('library');
      else if (cmd !== 'open' && cmd !== 'toggle') onNav(cmd);
    },
    { active, nav: () => (getShowSent() ? sentScroll : cur) },
  );
  const results = useTableLayout(items, RESULT_COLUMNS, width);

  if (showSent) {
    return (
      <Pager
        title="anidex · Recommend · what was sent to the AI"
        lines={sent}
        scroll={sentScroll}
        footer={footerText(PAGER_FOOTER, bindings)}
        width={width}
        height={height}
        theme={theme}
      />
    );
  }

  const value: Record<Field, string> = {
    mood: filter.moods?.join('+') || 'any',
    length: filter.lengths?.join('/') || 'any',
    genre: filter.genres?.join('+') || 'any',
    engine: engine + (engines.includes('gemini') ? '' : '   (Gemini needs GEMINI_API_KEY)'),
    count: String(count),
    run: running
      ? 'running…'
      : `${footerText([['open', '']], bindings).trim()} or ${footerText([['recommend', '']], bindings).trim()} to ask`,
  };
  const options = FIELDS.map((f) => [f, value[f]] as const);
  const optionLayout = layoutTable(
    OPTION_COLUMNS,
    naturalWidths(
      OPTION_COLUMNS,
      options.map((o) => OPTION_COLUMNS.map((c) => c.value(o))),
    ),
    null,
  );
  const { cursor } = cur.state;
  const selected = cursor - FIELDS.length;
  // The results in view: a window that follows the cursor down the list.
  const start = selected < 0 ? 0 : initialList(items.length, listRows, selected).offset;
  const excluded = filterSummary({
    excludeGenres: filter.excludeGenres,
    excludeMoods: filter.excludeMoods,
    excludeLengths: filter.excludeLengths,
  });
  const body: BodyPart[] = [
    {
      element: (
        <Picker
          items={options.map((o) => ({ value: o[0], label: tableRow(optionLayout, (c) => c.value(o)) }))}
          cursor={cursor < FIELDS.length ? cursor : -1}
          width={width}
          theme={theme}
        />
      ),
      rows: FIELDS.length,
      key: 'options',
    },
    { text: excluded ? `  From the library filters: ${excluded}` : '', tone: 'muted' },
    ...tableLines(results, items.slice(start, start + listRows), {
      offset: start,
      cursor: selected >= 0 ? selected : null,
      key: (r) => `r${r.malId}`,
    }),
  ];
  while (body.length < 1 + 1 + 1 + listRows) body.push({ text: '' });
  const sel = items[selected];
  if (sel)
    body.push(
      ...wrapText(
        `${sel.reason} · ${sel.moods.join(', ') || 'no mood'} · ${sel.genres.slice(0, 4).join(', ')}`,
        width,
        '  ',
        'accent',
        2,
      ),
    );
  const footer = running
    ? footerText([['back', 'cancel']], bindings)
    : footerText(
        [
          ['recommend', 'run'],
          ['toggle', 'change'],
          ['add', 'add to plan'],
          ['showSent', 'sent to AI'],
          [['down', 'up'], 'move'],
          ['nextScreen', 'screens'],
          ['back', 'back'],
          ['help', 'help'],
        ],
        bindings,
        width,
      );
  const position =
    items.length > listRows ? `${start + 1}–${Math.min(items.length, start + listRows)} of ${items.length}` : undefined;
  return (
    <Screen
      title={`anidex · Recommend · ${engine} engine${result ? ` · ${items.length} results` : ''}`}
      position={position}
      body={body}
      status={status}
      footer={footer}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
