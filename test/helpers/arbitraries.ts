// fast-check generators for the property tests (test/properties.test.ts): Trakt export records as Trakt writes
// them, each with the values the parser must read from it; the same records broken at one known field; junk.
import fc from 'fast-check';
import type {
  MediaType,
  RatingKind,
  TraktIds,
  TraktMedia,
  TraktPlay,
  TraktRating,
  TraktSection,
  TraktWatchedSummary,
  TraktWatchlistItem,
} from '../../src/domain/types.ts';

export type JsonObject = Record<string, unknown>;

// ---------- plain values ----------

/** A key that is absent, present with null, or present with a value: exports write all three. */
export type Opt<T> = { kind: 'absent' } | { kind: 'null' } | { kind: 'value'; value: T };

export function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Opt<T>> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Opt<T>>({ kind: 'absent' }) },
    { weight: 1, arbitrary: fc.constant<Opt<T>>({ kind: 'null' }) },
    { weight: 3, arbitrary: arb.map((value): Opt<T> => ({ kind: 'value', value })) },
  );
}

function put<T>(obj: JsonObject, key: string, o: Opt<T>): void {
  if (o.kind === 'null') obj[key] = null;
  else if (o.kind === 'value') obj[key] = o.value;
}

function val<T>(o: Opt<T>): T | null {
  return o.kind === 'value' ? o.value : null;
}

/** Ids as Trakt hands them out: small catalogue ids, history ids past 32 bits, and the edges. */
export const idArb: fc.Arbitrary<number> = fc.oneof(
  fc.nat({ max: 2_000_000 }),
  fc.integer({ min: 10_000_000_000, max: 20_000_000_000 }),
  fc.constantFrom(0, 2 ** 31, Number.MAX_SAFE_INTEGER),
);

/** Seasons: 0 is specials, some shows number seasons by year. */
export const seasonArb: fc.Arbitrary<number> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 40 }),
  fc.integer({ min: 1990, max: 2030 }),
);
export const episodeArb: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.nat({ max: 1200 }));

/** Characters that break naive readers: controls, quotes, backslashes, line and paragraph separators. */
const nastyChar = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '"',
  '\\',
  '/',
  '\ufeff',
);

/** Any text: real titles, full Unicode, and strings full of control characters. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "Frieren: Beyond Journey's End",
    'One Piece',
    'Akira',
    'Ｆｒｉｅｒｅｎ',
    'Mononoke Hime (もののけ姫)',
    'Re:ZERO',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.oneof(nastyChar, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 12 }),
);
export const titleArb: fc.Arbitrary<string> = textArb.filter((s) => s.length > 0);

// ---------- timestamps ----------

export interface TimestampCase {
  /** As written in the export. */
  text: string;
  /** What the parser must read: `YYYY-MM-DDTHH:MM:SS.sssZ`, or null for Trakt's "unknown" epoch. */
  expected: string | null;
}

const UNKNOWN = '1970-01-01T00:00:00.000Z';

/** A Date written the two ways Trakt writes times: with milliseconds, or without. */
export function formatTimestamp(d: Date, withMs: boolean): TimestampCase {
  const iso = d.toISOString();
  const expected = withMs ? iso : `${iso.slice(0, 19)}.000Z`;
  return { text: withMs ? iso : `${iso.slice(0, 19)}Z`, expected: expected === UNKNOWN ? null : expected };
}

/** Realistic watch/rate/list times, and the epoch "unknown" date in both formats. */
export const timestampArb: fc.Arbitrary<TimestampCase> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.date({
          min: new Date('1970-01-01T00:00:00.000Z'),
          max: new Date('2035-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        fc.boolean(),
      )
      .map(([d, ms]) => formatTimestamp(d, ms)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<TimestampCase>(
      { text: UNKNOWN, expected: null },
      { text: '1970-01-01T00:00:00Z', expected: null },
    ),
  },
);

/** Every instant a four-digit year can write, in both formats. */
export const anyInstantArb: fc.Arbitrary<TimestampCase> = fc
  .tuple(
    fc.date({
      min: new Date('0000-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    }),
    fc.boolean(),
  )
  .map(([d, ms]) => formatTimestamp(d, ms));

// ---------- breaking a record at one field ----------

/** Stands for "delete this key". */
export const MISSING = Symbol('missing');
/** Written into the JSON text as 1e400 / -1e400, numbers JSON.parse reads as ±Infinity. */
export const HUGE = '\u0000@@huge@@\u0000';
export const NEG_HUGE = '\u0000@@-huge@@\u0000';

export type FieldKind =
  | 'reqInt'
  | 'optInt'
  | 'rating'
  | 'title'
  | 'optStr'
  | 'enum'
  | 'reqTs'
  | 'optTs'
  | 'reqObj'
  | 'optObj'
  | 'watchedMedia';

/** A field of a generated record and what kind of value it holds; breaking it must skip the record at that field. */
export interface Breakable {
  path: readonly string[];
  kind: FieldKind;
}

const BAD_INT = [-1, 1.5, -0.5, '12', true, [], {}, 2 ** 53, 1e21, HUGE, NEG_HUGE];
const BAD_TS = [
  'yesterday',
  '2023-02-29T12:00:00Z',
  '2024-02-30T12:00:00.000Z',
  '2024-01-01 12:00:00',
  '2024-01-01T12:00:00+02:00',
  '2024-01-01T24:00:00.000Z',
  '2024-1-01T00:00:00Z',
  '2024-01-01T12:00:00.5Z',
  '',
  1_700_000_000,
  {},
  [],
];
const BAD_VALUES: Readonly<Record<FieldKind, readonly unknown[]>> = {
  reqInt: [...BAD_INT, null, MISSING],
  optInt: BAD_INT,
  rating: [0, 11, -1, 7.5, '8', null, MISSING, HUGE],
  title: ['', 0, true, null, MISSING, [], {}],
  optStr: [0, 12.5, true, [], {}],
  enum: ['tv', '', 'Movie', 0, null, MISSING, [], {}],
  reqTs: [...BAD_TS, null, MISSING],
  optTs: BAD_TS,
  reqObj: [MISSING, null, 'x', 3, [], true],
  optObj: ['x', 3, [], true],
  watchedMedia: [MISSING, null, 'x', 3, []],
};

/** The bad values for one kind of field (index taken modulo their count). */
export function badValue(kind: FieldKind, i: number): unknown {
  const values = BAD_VALUES[kind];
  return values[i % values.length];
}

/** The field a skip must name after `path` got `value`. */
export function expectedSkipField(b: Breakable, value: unknown): string {
  if (b.kind === 'watchedMedia' && value === MISSING) return 'show|movie';
  return b.path.join('.');
}

/** A deep copy of `record` with the value at `path` replaced (or deleted for MISSING). */
export function setPath(record: JsonObject, path: readonly string[], value: unknown): JsonObject {
  const copy = structuredClone(record);
  let obj: JsonObject = copy;
  for (const key of path.slice(0, -1)) {
    const next = obj[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      throw new Error(`no object at ${path.join('.')}`);
    obj = next as JsonObject;
  }
  const last = path[path.length - 1]!;
  if (value === MISSING) delete obj[last];
  else obj[last] = value;
  return copy;
}

/** JSON text for a file's top-level array, with the HUGE markers turned into numbers beyond a double. */
export function exportText(records: readonly unknown[], indent: boolean): string {
  const text = JSON.stringify(records, null, indent ? 2 : undefined);
  return text.replaceAll(JSON.stringify(HUGE), '1e400').replaceAll(JSON.stringify(NEG_HUGE), '-1e400');
}

// ---------- records ----------

/** A generated record: its JSON, what the parser must read from it, and the fields that can be broken. */
export interface RecordCase<T> {
  json: JsonObject;
  expected: T;
  key: string;
  breakable: Breakable[];
}

export interface MediaCase {
  json: JsonObject;
  expected: TraktMedia;
  breakable: Breakable[];
}

/** Trakt writes two key orders in one export; a reader that goes by position breaks on the second. */
function ordered(obj: JsonObject, reverse: boolean): JsonObject {
  if (!reverse) return obj;
  return Object.fromEntries(Object.entries(obj).reverse());
}

const idsArb = fc.record({
  trakt: opt(idArb),
  slug: opt(textArb),
  imdb: opt(
    fc.oneof(
      fc.integer({ min: 1, max: 99_999_999 }).map((n) => `tt${String(n).padStart(7, '0')}`),
      textArb,
    ),
  ),
  tmdb: opt(idArb),
  tvdb: opt(idArb),
  tvrage: fc.boolean(),
  plex: fc.boolean(),
});

/** A show or movie object as embedded in every record, with what the parser must read from it. */
export function mediaArb(key: MediaType, mediaType: MediaType): fc.Arbitrary<MediaCase> {
  return fc
    .record({
      title: titleArb,
      year: opt(fc.integer({ min: 1900, max: 2035 })),
      ids: idsArb,
      aired: key === 'show' ? opt(fc.nat({ max: 1200 })) : fc.constant<Opt<number>>({ kind: 'absent' }),
      reverse: fc.boolean(),
    })
    .map(({ title, year, ids, aired, reverse }) => {
      const idsJson: JsonObject = {};
      put(idsJson, 'trakt', ids.trakt);
      put(idsJson, 'slug', ids.slug);
      if (ids.tvrage) idsJson['tvrage'] = null;
      put(idsJson, 'imdb', ids.imdb);
      put(idsJson, 'tmdb', ids.tmdb);
      put(idsJson, 'tvdb', ids.tvdb);
      if (ids.plex) idsJson['plex'] = { guid: '5d0cf2a27a3ac7615f2033bf', slug: 'plex-slug' };
      const json: JsonObject = { title };
      put(json, 'year', year);
      json['ids'] = ordered(idsJson, reverse);
      put(json, 'aired_episodes', aired);
      const expectedIds: TraktIds = {
        trakt: val(ids.trakt),
        slug: val(ids.slug),
        imdb: val(ids.imdb),
        tmdb: val(ids.tmdb),
        tvdb: val(ids.tvdb),
      };
      const expected: TraktMedia = { mediaType, title, year: val(year), ids: expectedIds, airedEpisodes: val(aired) };
      const breakable: Breakable[] = [
        { path: [key], kind: 'reqObj' },
        { path: [key, 'title'], kind: 'title' },
        { path: [key, 'year'], kind: 'optInt' },
        { path: [key, 'ids'], kind: 'reqObj' },
        ...(['trakt', 'tmdb', 'tvdb'] as const).map((k): Breakable => ({ path: [key, 'ids', k], kind: 'optInt' })),
        ...(['slug', 'imdb'] as const).map((k): Breakable => ({ path: [key, 'ids', k], kind: 'optStr' })),
        { path: [key, 'aired_episodes'], kind: 'optInt' },
      ];
      return { json: ordered(json, reverse), expected, breakable };
    });
}

/** A season or episode's own ids: absent, null, or an object whose trakt id may be null. */
const subIdsArb = opt(fc.record({ trakt: opt(idArb), tvdb: opt(idArb), imdb: opt(textArb) }));

function subIds(o: Opt<{ trakt: Opt<number>; tvdb: Opt<number>; imdb: Opt<string> }>): {
  json: Opt<JsonObject>;
  traktId: number | null;
} {
  if (o.kind !== 'value') return { json: o, traktId: null };
  const json: JsonObject = {};
  put(json, 'trakt', o.value.trakt);
  put(json, 'tvdb', o.value.tvdb);
  put(json, 'imdb', o.value.imdb);
  return { json: { kind: 'value', value: json }, traktId: val(o.value.trakt) };
}

function subIdsBreakable(prefix: string, ids: Opt<JsonObject>): Breakable[] {
  const out: Breakable[] = [{ path: [prefix, 'ids'], kind: 'optObj' }];
  if (ids.kind === 'value') out.push({ path: [prefix, 'ids', 'trakt'], kind: 'optInt' });
  return out;
}

interface EpisodeCase {
  json: JsonObject;
  season: number;
  number: number;
  traktId: number | null;
  breakable: Breakable[];
}

const episodeObjArb: fc.Arbitrary<EpisodeCase> = fc
  .record({ season: seasonArb, number: episodeArb, title: opt(textArb), ids: subIdsArb, reverse: fc.boolean() })
  .map(({ season, number, title, ids, reverse }) => {
    const sub = subIds(ids);
    const json: JsonObject = {};
    put(json, 'ids', sub.json);
    json['number'] = number;
    json['season'] = season;
    put(json, 'title', title);
    return {
      json: ordered(json, reverse),
      season,
      number,
      traktId: sub.traktId,
      breakable: [
        { path: ['episode'], kind: 'reqObj' },
        { path: ['episode', 'season'], kind: 'reqInt' },
        { path: ['episode', 'number'], kind: 'reqInt' },
        ...subIdsBreakable('episode', sub.json),
      ],
    };
  });

const actionArb = opt(fc.oneof(fc.constantFrom('scrobble', 'checkin', 'watch'), textArb));

/** One watched-history record, a show episode or a movie. */
export const historyArb: fc.Arbitrary<RecordCase<TraktPlay>> = fc
  .record({
    playId: idArb,
    watchedAt: timestampArb,
    action: actionArb,
    reverse: fc.boolean(),
    what: fc.oneof(
      fc.record({ type: fc.constant('movie' as const), media: mediaArb('movie', 'movie') }),
      fc.record({ type: fc.constant('episode' as const), media: mediaArb('show', 'show'), episode: episodeObjArb }),
    ),
  })
  .map(({ playId, watchedAt, action, reverse, what }) => {
    const json: JsonObject = { id: playId, watched_at: watchedAt.text };
    put(json, 'action', action);
    json['type'] = what.type;
    const breakable: Breakable[] = [
      { path: ['id'], kind: 'reqInt' },
      { path: ['type'], kind: 'enum' },
      { path: ['watched_at'], kind: 'reqTs' },
      { path: ['action'], kind: 'optStr' },
      ...what.media.breakable,
    ];
    const base = {
      playId,
      watchedAt: watchedAt.expected,
      action: val(action) ?? 'unknown',
      media: what.media.expected,
    };
    let expected: TraktPlay;
    if (what.type === 'movie') {
      json['movie'] = what.media.json;
      expected = { ...base, season: null, episode: null, episodeTraktId: null };
    } else {
      json['episode'] = what.episode.json;
      json['show'] = what.media.json;
      breakable.push(...what.episode.breakable);
      expected = {
        ...base,
        season: what.episode.season,
        episode: what.episode.number,
        episodeTraktId: what.episode.traktId,
      };
    }
    return { json: ordered(json, reverse), expected, key: String(playId), breakable };
  });

/** The key the parser gives a rated or watched object: its Trakt id, or its title, year, season and episode. */
export function expectedObjectKey(
  type: string,
  traktId: number | null,
  media: TraktMedia,
  season: number | null,
  episode: number | null,
): string {
  if (traktId !== null) return `${type}:${traktId}`;
  let key = `${type}:title:${media.title}`;
  if (media.year !== null) key += `:(${media.year})`;
  if (season !== null) key += `:s${season}`;
  if (episode !== null) key += `:e${episode}`;
  return key;
}

/** One ratings-*.json record: a movie, show, season or episode, rated 1–10. */
export const ratingArb: fc.Arbitrary<RecordCase<TraktRating>> = fc
  .record({
    kind: fc.constantFrom<RatingKind>('movie', 'show', 'season', 'episode'),
    rating: fc.integer({ min: 1, max: 10 }),
    ratedAt: opt(timestampArb),
    movie: mediaArb('movie', 'movie'),
    show: mediaArb('show', 'show'),
    season: fc.record({ number: seasonArb, ids: subIdsArb, aired: opt(fc.nat({ max: 100 })) }),
    episode: episodeObjArb,
    reverse: fc.boolean(),
  })
  .map(({ kind, rating, ratedAt, movie, show, season, episode, reverse }) => {
    const json: JsonObject = { type: kind };
    if (ratedAt.kind === 'null') json['rated_at'] = null;
    else if (ratedAt.kind === 'value') json['rated_at'] = ratedAt.value.text;
    json['rating'] = rating;
    const breakable: Breakable[] = [
      { path: ['type'], kind: 'enum' },
      { path: ['rating'], kind: 'rating' },
      { path: ['rated_at'], kind: 'optTs' },
    ];
    const ratedAtValue = ratedAt.kind === 'value' ? ratedAt.value.expected : null;
    let expected: TraktRating;
    if (kind === 'movie') {
      json['movie'] = movie.json;
      breakable.push(...movie.breakable);
      expected = {
        kind,
        rating,
        ratedAt: ratedAtValue,
        media: movie.expected,
        season: null,
        episode: null,
        objectTraktId: movie.expected.ids.trakt,
      };
    } else {
      json['show'] = show.json;
      breakable.push(...show.breakable);
      if (kind === 'show') {
        expected = {
          kind,
          rating,
          ratedAt: ratedAtValue,
          media: show.expected,
          season: null,
          episode: null,
          objectTraktId: show.expected.ids.trakt,
        };
      } else if (kind === 'season') {
        const sub = subIds(season.ids);
        const seasonJson: JsonObject = { number: season.number };
        put(seasonJson, 'ids', sub.json);
        put(seasonJson, 'aired_episodes', season.aired);
        json['season'] = seasonJson;
        breakable.push(
          { path: ['season'], kind: 'reqObj' },
          { path: ['season', 'number'], kind: 'reqInt' },
          ...subIdsBreakable('season', sub.json),
        );
        expected = {
          kind,
          rating,
          ratedAt: ratedAtValue,
          media: show.expected,
          season: season.number,
          episode: null,
          objectTraktId: sub.traktId,
        };
      } else {
        json['episode'] = episode.json;
        breakable.push(...episode.breakable);
        expected = {
          kind,
          rating,
          ratedAt: ratedAtValue,
          media: show.expected,
          season: episode.season,
          episode: episode.number,
          objectTraktId: episode.traktId,
        };
      }
    }
    const key = expectedObjectKey(kind, expected.objectTraktId, expected.media, expected.season, expected.episode);
    return { json: ordered(json, reverse), expected, key, breakable };
  });

/** One lists-watchlist.json item. */
export const watchlistArb: fc.Arbitrary<RecordCase<TraktWatchlistItem>> = fc
  .record({
    id: idArb,
    rank: opt(fc.nat({ max: 500 })),
    listedAt: opt(timestampArb),
    notes: opt(textArb),
    kind: fc.constantFrom<RatingKind>('movie', 'show', 'season', 'episode'),
    movie: mediaArb('movie', 'movie'),
    show: mediaArb('show', 'show'),
    reverse: fc.boolean(),
  })
  .map(({ id, rank, listedAt, notes, kind, movie, show, reverse }) => {
    const json: JsonObject = {};
    put(json, 'rank', rank);
    json['id'] = id;
    json['type'] = kind;
    if (listedAt.kind === 'null') json['listed_at'] = null;
    else if (listedAt.kind === 'value') json['listed_at'] = listedAt.value.text;
    put(json, 'notes', notes);
    json['my_rating'] = null;
    const media = kind === 'movie' ? movie : show;
    json[kind === 'movie' ? 'movie' : 'show'] = media.json;
    if (kind === 'season') json['season'] = { number: 1, ids: { trakt: 1 } };
    if (kind === 'episode') json['episode'] = { season: 1, number: 2, ids: { trakt: 3 } };
    const expected: TraktWatchlistItem = {
      listItemId: id,
      rank: val(rank),
      listedAt: listedAt.kind === 'value' ? listedAt.value.expected : null,
      notes: val(notes),
      kind,
      media: media.expected,
    };
    const breakable: Breakable[] = [
      { path: ['id'], kind: 'reqInt' },
      { path: ['type'], kind: 'enum' },
      { path: ['rank'], kind: 'optInt' },
      { path: ['listed_at'], kind: 'optTs' },
      { path: ['notes'], kind: 'optStr' },
      ...media.breakable,
    ];
    return { json: ordered(json, reverse), expected, key: String(id), breakable };
  });

/** One watched-shows.json / watched-movies.json record (no `type`: the media key says which). */
export const watchedArb: fc.Arbitrary<RecordCase<TraktWatchedSummary>> = fc
  .record({
    mediaType: fc.constantFrom<MediaType>('show', 'movie'),
    plays: fc.nat({ max: 5000 }),
    last: opt(timestampArb),
    movie: mediaArb('movie', 'movie'),
    show: mediaArb('show', 'show'),
    reverse: fc.boolean(),
  })
  .map(({ mediaType, plays, last, movie, show, reverse }) => {
    const json: JsonObject = { plays };
    if (last.kind === 'null') json['last_watched_at'] = null;
    else if (last.kind === 'value') json['last_watched_at'] = last.value.text;
    json['last_updated_at'] = '2025-01-18T16:28:35.000Z';
    const media = mediaType === 'movie' ? movie : show;
    json[mediaType] = media.json;
    if (mediaType === 'show')
      json['seasons'] = [{ number: 1, episodes: [{ number: 1, plays: 1, last_watched_at: null }] }];
    const expected: TraktWatchedSummary = {
      media: media.expected,
      plays,
      lastWatchedAt: last.kind === 'value' ? last.value.expected : null,
    };
    const breakable: Breakable[] = [
      { path: ['plays'], kind: 'reqInt' },
      { path: ['last_watched_at'], kind: 'optTs' },
      ...media.breakable.map((b): Breakable => (b.path.length === 1 ? { path: b.path, kind: 'watchedMedia' } : b)),
    ];
    const key = expectedObjectKey(mediaType, media.expected.ids.trakt, media.expected, null, null);
    return { json: ordered(json, reverse), expected, key, breakable };
  });

export const RECORD_ARBS: { readonly [S in TraktSection]: fc.Arbitrary<RecordCase<unknown>> } = {
  history: historyArb,
  ratings: ratingArb,
  watchlist: watchlistArb,
  watched: watchedArb,
};

// ---------- junk ----------

function mediaFields(key: string): string[] {
  return [
    key,
    `${key}.title`,
    `${key}.year`,
    `${key}.ids`,
    `${key}.ids.trakt`,
    `${key}.ids.slug`,
    `${key}.ids.imdb`,
    `${key}.ids.tmdb`,
    `${key}.ids.tvdb`,
    `${key}.aired_episodes`,
  ];
}
const EPISODE_FIELDS = ['episode', 'episode.season', 'episode.number', 'episode.ids', 'episode.ids.trakt'];

/** Every field name a skip may give, per section: what the parser reads, and nothing else. */
export const KNOWN_FIELDS: { readonly [S in TraktSection]: ReadonlySet<string> } = {
  history: new Set([
    '(record)',
    'id',
    'type',
    'watched_at',
    'action',
    ...mediaFields('movie'),
    ...mediaFields('show'),
    ...EPISODE_FIELDS,
  ]),
  ratings: new Set([
    '(record)',
    'type',
    'rating',
    'rated_at',
    ...mediaFields('movie'),
    ...mediaFields('show'),
    'season',
    'season.number',
    'season.ids',
    'season.ids.trakt',
    ...EPISODE_FIELDS,
  ]),
  watchlist: new Set([
    '(record)',
    'id',
    'type',
    'rank',
    'listed_at',
    'notes',
    ...mediaFields('movie'),
    ...mediaFields('show'),
  ]),
  watched: new Set([
    '(record)',
    'show|movie',
    'plays',
    'last_watched_at',
    ...mediaFields('movie'),
    ...mediaFields('show'),
  ]),
};

const TOP_KEYS = [
  'id',
  'type',
  'watched_at',
  'action',
  'movie',
  'show',
  'episode',
  'season',
  'rating',
  'rated_at',
  'rank',
  'listed_at',
  'notes',
  'plays',
  'last_watched_at',
];

/** Scalars and arrays: never an object, so the whole record is skipped as `(record)`. */
export const nonObjectJunkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, 1e308, HUGE, NEG_HUGE, '', '[]', '{}'),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  textArb,
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
);

/** Objects with the keys Trakt uses (and others) holding any JSON. */
export const objectJunkArb: fc.Arbitrary<JsonObject> = fc.dictionary(
  fc.oneof(fc.constantFrom(...TOP_KEYS), fc.string({ unit: 'binary', maxLength: 6 })),
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(HUGE, NEG_HUGE, 'episode', 'movie', 'show', '2024-01-01T00:00:00Z'),
  ),
  { maxKeys: 8 },
);
