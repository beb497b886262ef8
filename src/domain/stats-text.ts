import { fillMonths, hbar } from './charts.ts';

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
}

const shortDate = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${Math.round((100 * n) / d)}%`;
}

/** The stats report as lines of text, `months` most recent months charted. */
export function statsLines(s: StatsNumbers, width: number, months: number): string[] {
  const lines = [
    `Titles     ${s.titles} (${s.shows} shows, ${s.movies} films)`,
    `Episodes   ${s.episodes} distinct episodes watched`,
    `Plays      ${s.plays} (${s.episodePlays} episode plays, ${s.moviePlays} film plays; rewatches included)`,
    s.playsWithKnownRuntime > 0
      ? `Time       ${(s.knownMinutes / 60).toFixed(1)} hours for the ${s.playsWithKnownRuntime} of ${s.plays} plays whose runtime is known`
      : `Time       unknown until titles are enriched with runtimes`,
    `Binge rate ${pct(s.bingedShows, s.showsWithDatedPlays)} of shows (${s.bingedShows} of ${s.showsWithDatedPlays}: 3+ episodes within 24 hours)`,
    `Ratings    ${s.ratedTitles} rated, mean ${s.meanRating === null ? '—' : s.meanRating.toFixed(1)}`,
    `Watched    ${shortDate(s.firstPlayAt)} → ${shortDate(s.lastPlayAt)} (watch time, not import time)`,
  ];
  const filled = fillMonths(s.playsPerMonth).slice(-months);
  if (filled.length) {
    const max = Math.max(...filled.map((r) => r.plays));
    const barWidth = Math.max(10, Math.min(60, width - 16));
    lines.push('', `Plays per month (last ${filled.length}):`);
    for (const r of filled) lines.push(`  ${r.month} ${String(r.plays).padStart(5)} ${hbar(r.plays, max, barWidth)}`);
  }
  return lines;
}

