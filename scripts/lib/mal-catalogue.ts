/**
 * MyAnimeList catalogue facts from CSV files kept outside the repository (for benchmarks only; nothing here is
 * shipped): `mal-2023-anime.csv` (anime_id, Name, Score, Genres, Episodes) is the list of anime; `mal-2023-details.csv`
 * (type, aired, members, studios, by name join), `mal-api-2024-top5000.csv` (English titles, start dates, media types)
 * and `cooperunion-2016-anime.csv` (types) fill in what they know.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface CatalogueAnime {
  malId: number;
  /** MyAnimeList's main title (romaji for most). */
  romaji: string;
  english: string | null;
  format: 'TV' | 'TV_SHORT' | 'MOVIE' | 'SPECIAL' | 'OVA' | 'ONA' | 'MUSIC' | null;
  episodes: number | null;
  year: number | null;
  members: number;
  genres: string[];
  score: number | null;
}

type Row = Record<string, string>;

function rows(path: string): Row[] {
  if (!existsSync(path)) return [];
  return parse(readFileSync(path, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    relax_quotes: true,
    relax_column_count: true,
  }) as Row[];
}

const FORMATS: Record<string, CatalogueAnime['format']> = {
  tv: 'TV',
  movie: 'MOVIE',
  ova: 'OVA',
  ona: 'ONA',
  special: 'SPECIAL',
  music: 'MUSIC',
  tv_special: 'SPECIAL',
};

/** The first year in an "Aired" text: "Apr 3, 1998 to …", "1-Sep-01", "Jul, 1992", "15-Jul-89". */
export function airedYear(text: string | undefined): number | null {
  if (!text) return null;
  const four = /\b(19\d\d|20\d\d)\b/.exec(text);
  if (four) return Number(four[1]);
  const two = /^\d{1,2}-[A-Za-z]{3}-(\d\d)\b/.exec(text.trim());
  if (two) {
    const y = Number(two[1]);
    return y <= 30 ? 2000 + y : 1900 + y;
  }
  return null;
}

const num = (s: string | undefined): number | null =>
  s !== undefined && /^\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : null;

export function readCatalogue(dir: string): Map<number, CatalogueAnime> {
  const out = new Map<number, CatalogueAnime>();
  for (const r of rows(join(dir, 'mal-2023-anime.csv'))) {
    const id = num(r.anime_id);
    if (id === null || !r.Name) continue;
    out.set(id, {
      malId: id,
      romaji: r.Name,
      english: null,
      format: null,
      episodes: num(r.Episodes),
      year: null,
      members: 0,
      genres: (r.Genres ?? '')
        .split(',')
        .map((g) => g.trim())
        .filter((g) => g && g !== 'UNKNOWN'),
      score: num(r.Score),
    });
  }
  for (const r of rows(join(dir, 'mal-2023-details.csv'))) {
    const a = out.get(num(r.mal_id_by_name_join) ?? -1);
    if (!a) continue;
    a.format ??= FORMATS[(r.Type ?? '').toLowerCase()] ?? null;
    a.year ??= airedYear(r.Aired) ?? airedYear(r.Premiered);
    a.members = Math.max(a.members, num(r.Members) ?? 0);
  }
  for (const r of rows(join(dir, 'mal-api-2024-top5000.csv'))) {
    const a = out.get(num(r.id) ?? -1);
    if (!a) continue;
    if (r.title && r.title !== a.romaji) a.english = r.title;
    a.format ??= FORMATS[(r.media_type ?? '').toLowerCase()] ?? null;
    a.year ??= airedYear(r.start_date);
    a.members = Math.max(a.members, num(r.num_list_users) ?? 0);
  }
  for (const r of rows(join(dir, 'cooperunion-2016-anime.csv'))) {
    const a = out.get(num(r.anime_id) ?? -1);
    if (!a) continue;
    a.format ??= FORMATS[(r.type ?? '').toLowerCase()] ?? null;
    a.members = Math.max(a.members, num(r.members) ?? 0);
  }
  return out;
}
