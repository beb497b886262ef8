/**
 * Deterministic synthetic MyAnimeList anime list export (schema 1.1.0) for the import benchmark.
 *
 *   node --import tsx scripts/gen-synthetic-mal.ts --out <file> [--entries 20000] [--seed 1] [--gz]
 *
 * The layout copies a real MyAnimeList export (test/fixtures/mal/animelist_*.xml: the "Version 1.1.0" comment, its tab indentation,
 * 23 elements per `<anime>` in MAL's order, CDATA for titles, tags and comments, entries sorted by title,
 * `<myinfo>` totals that agree with the entries). Statuses, scores, dates and episode counts are mixed the way real
 * lists are: mostly Completed, many unknown `0000-00-00` dates, a few partial dates (`2019-00-00`), unscored
 * entries, anime with unknown episode counts, `LOW`/`MEDIUM`/`HIGH` priorities, and titles with ★, ∞, emoji,
 * `&`, quotes and even `]]>` (written as split CDATA, as a careful exporter must).
 *
 * `--gz` (or an `--out` ending in .gz) gzips the file as MAL's download is. Same arguments → the same bytes.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { hash32, Rng } from './lib/rng.ts';
import { WORD_A, WORD_B } from './lib/synthetic-words.ts';

export interface SyntheticMalOptions {
  entries: number;
  seed: number;
}

export const DEFAULT_SYNTHETIC_MAL: Readonly<SyntheticMalOptions> = { entries: 20_000, seed: 1 };

/** Bump when the output changes, so cached benchmark exports are regenerated. */
export const MAL_GENERATOR_VERSION = 1;

type Status = 'Watching' | 'Completed' | 'On-Hold' | 'Dropped' | 'Plan to Watch';

export interface SyntheticMalSummary {
  path: string;
  bytes: number;
  /** Bytes before gzip (equal to `bytes` when not gzipped). */
  xmlBytes: number;
  entries: number;
  statuses: Record<Status, number>;
  gz: boolean;
}

interface Entry {
  id: number;
  title: string;
  type: string;
  episodes: number;
  watched: number;
  start: string;
  finish: string;
  score: number;
  status: Status;
  timesWatched: number;
  priority: string;
  tags: string;
  comments: string;
  rewatching: string;
}

const ROMAJI = [
  'Shingeki no',
  'Kimi no',
  'Boku no',
  'Tensei shitara',
  'Yahari Ore no',
  'Kono Subarashii',
  'Sono Bisque Doll wa',
  'Kaguya-sama wa',
  'Mahou Shoujo',
  'Kidou Senshi',
  'Yakusoku no',
  'Koe no',
];
const ROMAJI_END = [
  'Kyojin',
  'Na wa.',
  'Hero Academia',
  'Slime Datta Ken',
  'Sekai',
  'Neverland',
  'Katachi',
  'Koi wo Suru',
];
const SEQUEL = ['', '', '', '', ' 2nd Season', ' Season 3', ' Movie', ': Final Season', ' OVA', ' (TV)', ' Specials'];
// The odd text real lists carry, from the reference export and beyond.
const ODD_TITLES = [
  '"Oshi no Ko"',
  '5-toubun no Hanayome ∬',
  'Lovely★Complex',
  'Mahou Shoujo Madoka★Magica',
  'SK∞',
  'Tokyo Ghoul √A',
  'Steins;Gate',
  'Fate/Zero',
  'Kaguya-sama wa Kokurasetai: Tensai-tachi no Renai Zunousen',
  'Ore no Imouto ga Konnani Kawaii Wake ga Nai',
  'Re:Zero kara Hajimeru Isekai Seikatsu',
  'Spy×Family',
  'Sōsō no Frieren',
  'Hataraku Maou-sama!!',
  'Cowboy Bebop: Tengoku no Tobira',
  'Bocchi the Rock! 🎸',
  'Tom & Jerry in Tokyo',
  'Ｆｒｉｅｒｅｎ',
  'Love Live! School Idol Project ♪',
  'The ]]> Incident',
  'ハイキュー!!',
  '進撃の巨人',
  'Café Enchanté',
  'Dr. STONE',
  '86',
  '22/7',
];
const TYPES: ReadonlyArray<[string, number]> = [
  ['TV', 0.7],
  ['Movie', 0.15],
  ['OVA', 0.05],
  ['ONA', 0.05],
  ['Special', 0.03],
  ['TV Special', 0.01],
  ['Music', 0.005],
  ['Unknown', 0.005],
];
const STATUSES: ReadonlyArray<[Status, number]> = [
  ['Completed', 0.62],
  ['Plan to Watch', 0.18],
  ['Dropped', 0.08],
  ['Watching', 0.06],
  ['On-Hold', 0.06],
];
const TAGS = ['favorite', 'rewatch', 'comfy', 'with friends', 'dub', 'sub', 'seasonal', 'classic'];
const COMMENTS = [
  'Great ending.',
  'Slow start, worth it.',
  'Rewatch with Sam & Alex',
  'Skip the filler (ep 12-20)',
  'Best OST <3',
  'Dropped after the time skip',
  '10/10 would cry again 😭',
];

function weighted<T>(rng: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  let x = rng.next() * table.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1]![0];
}

function makeTitle(rng: Rng): string {
  if (rng.chance(0.015)) return rng.pick(ODD_TITLES);
  const base = rng.chance(0.35)
    ? `${rng.pick(ROMAJI)} ${rng.pick(ROMAJI_END)}`
    : rng.chance(0.5)
      ? `${rng.pick(WORD_A)} ${rng.pick(WORD_B)}`
      : `${rng.pick(WORD_A)} ${rng.pick(WORD_B)}: ${rng.pick(WORD_A)} ${rng.pick(WORD_B)}`;
  return base + rng.pick(SEQUEL);
}

function episodesFor(rng: Rng, type: string): number {
  switch (type) {
    case 'TV':
      // Airing shows whose length MAL does not know yet are written as 0.
      return rng.chance(0.03) ? 0 : rng.pick([10, 11, 12, 12, 12, 13, 13, 24, 25, 26, 26, 50, 64, 148]);
    case 'Movie':
    case 'Music':
      return 1;
    case 'OVA':
    case 'Special':
    case 'TV Special':
      return rng.int(1, 6);
    case 'ONA':
      return rng.int(1, 24);
    default:
      return 0;
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

function randomDate(rng: Rng, fromYear: number): { text: string; ordinal: number } {
  const year = rng.int(fromYear, 2025);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  // A few people give only the year, or year and month; MAL writes the rest as 00.
  if (rng.chance(0.02)) return { text: `${year}-00-00`, ordinal: year * 400 };
  if (rng.chance(0.02)) return { text: `${year}-${pad(month)}-00`, ordinal: year * 400 + month * 31 };
  return { text: `${year}-${pad(month)}-${pad(day)}`, ordinal: year * 400 + month * 31 + day };
}

function makeEntry(rng: Rng, id: number): Entry {
  const type = weighted(rng, TYPES);
  const episodes = episodesFor(rng, type);
  const status = weighted(rng, STATUSES);
  const known = episodes > 0 ? episodes : rng.int(12, 120);
  let watched = 0;
  if (status === 'Completed') watched = known;
  else if (status === 'Watching') watched = rng.int(0, Math.max(0, known - 1));
  else if (status === 'On-Hold' || status === 'Dropped') watched = rng.int(1, Math.max(1, known - 1));

  let score = 0;
  const scoredShare = status === 'Completed' ? 0.88 : status === 'Dropped' ? 0.6 : status === 'Plan to Watch' ? 0 : 0.4;
  if (rng.chance(scoredShare)) {
    const mean = status === 'Dropped' ? 4.8 : 7.4;
    score = Math.max(1, Math.min(10, Math.round(mean + rng.normal() * 1.4)));
  }

  let start = '0000-00-00';
  let finish = '0000-00-00';
  if (status !== 'Plan to Watch' && rng.chance(0.4)) {
    const s = randomDate(rng, 2008);
    start = s.text;
    if (status === 'Completed' && rng.chance(0.7)) {
      let f = randomDate(rng, Number(s.text.slice(0, 4)));
      for (let tries = 0; f.ordinal < s.ordinal && tries < 5; tries++) f = randomDate(rng, Number(s.text.slice(0, 4)));
      finish = f.ordinal < s.ordinal ? s.text : f.text;
    }
  } else if (status === 'Completed' && rng.chance(0.15)) {
    finish = randomDate(rng, 2008).text;
  }

  const rewatchable = status === 'Completed' || status === 'Watching';
  return {
    id,
    title: makeTitle(rng),
    type,
    episodes,
    watched,
    start,
    finish,
    score,
    status,
    timesWatched: status === 'Completed' && rng.chance(0.06) ? rng.int(1, 3) : 0,
    priority: weighted(rng, [
      ['LOW', 0.85],
      ['MEDIUM', 0.1],
      ['HIGH', 0.05],
    ] as const),
    tags: rng.chance(0.08) ? [...new Set([rng.pick(TAGS), rng.pick(TAGS)])].join(', ') : '',
    comments: rng.chance(0.03) ? rng.pick(COMMENTS) : '',
    rewatching: rewatchable && rng.chance(0.01) ? '1' : '0',
  };
}

// `]]>` cannot appear inside one CDATA section: close it between `]]` and `>` and open another.
function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function entryXml(e: Entry): string {
  const t = '\t\t\t\t\t';
  return (
    `\t\t\t\t<anime>\n` +
    `${t}<series_animedb_id>${e.id}</series_animedb_id>\n` +
    `${t}<series_title>${cdata(e.title)}</series_title>\n` +
    `${t}<series_type>${e.type}</series_type>\n` +
    `${t}<series_episodes>${e.episodes}</series_episodes>\n` +
    `${t}<my_id>0</my_id>\n` +
    `${t}<my_watched_episodes>${e.watched}</my_watched_episodes>\n` +
    `${t}<my_start_date>${e.start}</my_start_date>\n` +
    `${t}<my_finish_date>${e.finish}</my_finish_date>\n` +
    `${t}<my_rated></my_rated>\n` +
    `${t}<my_score>${e.score}</my_score>\n` +
    `${t}<my_storage></my_storage>\n` +
    `${t}<my_storage_value>0.00</my_storage_value>\n` +
    `${t}<my_status>${e.status}</my_status>\n` +
    `${t}<my_comments>${cdata(e.comments)}</my_comments>\n` +
    `${t}<my_times_watched>${e.timesWatched}</my_times_watched>\n` +
    `${t}<my_rewatch_value></my_rewatch_value>\n` +
    `${t}<my_priority>${e.priority}</my_priority>\n` +
    `${t}<my_tags>${cdata(e.tags)}</my_tags>\n` +
    `${t}<my_rewatching>${e.rewatching}</my_rewatching>\n` +
    `${t}<my_rewatching_ep>0</my_rewatching_ep>\n` +
    `${t}<my_discuss>1</my_discuss>\n` +
    `${t}<my_sns>default</my_sns>\n` +
    `${t}<update_on_import>0</update_on_import>\n` +
    `\t\t\t\t</anime>\n`
  );
}

/** The export's XML text and per-status counts; deterministic in the options. */
export function buildSyntheticMal(options: Partial<SyntheticMalOptions> = {}): {
  xml: string;
  statuses: Record<Status, number>;
  entries: number;
} {
  const opts: SyntheticMalOptions = { ...DEFAULT_SYNTHETIC_MAL, ...options };
  if (!(Number.isInteger(opts.entries) && opts.entries >= 0)) throw new Error(`bad entry count ${opts.entries}`);
  const rng = new Rng(hash32(`mal:${opts.seed}`));
  const idSpace = Math.max(60_000, opts.entries * 4);
  const ids = new Set<number>();
  while (ids.size < opts.entries) ids.add(rng.int(1, idSpace));
  const entries = [...ids].map((id) => makeEntry(rng, id));
  // MAL lists entries by title.
  entries.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id - b.id));

  const statuses: Record<Status, number> = { Watching: 0, Completed: 0, 'On-Hold': 0, Dropped: 0, 'Plan to Watch': 0 };
  for (const e of entries) statuses[e.status]++;
  const userId = 10_000_000 + (hash32(`user:${opts.seed}`) % 9_000_000);
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" ?>\n',
    '\t\t<!--\n\t\t Created by XML Export feature at MyAnimeList.net\n\t\t Version 1.1.0\n\t\t-->\n\t\t\n',
    '\t\t<myanimelist>\n\t\t\n',
    '\t\t\t<myinfo>\n',
    `\t\t\t\t<user_id>${userId}</user_id>\n`,
    `\t\t\t\t<user_name>synthetic_${opts.seed}</user_name>\n`,
    '\t\t\t\t<user_export_type>1</user_export_type>\n',
    `\t\t\t\t<user_total_anime>${entries.length}</user_total_anime>\n`,
    `\t\t\t\t<user_total_watching>${statuses.Watching}</user_total_watching>\n`,
    `\t\t\t\t<user_total_completed>${statuses.Completed}</user_total_completed>\n`,
    `\t\t\t\t<user_total_onhold>${statuses['On-Hold']}</user_total_onhold>\n`,
    `\t\t\t\t<user_total_dropped>${statuses.Dropped}</user_total_dropped>\n`,
    `\t\t\t\t<user_total_plantowatch>${statuses['Plan to Watch']}</user_total_plantowatch>\n`,
    '\t\t\t</myinfo>\n\t\t\n\t\t\n',
  ];
  entries.forEach((e, i) => parts.push(i === 0 ? entryXml(e) : `\t\t\t\n${entryXml(e)}`));
  parts.push('\t\t\t\n\t\t\t</myanimelist>\n\t\t\t');
  return { xml: parts.join(''), statuses, entries: entries.length };
}

/** Write the export to `out` (gzipped when `gz` or when `out` ends in .gz) and describe it. */
export function generateSyntheticMal(
  out: string,
  options: Partial<SyntheticMalOptions> & { gz?: boolean } = {},
): SyntheticMalSummary {
  const { xml, statuses, entries } = buildSyntheticMal(options);
  const gz = options.gz ?? /\.gz$/i.test(out);
  const xmlBytes = Buffer.from(xml, 'utf8');
  // Node's gzip header carries no timestamp or name, so the bytes depend on the content only.
  const bytes = gz ? gzipSync(xmlBytes, { level: 9 }) : xmlBytes;
  const path = resolve(out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return { path, bytes: bytes.length, xmlBytes: xmlBytes.length, entries, statuses, gz };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      entries: { type: 'string' },
      seed: { type: 'string' },
      gz: { type: 'boolean' },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: gen-synthetic-mal.ts --out <file> [--entries 20000] [--seed 1] [--gz]\n');
    process.exit(2);
  }
  const num = (v: string | undefined, d: number): number => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number: ${v}`);
    return n;
  };
  let out = values.out;
  if (values.gz && !/\.gz$/i.test(out)) out += '.gz';
  const t0 = performance.now();
  const s = generateSyntheticMal(out, {
    entries: num(values.entries, DEFAULT_SYNTHETIC_MAL.entries),
    seed: num(values.seed, DEFAULT_SYNTHETIC_MAL.seed),
    gz: values.gz ?? undefined,
  });
  process.stdout.write(
    `${s.path}: ${s.entries} entries, ${(s.xmlBytes / 1048576).toFixed(1)} MiB of XML` +
      `${s.gz ? `, ${(s.bytes / 1048576).toFixed(1)} MiB gzipped` : ''}; ${JSON.stringify(s.statuses)}\n` +
      `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
