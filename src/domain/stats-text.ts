import { BINGE_MIN_EPISODES, BINGE_WINDOW_MS } from './aggregate.ts';
import { barChart, fillMonths, fillYears, pairedBarChart } from './charts.ts';
import { sanitizeText } from './sanitize.ts';
import { truncate } from '../lib/text/cells.ts';
import { wrapLines } from '../lib/text/wrap.ts';

/** Viewing statistics, as the warehouse computes them (watch time, never import time). */
export interface StatsNumbers {
  titles: number;
  shows: number;
  movies: number;
  episodes: number;
  plays: number;
  episodePlays: number;
  moviePlays: number;
  /** Minutes of the plays whose runtime is known (from enrichment), and how many plays that covers. */
  knownMinutes: number;
  playsWithKnownRuntime: number;
  bingedShows: number;
  showsWithDatedPlays: number;
  ratedTitles: number;
  meanRating: number | null;
  firstPlayAt: string | null;
  lastPlayAt: string | null;
  playsPerMonth: Array<{ month: string; plays: number }>;
  ratingHistogram: Array<{ rating: number; titles: number }>;
  /** Dated plays per calendar year of watch time, with the runtime rule of knownMinutes. */
  playsPerYear: Array<{ year: string; plays: number; knownMinutes: number; playsWithKnownRuntime: number }>;
  /**
   * Per calendar year: shows with a dated episode play that year, and how many of them had a binge (the
   * bingedShows rule) starting that year.
   */
  bingeByYear: Array<{ year: string; shows: number; bingedShows: number }>;
  /** Titles played at least once, and how many of those are matched to anime metadata. */
  watchedTitles: number;
  matchedTitles: number;
  /** MyAnimeList list entries (not counting Plan to Watch); those the Trakt history lacks, and their episodes. */
  malEntries?: number;
  malOnlyTitles?: number;
  malOnlyEpisodes?: number;
  /** The most frequent genres and studios, each counted once per watched matched title. */
  topGenres: Array<{ name: string; titles: number }>;
  topStudios: Array<{ name: string; titles: number }>;
  /** Community scores (0–100) of watched matched titles, divided by ten and rounded onto the 1–10 rating scale. */
  communityScoreHistogram: Array<{ score: number; titles: number }>;
  /** Titles with both a rating and a community score: the two means, both out of 10. */
  ratedAndScored: { titles: number; meanRating: number | null; meanCommunityScore: number | null };
}

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

  body(`Titles     ${s.titles} (${s.shows} shows, ${s.movies} films)`);
  body(`Episodes   ${s.episodes} distinct episodes watched`);
  body(`Plays      ${s.plays} (${s.episodePlays} episode plays, ${s.moviePlays} film plays; rewatches included)`);
  body(
    s.playsWithKnownRuntime > 0
      ? `Time       ${(s.knownMinutes / 60).toFixed(1)} hours for the ${s.playsWithKnownRuntime} of ${s.plays} plays whose runtime is known`
      : `Time       unknown until titles are enriched with runtimes`,
  );
  body(`Binge rate ${pct(s.bingedShows, s.showsWithDatedPlays)} of shows (${s.bingedShows} of ${s.showsWithDatedPlays}: ${BINGE_RULE})`);
  body(`Ratings    ${s.ratedTitles} rated, mean ${s.meanRating === null ? '—' : s.meanRating.toFixed(1)}`);
  body(`Metadata   ${s.matchedTitles} of ${s.watchedTitles} watched titles matched to anime (genres, studios, scores)`);
  body(`Watched    ${shortDate(s.firstPlayAt)} → ${shortDate(s.lastPlayAt)} (watch time, not import time)`);
  // Everything above counts Trakt plays; a MyAnimeList list has none, so it gets its own line.
  if (s.malEntries) body(`MyAnimeList ${s.malEntries} list entries; ${s.malOnlyTitles ?? 0} not in the Trakt history (${s.malOnlyEpisodes ?? 0} episodes)`);

  const filled = fillMonths(s.playsPerMonth).slice(-months);
  if (filled.length) {
    section(`Plays per month (last ${filled.length}):`);
    out.push(...lines(barChart(filled.map((r) => ({ label: r.month, value: r.plays, note: String(r.plays) })), width)));
  }

  const years = fillYears(s.playsPerYear, (year) => ({ year, plays: 0, knownMinutes: 0, playsWithKnownRuntime: 0 }));
  if (s.playsWithKnownRuntime > 0 && years.length) {
    section('Hours watched per year:', 'plays whose runtime is known; the plays column counts every dated play');
    out.push(
      ...lines(
        barChart(
          years.map((y) => ({ label: y.year, value: y.knownMinutes, note: `${(y.knownMinutes / 60).toFixed(1)} h ${String(y.plays).padStart(5)} plays` })),
          width,
        ),
      ),
    );
  }

  const binges = fillYears(s.bingeByYear, (year) => ({ year, shows: 0, bingedShows: 0 }));
  if (binges.length) {
    section('Binge rate per year:', `shows with a binge (${BINGE_RULE}) ÷ shows watched that year`);
    const noteWidth = Math.max(...binges.map((b) => `${b.bingedShows}/${b.shows}`.length));
    out.push(
      ...lines(
        barChart(
          binges.map((b) => ({ label: b.year, value: b.shows ? b.bingedShows / b.shows : 0, note: `${pct(b.bingedShows, b.shows).padStart(4)} ${`${b.bingedShows}/${b.shows}`.padStart(noteWidth)}` })),
          width,
          { max: 1 },
        ),
      ),
    );
  }

  const named = (title: string, rows: StatsNumbers['topGenres']): void => {
    section(title, rows.length ? `counted by watched titles, of the ${plural(s.matchedTitles, 'title')} with anime metadata` : undefined);
    if (rows.length) out.push(...lines(barChart(rows.map((r) => ({ label: r.name, value: r.titles, note: String(r.titles) })), width, { maxLabel: layout.whole ? Infinity : Math.max(8, Math.min(24, width - 40)) })));
    else note('  none yet: no watched title is matched to anime metadata (anidex enrich)');
  };
  named('Top genres:', s.topGenres);
  named('Top studios:', s.topStudios);

  const rated = s.ratingHistogram.reduce((n, r) => n + r.titles, 0);
  const scored = s.communityScoreHistogram.reduce((n, r) => n + r.titles, 0);
  if (rated + scored > 0) {
    section('Score distribution:', 'a bar is its share of that side; community = AniList/MAL score ÷ 10, rounded');
    const mine = new Map(s.ratingHistogram.map((r) => [r.rating, r.titles]));
    const theirs = new Map(s.communityScoreHistogram.map((r) => [r.score, r.titles]));
    const rows = Array.from({ length: 10 }, (_, i) => 10 - i).map((score) => ({ label: String(score), left: mine.get(score) ?? 0, right: theirs.get(score) ?? 0 }));
    out.push(...lines(pairedBarChart(rows, width, [`yours (${rated} rated)`, `community (${scored} scored)`])));
    const both = s.ratedAndScored;
    if (both.titles > 0 && both.meanRating !== null && both.meanCommunityScore !== null) {
      note(`  On the ${plural(both.titles, 'title')} with both: your mean ${both.meanRating.toFixed(1)}, community ${both.meanCommunityScore.toFixed(1)}`);
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
