import { BINGE_MIN_EPISODES, BINGE_WINDOW_MS } from '../domain/aggregate.ts';
import { barChart, fillMonths, fillYears, pairedBarChart } from './charts.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { truncate } from '../lib/text/cells.ts';
import { wrapLines } from '../lib/text/wrap.ts';
import { TITLE_STATUSES } from '../domain/status.ts';
import type { StatsNumbers } from '../domain/stats-numbers.ts';

/** One line of the report; headings and notes are styled apart on the screen. */
export interface StatsLine {
  text: string;
  kind: 'heading' | 'note' | 'body';
  /** A chart row: laid out to the width, cut rather than wrapped. */
  chart?: boolean;
}

const shortDate = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${Math.round((100 * n) / d)}%`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The binge rule in words, from the constants the import uses. */
export const BINGE_RULE = `${BINGE_MIN_EPISODES}+ episodes within ${BINGE_WINDOW_MS / 3_600_000} hours`;

/** What a figure that needs plays says when there are none. */
export const NEEDS_HISTORY = 'needs a Trakt history (plays with their times; a MyAnimeList list has none)';

const hours = (minutes: number): string => (minutes / 60).toFixed(1);

export interface ReportLayout {
  /**
   * Every label and sentence whole, none cut or wrapped (for a pipe: grep finds a studio's full name); the bars
   * are still drawn to fit `width`.
   */
  whole?: boolean;
}

/**
 * The stats report, `months` most recent months charted, every line at most `width` cells (sentences wrapped,
 * charts sized to it), unless `layout.whole`.
 */
export function statsReport(s: StatsNumbers, width: number, months: number, layout: ReportLayout = {}): StatsLine[] {
  const out: StatsLine[] = [];
  const body = (text: string): void => void out.push({ text, kind: 'body' });
  const note = (text: string): void => void out.push({ text, kind: 'note' });
  const section = (title: string, explain?: string): void => {
    out.push({ text: '', kind: 'body' }, { text: title, kind: 'heading' });
    if (explain) note(`  ${explain}`);
  };
  const h = s.history;
  const src = s.sources;

  body(`Titles     ${s.titles} (${s.shows} shows, ${s.movies} films)`);
  if (src.malOnly + src.both > 0) {
    body(
      `Sources    ${[src.traktOnly ? `${src.traktOnly} Trakt only` : '', src.malOnly ? `${src.malOnly} MyAnimeList only` : '', src.both ? `${src.both} in both` : ''].filter(Boolean).join(' · ')}`,
    );
  }
  body(`Episodes   ${s.episodes} episodes watched`);
  body(
    h
      ? `Plays      ${h.plays} (${h.episodePlays} episode plays, ${h.moviePlays} film plays; rewatches included)`
      : 'Plays      needs a Trakt history (a MyAnimeList list has no plays)',
  );
  const totalMinutes = (h?.knownMinutes ?? 0) + s.listMinutes;
  if (s.timedTitles > 0) {
    body(
      `Time       ${hours(totalMinutes)} hours, from the ${s.timedTitles} of ${s.watchedTitles} watched titles with a runtime`,
    );
    const how = [
      h && h.playsWithKnownRuntime > 0
        ? `${hours(h.knownMinutes)} h from ${h.playsWithKnownRuntime} of ${h.plays} plays`
        : '',
      s.listMinutes > 0 ? `${hours(s.listMinutes)} h as episodes × runtime` : '',
    ].filter(Boolean);
    note(`           ${how.join(', ')}`);
  } else body('Time       unknown until titles have runtimes (anidex enrich)');
  body(
    h
      ? `Binge rate ${pct(h.bingedShows, h.showsWithDatedPlays)} of shows (${h.bingedShows} of ${h.showsWithDatedPlays}: ${BINGE_RULE})`
      : 'Binge rate needs a Trakt history (plays with their times)',
  );
  body(`Ratings    ${s.ratedTitles} rated, mean ${s.meanRating === null ? '—' : s.meanRating.toFixed(1)}`);
  const meta = [
    `${s.titlesWithMetadata} of ${s.titles} titles matched to anime`,
    s.notAnimeTitles ? `${s.notAnimeTitles} not anime` : '',
    s.pendingTitles ? `${s.pendingTitles} pending: anidex enrich` : '',
  ];
  body(`Metadata   ${meta.filter(Boolean).join('; ')}`);
  body(`Watched    ${shortDate(s.firstWatchedAt)} → ${shortDate(s.lastWatchedAt)} (watch dates, not import time)`);

  section(h ? `Plays per month (last ${Math.min(months, fillMonths(h.playsPerMonth).length)}):` : 'Plays per month:');
  const filled = h ? fillMonths(h.playsPerMonth).slice(-months) : [];
  if (filled.length)
    out.push(
      ...lines(
        barChart(
          filled.map((r) => ({ label: r.month, value: r.plays, note: String(r.plays) })),
          width,
        ),
      ),
    );
  else note(h ? '  none dated' : `  ${NEEDS_HISTORY}`);

  const playYears = new Map((h?.playsPerYear ?? []).map((y) => [y.year, y.plays]));
  const years = fillYears(s.hoursPerYear, (year) => ({ year, knownMinutes: 0 }));
  if (totalMinutes > 0) {
    const how =
      h && s.listMinutes > 0
        ? 'plays by the year watched, other titles by the year finished (else started)'
        : h
          ? 'plays whose runtime is known; the plays column counts every dated play'
          : 'episodes watched × runtime, by the year finished (else started)';
    section('Hours watched per year:', how);
    out.push(
      ...lines(
        barChart(
          years.map((y) => ({
            label: y.year,
            value: y.knownMinutes,
            note: `${hours(y.knownMinutes)} h${h ? ` ${String(playYears.get(y.year) ?? 0).padStart(5)} plays` : ''}`,
          })),
          width,
        ),
      ),
    );
    if (s.undatedListMinutes > 0)
      note(`  ${hours(s.undatedListMinutes)} h are of titles with no date (in the total, in no year)`);
  }

  const perYear = fillYears(s.titlesPerYear, (year) => ({ year, titles: 0 }));
  if (perYear.length) {
    const mal = src.malOnly + src.both > 0;
    section(
      'Titles per year:',
      !h
        ? 'by the year finished (else started)'
        : mal
          ? 'by the last play; MyAnimeList entries by the year finished (else started)'
          : 'by the year of the last play',
    );
    out.push(
      ...lines(
        barChart(
          perYear.map((y) => ({ label: y.year, value: y.titles, note: String(y.titles) })),
          width,
        ),
      ),
    );
  }
  const undated = s.titles - s.titlesPerYear.reduce((n, y) => n + y.titles, 0);
  if (undated > 0) {
    if (!perYear.length) section('Titles per year:');
    note(`  ${plural(undated, 'title has', 'titles have')} no watch date`);
  }

  section('Binge rate per year:', h ? `shows with a binge (${BINGE_RULE}) ÷ shows watched that year` : undefined);
  const binges = h ? fillYears(h.bingeByYear, (year) => ({ year, shows: 0, bingedShows: 0 })) : [];
  if (binges.length) {
    const noteWidth = Math.max(...binges.map((b) => `${b.bingedShows}/${b.shows}`.length));
    out.push(
      ...lines(
        barChart(
          binges.map((b) => ({
            label: b.year,
            value: b.shows ? b.bingedShows / b.shows : 0,
            note: `${pct(b.bingedShows, b.shows).padStart(4)} ${`${b.bingedShows}/${b.shows}`.padStart(noteWidth)}`,
          })),
          width,
          { max: 1 },
        ),
      ),
    );
  } else note(h ? '  no show has dated episode plays' : `  ${NEEDS_HISTORY}`);

  section(
    'Titles per status:',
    s.statuses.plan_to_watch
      ? 'plan_to_watch: MyAnimeList Plan to Watch entries, not among the titles above'
      : undefined,
  );
  out.push(
    ...lines(
      barChart(
        TITLE_STATUSES.map((st) => ({ label: st, value: s.statuses[st], note: String(s.statuses[st]) })),
        width,
      ),
    ),
  );

  const named = (title: string, rows: StatsNumbers['topGenres']): void => {
    section(
      title,
      rows.length
        ? `counted by titles, of the ${plural(s.titlesWithMetadata, 'title')} with anime metadata`
        : undefined,
    );
    if (rows.length)
      out.push(
        ...lines(
          barChart(
            rows.map((r) => ({ label: r.name, value: r.titles, note: String(r.titles) })),
            width,
            { maxLabel: layout.whole ? Infinity : Math.max(8, Math.min(24, width - 40)) },
          ),
        ),
      );
    else note('  none yet: no title has anime metadata (anidex enrich)');
  };
  named('Top genres:', s.topGenres);
  named('Top studios:', s.topStudios);

  const rated = s.ratingHistogram.reduce((n, r) => n + r.titles, 0);
  const scored = s.communityScoreHistogram.reduce((n, r) => n + r.titles, 0);
  if (rated + scored > 0) {
    section('Score distribution:', 'a bar is its share of that side; community = AniList/MAL score ÷ 10, rounded');
    const mine = new Map(s.ratingHistogram.map((r) => [r.rating, r.titles]));
    const theirs = new Map(s.communityScoreHistogram.map((r) => [r.score, r.titles]));
    const rows = Array.from({ length: 10 }, (_, i) => 10 - i).map((score) => ({
      label: String(score),
      left: mine.get(score) ?? 0,
      right: theirs.get(score) ?? 0,
    }));
    out.push(...lines(pairedBarChart(rows, width, [`yours (${rated} rated)`, `community (${scored} scored)`])));
    const both = s.ratedAndScored;
    if (both.titles > 0 && both.meanRating !== null && both.meanCommunityScore !== null) {
      note(
        `  On the ${plural(both.titles, 'title')} with both: your mean ${both.meanRating.toFixed(1)}, community ${both.meanCommunityScore.toFixed(1)}`,
      );
    }
  }
  // Sentences wrap, continuing under their value ("Binge rate 42% of shows …" goes on below "42%"); chart rows
  // are laid out to the width already and are only cut, as a second line of defence.
  return out.flatMap((l) => {
    const text = sanitizeText(l.text);
    if (layout.whole) return [{ ...l, text }];
    if (l.chart) return [{ ...l, text: truncate(text, width) }];
    const lead = /^ */.exec(text)![0];
    const hang = l.kind === 'body' && !lead ? ' '.repeat(LABEL_WIDTH) : `${lead}  `;
    return wrapLines(text.slice(lead.length), width, { indent: lead, hang }).map((t) => ({ ...l, text: t }));
  });
}

/** The totals' labels ("Binge rate ") take this many cells; their sentences continue under the value. */
const LABEL_WIDTH = 11;

function lines(texts: readonly string[]): StatsLine[] {
  return texts.map((text) => ({ text, kind: 'body', chart: true }));
}

/** The stats report as lines of text, `months` most recent months charted. */
export function statsLines(s: StatsNumbers, width: number, months: number, layout: ReportLayout = {}): string[] {
  return statsReport(s, width, months, layout).map((l) => l.text);
}
