/** Which files of a Trakt export anidex reads, and in what order. Pure: names only, no I/O. */

import type { TraktSection } from '../../domain/types.ts';

/** The file-name prefixes anidex reads, per section. Everything else in an export is ignored unread. */
export const TRAKT_PREFIXES: Readonly<Record<TraktSection, readonly string[]>> = {
  history: ['watched-history'],
  ratings: ['ratings-movies', 'ratings-shows', 'ratings-seasons', 'ratings-episodes'],
  watchlist: ['lists-watchlist'],
  watched: ['watched-shows', 'watched-movies'],
};

/** Section order in which files are read: history first, so the pipeline sees events before cross-checks. */
export const SECTION_ORDER: readonly TraktSection[] = ['history', 'ratings', 'watchlist', 'watched'];

/** A recognised Trakt file name. */
export interface TraktFileInfo {
  section: TraktSection;
  prefix: string;
  /** `n` of `<prefix>-<n>.json`; null for the unnumbered `<prefix>.json`. */
  page: number | null;
}

const PREFIX_TO_SECTION: ReadonlyMap<string, TraktSection> = new Map(
  SECTION_ORDER.flatMap((section) => TRAKT_PREFIXES[section].map((prefix) => [prefix, section] as const)),
);

// The prefix is matched as a whole, so `watched-history-extra.json` or `ratings-shows-reset.json` never match.
const FILE_NAME = /^([a-z]+(?:-[a-z]+)*?)(?:-(\d+))?\.json$/;

/** Classify a base name (no folders) into a Trakt section, or null when anidex does not read that file. */
export function classifyTraktFile(baseName: string): TraktFileInfo | null {
  const match = FILE_NAME.exec(baseName);
  if (!match) return null;
  const prefix = match[1] ?? '';
  const section = PREFIX_TO_SECTION.get(prefix);
  if (section === undefined) return null;
  const digits = match[2];
  if (digits === undefined) return { section, prefix, page: null };
  const page = Number(digits);
  // A page number no JS integer can hold is not a name Trakt writes.
  if (!Number.isSafeInteger(page)) return null;
  return { section, prefix, page };
}

/** Order files by section, then prefix, then page number numerically (the unnumbered page first). */
export function compareTraktFiles(a: TraktFileInfo, b: TraktFileInfo): number {
  const bySection = SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section);
  if (bySection !== 0) return bySection;
  if (a.prefix !== b.prefix) return a.prefix < b.prefix ? -1 : 1;
  return (a.page ?? -1) - (b.page ?? -1);
}

/** A human list of the names anidex looks for, for error messages. */
export function describeTraktFiles(): string {
  return SECTION_ORDER.flatMap((section) => TRAKT_PREFIXES[section].map((p) => `${p}*.json`)).join(', ');
}
