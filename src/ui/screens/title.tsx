import type { TitleView } from '../../app/view-models.ts';
import { describeChange, versionSummary } from '../../app/version-text.ts';
import { displayTitle } from '../../domain/anime.ts';
import { normalizeTitle } from '../../domain/title-key.ts';
import { fillMonths, hbar } from '../../app/charts.ts';
import { sanitizeText } from '../../lib/sanitize.ts';
import { layoutTable, naturalWidths, tableRow, type Column } from '../../lib/text/table.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { wrapText } from '../components/wrap.ts';
import { Pager, usePager } from '../components/pager.tsx';
import type { FrameLine, ScreenBase } from '../components/screen.tsx';
import { DEFAULT_TITLE_LANGUAGE, shownTitle, type TitleLanguage } from '../../domain/title-language.ts';

const SOURCE_NAME = { trakt: 'Trakt', mal: 'MyAnimeList', anilist: 'AniList' } as const;

/** The plays chart as a table of the CLI's column spec: month, plays, bar. */
type SeasonRow = TitleView['seasons'][number];
const SEASON_COLUMNS: ReadonlyArray<Column<SeasonRow>> = [
  { header: '', value: (x) => x.label },
  { header: '', value: (x) => `${x.episodesWatched}/${x.episodes ?? '?'}`, align: 'right' },
  { header: '', value: (x) => `MAL ${x.malId}` },
  { header: '', value: (x) => sanitizeText(x.title ?? '(no metadata)'), flex: true },
];

const MONTH_COLUMNS: ReadonlyArray<Column<readonly [string, string, string]>> = [
  { header: '', value: (r) => r[0] },
  { header: '', value: (r) => r[1], align: 'right' },
  { header: '', value: (r) => r[2] },
];

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : 'now');

/** The title as shown in the header: by the chosen name, the anime's when it has one in that language. */
export function viewTitle(view: TitleView, lang: TitleLanguage): string {
  const exported = view.versions[0]?.title ?? '?';
  const t = view.anime?.titles;
  return shownTitle(exported, t ? { titleEnglish: t.english, titleRomaji: t.romaji } : null, lang);
}

/** The title screen's text: anime metadata and its other names, every SCD2 version with what changed, plays per month. */
export function titleLines(view: TitleView, width: number): FrameLine[] {
  const a = view.anime;
  const lines: FrameLine[] = [];
  if (a) {
    const main = displayTitle(a.titles);
    lines.push(
      ...wrapText(
        `${main} · MAL ${a.malId} · ${a.format ?? '?'} · ${a.episodes ?? '?'} eps × ${a.minutesPerEpisode ?? '?'} min · ${a.year ?? '?'}`,
        width,
      ),
    );
    // The names a search finds it by, so a match on "SnK" or the romaji title is never a mystery.
    // Names that differ only in case or punctuation (Steins;Gate, STEINS;GATE) are one name to a search and to a reader.
    const seen = new Set([normalizeTitle(main)]);
    const others = (view.names ?? [])
      .map((n) => n.name)
      .filter((n) => !seen.has(normalizeTitle(n)) && seen.add(normalizeTitle(n)));
    if (others.length) lines.push(...wrapText(sanitizeText(`Also known as ${others.join(' · ')}`), width, '', 'muted'));
    lines.push(
      ...wrapText(
        `${a.genres.join(', ')} · ${a.studios.join(', ')} · score ${a.communityScore ?? '?'}`,
        width,
        '',
        'muted',
      ),
    );
    if (a.streaming.length)
      lines.push(...wrapText(`Stream: ${a.streaming.map((s) => s.site).join(', ')}`, width, '', 'muted'));
  } else lines.push({ text: 'No anime metadata (not matched, or not anime).', tone: 'muted' });
  if (view.match) lines.push(...wrapText(`Why: ${view.match.reason}`, width, '', 'muted'));
  if (view.seasons.length) {
    lines.push(
      { text: '' },
      { text: 'MyAnimeList entries of this show (from the id mapping), episodes watched:', bold: true },
    );
    const cells = view.seasons.map((x) => SEASON_COLUMNS.map((c) => c.value(x)));
    const layout = layoutTable(SEASON_COLUMNS, naturalWidths(SEASON_COLUMNS, cells), Math.max(20, width - 2));
    for (const x of view.seasons)
      lines.push({ text: `  ${tableRow(layout, (c) => c.value(x))}`, tone: x.episodesWatched ? undefined : 'muted' });
  }
  const sources = view.sources.length
    ? view.sources
    : [{ source: 'trakt' as const, titleKey: '', versions: view.versions }];
  for (const { source, versions } of sources) {
    const n = versions.length;
    lines.push(
      { text: '' },
      {
        text: `${SOURCE_NAME[source]}: ${n} version${n === 1 ? '' : 's'}, newest first (when anidex learned it):`,
        bold: true,
      },
    );
    versions.forEach((v, i) => {
      lines.push({
        text: `v${n - i}  ${when(v.validFrom)} → ${when(v.validTo)}${v.isDeleted ? '  [deleted]' : v.isCurrent ? '  [current]' : ''}`,
      });
      lines.push(
        ...wrapText(versionSummary(v), width, '    ', 'muted'),
        ...wrapText(describeChange(versions[i + 1], v), width, '    ', 'muted'),
      );
    });
  }
  if (sources.length > 1)
    lines.push(
      { text: '' },
      ...wrapText(
        'The library takes the rating, status and rewatches from MyAnimeList, plays and dates from Trakt.',
        width,
        '',
        'muted',
      ),
    );
  const months = fillMonths(view.playsPerMonth).slice(-12);
  if (months.length) {
    const max = Math.max(...months.map((m) => m.plays));
    lines.push({ text: '' }, { text: 'Plays per month (watch time):', bold: true });
    const rows = months.map((m) => [m.month, String(m.plays), hbar(m.plays, max, Math.max(10, width - 20))] as const);
    const layout = layoutTable(MONTH_COLUMNS, naturalWidths(MONTH_COLUMNS, rows), null);
    for (const r of rows) lines.push({ text: `  ${tableRow(layout, (c) => c.value(r))}` });
  }
  return lines;
}

/** One title: its anime metadata, every SCD2 version with what changed, and its plays over time; scrolls. */
export function TitleScreen({
  view,
  width,
  height,
  theme,
  onBack,
  onNav,
  active,
  titleLanguage = DEFAULT_TITLE_LANGUAGE,
}: ScreenBase & {
  view: TitleView;
  onBack: () => void;
  onNav?: (cmd: UiCommand) => void;
  titleLanguage?: TitleLanguage;
}) {
  const bindings = useBindings();
  const lines = titleLines(view, width);
  const scroll = usePager(lines, width, height);
  useCommand(
    (cmd) => {
      if (cmd === 'back' || cmd === 'quit') onBack();
      else if (cmd !== 'open') onNav?.(cmd);
    },
    { active, nav: () => scroll },
  );
  const v0 = view.versions[0];
  return (
    <Pager
      title={`anidex · ${sanitizeText(viewTitle(view, titleLanguage))} (${v0?.year ?? '?'}, ${v0?.mediaType ?? '?'})`}
      lines={lines}
      scroll={scroll}
      footer={footerText(
        [
          [['down', 'up'], 'scroll'],
          ['titleLanguage', 'names'],
          ['back', 'back'],
        ],
        bindings,
      )}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
