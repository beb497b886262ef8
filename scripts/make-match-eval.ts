/**
 * Builds a labelled evaluation set for `npm run bench:match` (not shipped; written where --out says):
 *
 *   node --import tsx scripts/make-match-eval.ts --catalog <dir> --mapping <anime-list-full.json or an excerpt> --out <dir>
 *
 * - export/: a Trakt export (watched-history.json and empty sections) of one invented person who watched
 *   · anime the mapping knows: Trakt shows by their real TVDB and TMDb ids, played across the seasons (and parts of
 *     seasons) the mapping gives, and films by their real TMDb and IMDb ids;
 *   · anime the mapping does not have (made-up ids, as for a show newer than the mapping or one it lacks);
 *   · Western shows and films that share names with anime ("Lost in Space" and Astra Lost in Space, live-action
 *     remakes such as "Cowboy Bebop" (2021) or "Death Note" (2017)) and plain non-anime, all with made-up ids.
 *   Titles are what Trakt would show: the English title where MyAnimeList has one, else its main title; a share of
 *   them is written the way Trakt writes them and MyAnimeList does not (a dropped subtitle, "and" for "&", an
 *   article), so that matching by name alone is not handed exact titles.
 * - truth.csv: `trakt_id,kind,title,year,mal_id,season_mal_ids` — the MAL id each title must get (empty: not anime),
 *   and for mapped shows the MAL ids of every season or part that was watched.
 * The choice is deterministic (sorted by members, then seeded).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readMappingFile, type MappingEntry } from '../src/enrich/id-mapping.ts';
import { readCatalogue, type CatalogueAnime } from './lib/mal-catalogue.ts';
import { Rng } from './lib/rng.ts';

/** Western titles that share names with anime, and plain non-anime; kind, title, year. */
const NOT_ANIME: Array<['show' | 'movie', string, number]> = [
  ['show', 'Lost in Space', 2018],
  ['show', 'Lucifer', 2016],
  ['show', 'Taboo', 2017],
  ['show', 'Cowboy Bebop', 2021],
  ['show', 'ONE PIECE', 2023],
  ['movie', 'Death Note', 2017],
  ['movie', 'Ghost in the Shell', 2017],
  ['movie', 'Alita: Battle Angel', 2019],
  ['movie', 'Speed Racer', 2008],
  ['movie', 'Dragonball Evolution', 2009],
  ['movie', 'Pokémon Detective Pikachu', 2019],
  ['movie', 'Batman', 1989],
  ['movie', 'The Batman', 2022],
  ['movie', 'Star Wars', 1977],
  ['movie', 'Transformers', 2007],
  ['show', 'Halo', 2022],
  ['movie', 'Blade Runner 2049', 2017],
  ['movie', 'Pacific Rim', 2013],
  ['movie', 'Edge of Tomorrow', 2014],
  ['movie', 'Oldboy', 2003],
  ['movie', 'Kite', 2014],
  ['movie', 'Bleach', 2018],
  ['movie', 'Gintama', 2017],
  ['movie', 'Rurouni Kenshin', 2012],
  ['movie', 'Fullmetal Alchemist', 2017],
  ['movie', 'Attack on Titan', 2015],
  ['movie', 'Tokyo Ghoul', 2017],
  ['movie', 'Your Lie in April', 2016],
  ['movie', 'Erased', 2016],
  ['show', 'Death Note', 2015],
  ['movie', 'Monster', 2023],
  ['show', 'Arcane', 2021],
  ['show', 'Avatar: The Last Airbender', 2005],
  ['show', 'The Legend of Korra', 2012],
  ['show', 'Invincible', 2021],
  ['show', 'Blue Eye Samurai', 2023],
  ['show', 'Dark', 2017],
  ['show', 'The Witcher', 2019],
  ['show', 'Monsters', 2022],
  ['show', 'Breaking Bad', 2008],
  ['show', 'Friends', 1994],
  ['show', 'The Office', 2005],
  ['show', 'Game of Thrones', 2011],
  ['show', 'Stranger Things', 2016],
  ['show', 'The Mandalorian', 2019],
  ['show', 'Chernobyl', 2019],
  ['show', 'Severance', 2022],
  ['show', 'The Bear', 2022],
  ['show', 'Ted Lasso', 2020],
  ['show', 'Sherlock', 2010],
  ['show', 'Black Mirror', 2011],
  ['show', 'Westworld', 2016],
  ['show', 'Mindhunter', 2017],
  ['show', 'The Expanse', 2015],
  ['movie', 'Inception', 2010],
  ['movie', 'Interstellar', 2014],
  ['movie', 'Dune', 2021],
  ['movie', 'Parasite', 2019],
  ['movie', 'The Matrix', 1999],
  ['show', 'Kakegurui', 2018],
];

interface Title {
  kind: 'show' | 'movie';
  title: string;
  year: number;
  traktId: number;
  tvdb: number | null;
  tmdb: number | null;
  imdb: string | null;
  /** Episodes per season (shows): season → [first, last] episode played. */
  plays: Array<[number, number, number]>;
  /** Trakt's aired episodes of the whole show (every season), as its history records carry it. */
  aired: number;
  want: number | null;
  seasonMalIds: number[];
}

/** A Trakt-style variant of a title: what Trakt shows where MyAnimeList's English title differs. */
function traktStyle(title: string, rng: Rng): string {
  const r = rng.next();
  if (r < 0.1 && /: /.test(title)) return title.split(': ')[0]!; // "Demon Slayer: Kimetsu no Yaiba" → "Demon Slayer"
  if (r < 0.1 && title.includes('&')) return title.replace(/&/g, 'and');
  if (r > 0.92 && !/^the /i.test(title)) return `The ${title}`;
  return title;
}

/** Trakt's year is the first air date; a tenth of them sit a year off MyAnimeList's (around New Year). */
const traktYear = (year: number, rng: Rng): number => (rng.next() < 0.1 ? year + (rng.next() < 0.5 ? -1 : 1) : year);

function main(): void {
  const { values } = parseArgs({
    options: {
      catalog: { type: 'string' },
      mapping: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!values.catalog || !values.mapping || !values.out) {
    console.error(
      'Usage: node --import tsx scripts/make-match-eval.ts --catalog <dir> --mapping <file> --out <dir> [--seed n]',
    );
    process.exit(2);
  }
  const catalogue = readCatalogue(values.catalog);
  const entries = readMappingFile(JSON.parse(readFileSync(values.mapping, 'utf8')))!;
  const rng = new Rng(Number(values.seed ?? 13));
  const name = (a: CatalogueAnime): string => a.english ?? a.romaji;
  const titles: Title[] = [];
  let trakt = 5_000_000;

  // Shows the mapping knows, by TVDB id: the main entry must be in the catalogue, with a year.
  const byTvdb = new Map<number, MappingEntry[]>();
  for (const e of entries)
    if (e.tvdbId !== null && e.malId !== null && e.tmdbMovies.length === 0)
      byTvdb.set(e.tvdbId, [...(byTvdb.get(e.tvdbId) ?? []), e]);
  const shows = [...byTvdb]
    .map(([tvdb, es]) => {
      const regular = es
        .filter((e) => e.tvdbSeason !== 0)
        .sort((a, b) => (a.tvdbSeason ?? 0) - (b.tvdbSeason ?? 0) || a.tvdbOffset - b.tvdbOffset);
      const main =
        regular.find((e) => e.tvdbSeason === 1 && e.tvdbOffset === 0) ??
        regular.find((e) => e.tvdbSeason === null) ??
        regular[0];
      return { tvdb, main, regular, anime: main ? catalogue.get(main.malId!) : undefined };
    })
    .filter((s) => s.main && s.anime && s.anime.year !== null)
    .sort((a, b) => b.anime!.members - a.anime!.members || a.tvdb - b.tvdb);
  for (const s of shows.slice(0, 45)) {
    const plays: Title['plays'] = [];
    const seasonMalIds: number[] = [];
    // Watch the first parts in order, stopping somewhere (people stop), at least the first part.
    const watchParts = Math.max(1, Math.round(s.regular.length * (0.4 + 0.6 * rng.next())));
    for (const e of s.regular.slice(0, watchParts)) {
      const eps = Math.min(26, catalogue.get(e.malId!)?.episodes ?? 12);
      const season = e.tvdbSeason ?? 1;
      const last = e === s.regular[watchParts - 1] && rng.next() < 0.4 ? Math.max(1, Math.floor(eps / 2)) : eps;
      plays.push([season, e.tvdbOffset + 1, e.tvdbOffset + last]);
      if (!seasonMalIds.includes(e.malId!)) seasonMalIds.push(e.malId!);
    }
    // Aired: every regular MAL entry of the show (as far as the catalogue knows its count; an airing one counts 12).
    const aired = [...new Set(s.regular.map((e) => e.malId!))].reduce(
      (n, id) => n + (catalogue.get(id)?.episodes ?? 12),
      0,
    );
    titles.push({
      kind: 'show',
      title: traktStyle(name(s.anime!), rng),
      year: traktYear(s.anime!.year!, rng),
      traktId: ++trakt,
      tvdb: s.tvdb,
      tmdb: s.main!.tmdbTv,
      imdb: null,
      plays,
      aired,
      want: s.main!.malId,
      seasonMalIds,
    });
  }
  // Films the mapping knows, by TMDb id (and IMDb id when it has one).
  const films = entries
    .filter((e) => e.malId !== null && e.tmdbMovies.length > 0 && catalogue.get(e.malId)?.year)
    .sort((a, b) => catalogue.get(b.malId!)!.members - catalogue.get(a.malId!)!.members || a.malId! - b.malId!);
  const seenFilm = new Set<number>();
  for (const e of films) {
    if (seenFilm.has(e.malId!) || seenFilm.size >= 25) continue;
    seenFilm.add(e.malId!);
    const a = catalogue.get(e.malId!)!;
    titles.push({
      kind: 'movie',
      title: traktStyle(name(a), rng),
      year: traktYear(a.year!, rng),
      traktId: ++trakt,
      tvdb: null,
      tmdb: e.tmdbMovies[0]!,
      imdb: e.imdbIds[0] ?? null,
      plays: [],
      aired: 1,
      want: e.malId,
      seasonMalIds: [],
    });
  }
  // Popular anime the mapping does not have: made-up ids, found (or not) by their titles alone.
  const mapped = new Set(entries.map((e) => e.malId));
  const absent = [...catalogue.values()]
    .filter((a) => !mapped.has(a.malId) && a.english && a.year && (a.format === 'TV' || a.format === 'MOVIE'))
    .sort((a, b) => b.members - a.members)
    .slice(0, 10);
  for (const a of absent) {
    const kind = a.format === 'MOVIE' ? 'movie' : 'show';
    titles.push({
      kind,
      title: traktStyle(name(a), rng),
      year: traktYear(a.year!, rng),
      traktId: ++trakt,
      tvdb: kind === 'show' ? 990_000 + (trakt % 10_000) : null,
      tmdb: 880_000 + (trakt % 10_000),
      imdb: null,
      plays: kind === 'show' ? [[1, 1, Math.min(12, a.episodes ?? 12)]] : [],
      aired: a.episodes ?? 12,
      want: a.malId,
      seasonMalIds: [],
    });
  }
  for (const [kind, title, year] of NOT_ANIME) {
    titles.push({
      kind,
      title,
      year,
      traktId: ++trakt,
      tvdb: kind === 'show' ? 970_000 + (trakt % 10_000) : null,
      tmdb: 960_000 + (trakt % 10_000),
      imdb: null,
      plays: kind === 'show' ? [[1, 1, 8]] : [],
      aired: 8 + ((trakt * 7) % 60),
      want: null,
      seasonMalIds: [],
    });
  }

  // The export: one history page, newest first.
  const history: unknown[] = [];
  let id = 11_000_000_000;
  let at = Date.parse('2020-01-01T20:00:00.000Z');
  for (const t of titles) {
    const ids = { trakt: t.traktId, slug: `t-${t.traktId}`, tvdb: t.tvdb, imdb: t.imdb, tmdb: t.tmdb, tvrage: null };
    if (t.kind === 'movie') {
      history.push({
        id: ++id,
        watched_at: new Date((at += 86_400_000)).toISOString(),
        action: 'watch',
        type: 'movie',
        movie: {
          title: t.title,
          year: t.year,
          ids: { trakt: ids.trakt, slug: ids.slug, imdb: ids.imdb, tmdb: ids.tmdb },
        },
      });
      continue;
    }
    const aired = Math.max(
      t.aired,
      t.plays.reduce((n, [, a, b]) => n + b - a + 1, 0),
    );
    for (const [season, first, last] of t.plays) {
      for (let n = first; n <= last; n++) {
        history.push({
          id: ++id,
          watched_at: new Date((at += 3_600_000)).toISOString(),
          action: 'scrobble',
          type: 'episode',
          episode: {
            season,
            number: n,
            title: `Episode ${n}`,
            ids: { trakt: id - 10_000_000_000, tvdb: null, imdb: null, tmdb: null, tvrage: null },
          },
          show: { title: t.title, year: t.year, ids, aired_episodes: aired },
        });
      }
    }
  }
  const exportDir = join(values.out, 'export');
  mkdirSync(exportDir, { recursive: true });
  writeFileSync(join(exportDir, 'watched-history.json'), JSON.stringify(history.reverse(), null, 2));
  for (const f of [
    'ratings-shows.json',
    'ratings-movies.json',
    'ratings-seasons.json',
    'ratings-episodes.json',
    'lists-watchlist.json',
  ])
    writeFileSync(join(exportDir, f), '[]');
  const csv = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const truth = [
    'trakt_id,kind,title,year,mal_id,season_mal_ids',
    ...titles.map((t) => [t.traktId, t.kind, csv(t.title), t.year, t.want ?? '', t.seasonMalIds.join(';')].join(',')),
  ];
  writeFileSync(join(values.out, 'truth.csv'), truth.join('\n') + '\n');
  const anime = titles.filter((t) => t.want !== null).length;
  console.log(
    `${titles.length} titles (${anime} anime: ${shows.slice(0, 45).length} mapped shows, ${seenFilm.size} mapped films, ${absent.length} not in the mapping; ${NOT_ANIME.length} not anime) → ${values.out}`,
  );
}

main();
