import { useEffect, useRef, useState } from 'react';
import type { AccountStatus, WorkEvent } from '../../app/view-models.ts';
import { footerText } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import type { FrameLine, ScreenBase } from '../components/screen.tsx';
import { Pager, usePager } from '../components/pager.tsx';
import { useServices } from '../services.ts';
import { hbar } from '../../app/charts.ts';
import { wrapText } from '../components/wrap.ts';
import { displayWidth } from '../../lib/text/cells.ts';
import { layoutTable, naturalWidths, tableRow, type Column } from '../../lib/text/table.ts';

const STAGES = ['read', 'silver', 'gold', 'save', 'enrich', 'labels'] as const;
type Stage = (typeof STAGES)[number];

const STAGE_TEXT: Record<Stage, string> = {
  read: 'read files → bronze',
  silver: 'silver: clean records',
  gold: 'gold: version titles',
  save: 'save (snapshot first)',
  enrich: 'enrich: anime metadata',
  labels: 'labels: moods (Gemini)',
};

/** What the screen knows of the run, folded from the work's events. */
export interface ProgressState {
  stage: Stage | null;
  started: Partial<Record<Stage, number>>;
  finished: Partial<Record<Stage, number>>;
  /** `base`: files of earlier exports in this run (the sample is two exports). */
  files: {
    base: number;
    done: number;
    total: number;
    records: number;
    skipped: number;
    bytesDone: number;
    bytesTotal: number;
  };
  enrich: {
    phase: string;
    done: number;
    total: number;
    calls: number;
    cacheHits: number;
    waitMs: number;
    etaMs: number | null;
  } | null;
  label: string;
  /** The run stopped in `stage` (failed or cancelled). */
  failed: boolean;
  ended: boolean;
}

export const INITIAL_PROGRESS: ProgressState = {
  stage: null,
  started: {},
  finished: {},
  files: { base: 0, done: 0, total: 0, records: 0, skipped: 0, bytesDone: 0, bytesTotal: 0 },
  enrich: null,
  label: '',
  failed: false,
  ended: false,
};

/** Pure: the progress after one event (stages are entered in order; entering one finishes the one before). */
export function foldProgress(s: ProgressState, e: WorkEvent, now: number): ProgressState {
  const enter = (stage: Stage): ProgressState => {
    if (s.stage === stage) return s;
    const finished = s.stage ? { ...s.finished, [s.stage]: now } : s.finished;
    return { ...s, stage, started: { ...s.started, [stage]: s.started[stage] ?? now }, finished };
  };
  if (e.kind === 'labels') return enter('labels');
  if (e.kind === 'enrich') {
    const n = enter('enrich');
    // The save event carries no counts: keep the lookup's.
    return e.event.phase === 'save' && n.enrich ? n : { ...n, enrich: { ...e.event } };
  }
  const ev = e.event;
  if (ev.type === 'stage') return { ...enter(ev.stage), label: e.label };
  const f = s.files;
  const base = ev.done === 1 ? f.done : f.base;
  return {
    ...enter('read'),
    label: e.label,
    files: {
      base,
      done: base + ev.done,
      total: base + ev.total,
      records: f.records + ev.records,
      skipped: f.skipped + ev.skipped,
      bytesDone: ev.bytesDone,
      bytesTotal: ev.bytesTotal,
    },
  };
}

/** Pure: the run ended at `now`; a failed run marks the stage it stopped in. */
export function endProgress(s: ProgressState, ok: boolean, now: number): ProgressState {
  if (!s.stage) return { ...s, failed: !ok, ended: true };
  return ok ? { ...s, ended: true, finished: { ...s.finished, [s.stage]: now } } : { ...s, ended: true, failed: true };
}

/** A stage's row: its mark (done, running, failed, skipped, to come), time and counts. */
interface StageRow {
  mark: string;
  stage: Stage;
  time: string;
  detail: string;
  tone: FrameLine['tone'];
}

/** The stages as a table of the CLI's column spec. */
const STAGE_COLUMNS: ReadonlyArray<Column<StageRow>> = [
  { header: '', value: (r) => `${r.mark} ${STAGE_TEXT[r.stage]}` },
  { header: '', value: (r) => r.time, align: 'right' },
  { header: '', value: (r) => r.detail },
];

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The lines of the progress screen: one row per stage with its counts and times. */
export function progressLines(s: ProgressState, now: number, width: number): FrameLine[] {
  const lines: FrameLine[] = [{ text: `  ${s.label || 'starting…'}`, tone: 'muted' }, { text: '' }];
  const current = s.stage ? STAGES.indexOf(s.stage) : -1;
  const rows = STAGES.map((stage, i): StageRow => {
    const started = s.started[stage];
    const done = s.finished[stage] !== undefined || (i < current && started !== undefined);
    const mark = done
      ? '✓'
      : stage === s.stage
        ? s.failed
          ? '✗'
          : '▸'
        : started === undefined && (i < current || (s.ended && !s.failed))
          ? '–'
          : '·';
    let detail = '';
    if (stage === 'read' && s.files.done)
      detail = `${s.files.done} file${s.files.done === 1 ? '' : 's'} · ${s.files.records} records · ${s.files.skipped} skipped`;
    if (stage === 'enrich' && s.enrich) {
      const x = s.enrich;
      const asked = x.calls + x.cacheHits;
      detail = `${x.phase} ${x.done}/${x.total} · ${x.calls} API calls · ${asked ? Math.round((100 * x.cacheHits) / asked) : 0}% cached · ${Math.round(x.waitMs / 1000)} s rate-limit wait${x.etaMs === null ? '' : ` · ETA ${Math.ceil(x.etaMs / 1000)} s`}`;
    }
    if (stage === 'labels' && started === undefined && s.ended && !s.failed)
      detail = 'no Gemini key: moods from genres and tags';
    const time =
      started === undefined
        ? ''
        : secs(Math.max(0, (s.finished[stage] ?? (s.failed && stage === s.stage ? started : now)) - started));
    return { mark, stage, time, detail, tone: stage === s.stage ? 'accent' : done ? undefined : 'muted' };
  });
  const layout = layoutTable(
    STAGE_COLUMNS,
    naturalWidths(
      STAGE_COLUMNS,
      rows.map((r) => STAGE_COLUMNS.map((c) => c.value(r))),
    ),
    null,
  );
  for (const r of rows) {
    const row = `  ${tableRow(layout, (c) => c.value(r))}`;
    // Details that do not fit beside the stage go on the rows under it.
    if (displayWidth(row) <= width) lines.push({ text: row, tone: r.tone });
    else
      lines.push(
        { text: `  ${tableRow(layout, (c) => (c === STAGE_COLUMNS[2] ? '' : c.value(r)))}`, tone: r.tone },
        ...wrapText(r.detail, width, ' '.repeat(6), r.tone),
      );
  }
  const bar = Math.max(10, Math.min(50, width - 20));
  if (s.ended) return lines;
  if (s.stage === 'read' && s.files.bytesTotal)
    lines.push(
      { text: '' },
      {
        text: `  ${hbar(s.files.bytesDone, s.files.bytesTotal, bar)} ${Math.round((100 * s.files.bytesDone) / s.files.bytesTotal)}%`,
      },
    );
  if (s.stage === 'enrich' && s.enrich && s.enrich.total)
    lines.push(
      { text: '' },
      { text: `  ${hbar(s.enrich.done, s.enrich.total, bar)} ${Math.round((100 * s.enrich.done) / s.enrich.total)}%` },
    );
  return lines;
}

export interface ImportProgressProps extends ScreenBase {
  /** The export's path, or null for the bundled sample. */
  path: string | null;
  /** `sync`: pull the connected accounts instead of reading an export (the same stages). */
  work?: 'import' | 'sync';
  /** Leave the screen: `imported` says whether the warehouse changed. */
  onClose: (imported: boolean) => void;
  /** Milliseconds now (tests pin it so golden frames do not depend on speed). */
  clock?: () => number;
}

/**
 * Runs an import and its enrichment while showing each stage live. Back cancels: before the save the warehouse
 * is left exactly as it was; during enrichment the import stays and finished lookups are kept.
 */
export function ImportProgressScreen({
  path,
  work = 'import',
  width,
  height,
  theme,
  onClose,
  active,
  clock = Date.now,
}: ImportProgressProps) {
  const [accounts, setAccounts] = useState<readonly AccountStatus[]>([]);
  const bindings = useBindings();
  const services = useServices();
  const [progress, setProgress] = useState(INITIAL_PROGRESS);
  const [outcome, setOutcome] = useState<{ ok: boolean; lines: string[]; imported: boolean } | null>(null);
  const [now, setNow] = useState(clock());
  const controller = useRef(new AbortController());
  const stageRef = useRef<Stage | null>(null);

  useEffect(() => {
    const c = controller.current;
    const onEvent = (e: WorkEvent): void => {
      const t = clock();
      setProgress((s) => {
        const n = foldProgress(s, e, t);
        stageRef.current = n.stage;
        return n;
      });
    };
    if (work === 'sync') services.accounts().then(setAccounts, () => {});
    const run =
      work === 'sync'
        ? services.syncAccounts({ signal: c.signal, onEvent })
        : services.importExport(path, { signal: c.signal, onEvent });
    run.then(
      (lines) => {
        setProgress((s) => endProgress(s, true, clock()));
        setOutcome({
          ok: true,
          lines: c.signal.aborted
            ? ['Cancelled during enrichment: the import is saved, finished lookups are kept.', ...lines]
            : lines,
          imported: true,
        });
      },
      (e: unknown) => {
        setProgress((s) => endProgress(s, false, clock()));
        const saved = stageRef.current === 'enrich' || stageRef.current === 'labels';
        const message = c.signal.aborted
          ? saved
            ? 'Cancelled during enrichment: the import is saved.'
            : 'Cancelled: nothing was imported; the warehouse is as it was.'
          : `${work === 'sync' ? 'Sync' : 'Import'} failed: ${(e as Error).message}${(e as { hint?: string }).hint ? ` ${(e as { hint?: string }).hint}` : ''}`;
        setOutcome({ ok: false, lines: [message], imported: saved });
      },
    );
    // A coarse clock for the elapsed times; stage events redraw sooner.
    const timer = setInterval(() => setNow(clock()), 500);
    return () => {
      clearInterval(timer);
      c.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one import or sync per visit of the screen, whatever re-renders it
  }, []);

  const lines = progressLines(progress, now, width);
  if (work === 'sync' && accounts.length) {
    // When each account last synced, as it was when this sync started.
    lines.unshift(
      ...accounts.map((a) => ({
        text: `  ${a.name} (${a.account}): last synced ${a.lastSync ? a.lastSync.slice(0, 16).replace('T', ' ') : 'never'}`,
        tone: 'muted' as const,
      })),
      { text: '' },
    );
  }
  if (outcome) {
    lines.push({ text: '' });
    for (const l of outcome.lines) lines.push(...wrapText(l, width, '  ', outcome.ok ? undefined : 'error'));
  }
  const scroll = usePager(lines, width, height);
  useCommand(
    (cmd) => {
      if (outcome) {
        if (cmd === 'open' || cmd === 'back' || cmd === 'quit') onClose(outcome.imported);
      } else if (cmd === 'back' || cmd === 'quit') controller.current.abort(new Error('cancelled'));
    },
    // While the work runs, the lines change under the reader: scrolling waits for the outcome.
    { active, nav: () => (outcome ? scroll : null) },
  );
  const footer = outcome
    ? footerText(
        [
          ['open', outcome.imported ? 'open the library' : 'back'],
          ...(scroll.state.count > 1 ? ([[['down', 'up'], 'scroll']] as const) : []),
        ],
        bindings,
      )
    : footerText([['back', 'cancel']], bindings);
  return (
    <Pager
      title={`anidex · ${work === 'sync' ? 'Sync' : 'Import'}${outcome ? (outcome.ok ? ' · done' : ' · stopped') : ' · working…'}`}
      lines={lines}
      scroll={scroll}
      footer={footer}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
