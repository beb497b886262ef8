/**
 * Proves the fake AniList and Jikan servers answer like the real ones: shapes compared with the recorded bodies
 * in the shared reference folder, the error envelopes, the rate limits and every injected fault.
 *
 * The recorded bodies are read from ANIDEX_REFERENCE_DIR (default test/fixtures/reference, copied from shared/); the comparisons that
 * need them are skipped where that folder does not exist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getNamedType, GraphQLObjectType, parse } from 'graphql';
import {
  ANILIST_429_BODY,
  ANILIST_DISABLED_MESSAGE,
  ANILIST_SDL,
  queryComplexity,
  startFakeAniList,
  type FakeAniList,
} from './fakes/anilist-server.ts';
import { JIKAN_429_BODY, startFakeJikan, type FakeJikan } from './fakes/jikan-server.ts';
import { animeDb, SYNTHETIC_ANILIST_ID_BASE } from './fakes/anime-db.ts';

const REF = process.env.ANIDEX_REFERENCE_DIR ?? fileURLToPath(new URL('./fixtures/reference', import.meta.url));
const noRef = existsSync(REF) ? false : `reference folder ${REF} not found`;
const refText = (name: string): string => readFileSync(join(REF, name), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded JSON and answers are walked freely
type Json = any;
const ref = (name: string): Json => JSON.parse(refText(name));

const REFERER = { Referer: 'https://anidex.test/' };

async function gql(f: FakeAniList, query: string, variables?: object, headers: Record<string, string> = REFERER) {
  const res = await fetch(f.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as Json };
}
async function jget(f: FakeJikan, path: string) {
  const res = await fetch(f.url + path);
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as Json };
}

// --- shape helpers --------------------------------------------------------------------------------------------

/** Deep union of sample values: every key seen anywhere, arrays folded into one element. */
function merge(vals: unknown[]): unknown {
  const xs = vals.filter((v) => v !== null && v !== undefined);
  if (!xs.length) return null;
  if (xs.every(Array.isArray)) {
    const m = merge((xs as unknown[][]).flat());
    return m === null ? [] : [m];
  }
  if (typeof xs[0] !== 'object' || Array.isArray(xs[0])) return xs[0];
  const out: Record<string, unknown> = {};
  for (const x of xs as Record<string, unknown>[]) for (const k of Object.keys(x)) out[k] = undefined;
  for (const k of Object.keys(out)) out[k] = merge((xs as Record<string, unknown>[]).map((x) => x[k]));
  return out;
}
const kind = (v: unknown): string => (v === null || v === undefined ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** Same keys in the same order at every level, same value kinds; a null on either side matches anything (both have real nulls). */
function shapeDiff(ours: unknown, theirs: unknown, path = '$', out: string[] = []): string[] {
  const [a, b] = [merge([ours]), merge([theirs])];
  if (a === null || b === null) return out;
  if (kind(a) !== kind(b)) {
    out.push(`${path}: ${kind(a)} vs recorded ${kind(b)}`);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length && b.length) shapeDiff(a[0], b[0], `${path}[]`, out);
    return out;
  }
  if (kind(a) === 'object') {
    const [ka, kb] = [Object.keys(a as object), Object.keys(b as object)];
    if (ka.join() !== kb.join()) out.push(`${path}: keys ${ka.join()} vs recorded ${kb.join()}`);
    for (const k of kb) if (k in (a as object)) shapeDiff((a as Json)[k], (b as Json)[k], `${path}.${k}`, out);
  }
  return out;
}

const SCHEMA = buildSchema(ANILIST_SDL);
/** A GraphQL selection asking for exactly the fields a recorded body has. */
function selectionOf(sample: unknown, type: GraphQLObjectType, args: Record<string, string> = {}): string {
  const v = merge([sample]) as Record<string, unknown>;
  const fields = type.getFields();
  return `{ ${Object.keys(v)
    .map((k) => {
      const f = fields[k];
      assert.ok(f, `the schema subset has ${type.name}.${k}`);
      const named = getNamedType(f.type);
      const a = args[k] ?? '';
      if (!(named instanceof GraphQLObjectType)) return k + a;
      const child = Array.isArray(v[k]) ? (v[k] as unknown[])[0] : v[k];
      return `${k}${a} ${child ? selectionOf(child, named, args) : '{ __typename }'}`;
    })
    .join(' ')} }`;
}
const MEDIA = SCHEMA.getType('Media') as GraphQLObjectType;
const PAGE = SCHEMA.getType('Page') as GraphQLObjectType;

// --- AniList ------------------------------------------------------------------------------------------------

test(
  'AniList: Media(id) answers in the recorded shape of the 99426 record, with the catalogue values',
  { skip: noRef },
  async () => {
    const f = await startFakeAniList();
    try {
      const recorded = ref('anilist__media_by_id_99426_full.json');
      const { res, body } = await gql(f, `{ Media(id: 99426) ${selectionOf(recorded.data.Media, MEDIA)} }`);
      assert.equal(res.status, 200);
      assert.deepEqual(shapeDiff(body, recorded), []);
      const m = body.data.Media;
      assert.equal(m.idMal, 35839);
      assert.deepEqual(m.title, {
        romaji: 'Sora yori mo Tooi Basho',
        english: 'A Place Further Than the Universe',
        native: '宇宙よりも遠い場所',
      });
      assert.equal(m.duration, 24);
      assert.equal(m.siteUrl, 'https://anilist.co/anime/99426');
      assert.ok(
        m.externalLinks.some((l: Json) => l.type === 'STREAMING'),
        'a streaming link',
      );
      assert.ok(
        m.tags.every((t: Json, i: number) => i === 0 || m.tags[i - 1].rank >= t.rank),
        'tags sorted by rank',
      );
    } finally {
      await f.close();
    }
  },
);

test(
  'AniList: relations chain SEQUEL/PREQUEL and carry a MANGA ADAPTATION node, like the real AoT record',
  { skip: noRef },
  async () => {
    const f = await startFakeAniList();
    try {
      const recorded = ref('anilist__relations_16498.json');
      const q = (id: number) => `{ Media(id: ${id}) ${selectionOf(recorded.data.Media, MEDIA)} }`;
      const { body } = await gql(f, q(16498));
      assert.deepEqual(shapeDiff(body, recorded), []);
      const edges = body.data.Media.relations.edges.map((e: Json) => `${e.relationType} ${e.node.type} ${e.node.id}`);
      assert.ok(edges.includes('SEQUEL ANIME 20958') && edges.includes('ADAPTATION MANGA 53390'), edges.join());
      const s2 = (await gql(f, q(20958))).body.data.Media.relations.edges.map(
        (e: Json) => `${e.relationType} ${e.node.id}`,
      );
      assert.ok(s2.includes('PREQUEL 16498') && s2.includes('SEQUEL 99147'), s2.join());
      // relationType(version: 2) calls the anime→manga link SOURCE
      const v2 = await gql(
        f,
        '{ Media(id: 16498) { relations { edges { relationType(version: 2) node { type } } } } }',
      );
      assert.ok(
        v2.body.data.Media.relations.edges.some((e: Json) => e.relationType === 'SOURCE' && e.node.type === 'MANGA'),
      );
    } finally {
      await f.close();
    }
  },
);

test(
  'AniList: recommendations keep the real oddities (a null mediaRecommendation, a rating of 0) and cap perPage at 25',
  { skip: noRef },
  async () => {
    const f = await startFakeAniList();
    try {
      const recorded = ref('anilist__recommendations_20889_with_null.json');
      const sel = selectionOf(recorded.data.Media, MEDIA, { recommendations: '(sort: [RATING_DESC], perPage: 100)' });
      for (const malId of animeDb().oddRecommendationMalIds) {
        const { body } = await gql(f, `query ($m: Int) { Media(idMal: $m, type: ANIME) ${sel} }`, { m: malId });
        assert.deepEqual(shapeDiff(body, recorded), []);
        const nodes = body.data.Media.recommendations.nodes;
        assert.ok(nodes.length > 0 && nodes.length <= 25);
        assert.ok(
          nodes.some((n: Json) => n.mediaRecommendation === null),
          'one deleted recommendation',
        );
        assert.ok(
          nodes.some((n: Json) => n.rating === 0 && n.mediaRecommendation),
          'one rated 0',
        );
        assert.deepEqual(
          nodes.map((n: Json) => n.rating),
          [...nodes.map((n: Json) => n.rating)].sort((a, b) => b - a),
        );
      }
    } finally {
      await f.close();
    }
  },
);

test('AniList: studios edges as recorded; isMain: true drops producers and licensors', { skip: noRef }, async () => {
  const f = await startFakeAniList();
  try {
    const recorded = ref('anilist__studios_99426_edges.json');
    const all = await gql(
      f,
      `{ Media(id: 99426) ${selectionOf(recorded.data.Media, MEDIA, { studios: '(sort: [ID])' })} }`,
    );
    assert.deepEqual(shapeDiff(all.body, recorded), []);
    const main = await gql(
      f,
      '{ Media(id: 99426) { studios(isMain: true) { edges { isMain node { name isAnimationStudio } } } } }',
    );
    assert.deepEqual(main.body.data.Media.studios.edges, [
      { isMain: true, node: { name: 'MADHOUSE', isAnimationStudio: true } },
    ]);
    assert.ok(all.body.data.Media.studios.edges.length > 1, 'non-main companies without isMain');
  } finally {
    await f.close();
  }
});

test(
  'AniList: Page search has the recorded shape; type filter; SEARCH_MATCH relevance; decoys come back',
  { skip: noRef },
  async () => {
    const f = await startFakeAniList();
    try {
      const recorded = ref('anilist__page_search_fate_page2.json');
      const sel = selectionOf(recorded.data.Page, PAGE, { media: '(search: $s, type: $t, sort: $sort)' });
      const q = `query ($s: String, $t: MediaType, $sort: [MediaSort]) { Page(page: 1, perPage: 50) ${sel} }`;
      const any = await gql(f, q, { s: 'Attack on Titan' });
      assert.deepEqual(shapeDiff(any.body, recorded), []);
      assert.ok(
        any.body.data.Page.media.some((m: Json) => m.type === 'MANGA'),
        'without type, manga come back too',
      );
      const anime = await gql(f, q, { s: 'attack on titan', t: 'ANIME', sort: ['SEARCH_MATCH'] });
      const ids = anime.body.data.Page.media.map((m: Json) => m.id);
      assert.equal(ids[0], 16498);
      assert.ok(anime.body.data.Page.media.every((m: Json) => m.type === 'ANIME'));
      assert.ok(ids.includes(20958) && ids.includes(99147), 'seasons 2 and 3 match too');

      const light =
        'query ($s: String) { Page(page: 1, perPage: 5) { media(search: $s, type: ANIME, sort: [SEARCH_MATCH]) { idMal format seasonYear title { romaji english } } } }';
      const first = async (s: string) => (await gql(f, light, { s })).body.data.Page.media;
      assert.equal((await first('Pokémon Detective Pikachu'))[0].idMal, 527, 'the Pokémon TV decoy');
      assert.deepEqual(
        (await first('Fruits Basket')).slice(0, 1).map((m: Json) => m.idMal),
        [120],
        'the 2001 series first, for a 2019 Trakt title',
      );
      assert.ok(
        (await first('FRIEREN — beyond journeys end'))[0].idMal === 52991,
        'case, punctuation and apostrophes ignored',
      );
      assert.ok(
        (await first('Hunter x Hunter')).some((m: Json) => m.idMal === 13271),
        'Phantom Rouge decoy',
      );
      assert.equal((await first('Yorimoi'))[0].idMal, 35839, 'synonyms are searched');
      assert.equal((await first('葬送のフリーレン'))[0].idMal, 52991, 'native titles are searched');
    } finally {
      await f.close();
    }
  },
);

test(
  'AniList: Page id_in of unknown ids is [] in every alias, byte for byte as recorded',
  { skip: noRef },
  async () => {
    const f = await startFakeAniList();
    try {
      const page = (n: number) =>
        `page${n}: Page(page: 1, perPage: 50) { pageInfo { hasNextPage } media(id_in: $ids) { id } }`;
      const { res, text } = await gql(f, `query ($ids: [Int]) { ${[1, 2, 3, 4].map(page).join(' ')} }`, {
        ids: [1111111, 2222222],
      });
      assert.equal(res.status, 200);
      assert.equal(text, refText('anilist__page_4aliases_id_in_empty.json'));
    } finally {
      await f.close();
    }
  },
);

test('AniList: perPage is capped at 50, hasNextPage means "this page is full", id_in/idMal_in batch lookups', async () => {
  const f = await startFakeAniList();
  try {
    const big = await gql(
      f,
      '{ Page(page: 1, perPage: 500) { pageInfo { perPage hasNextPage } media(type: ANIME) { id } } }',
    );
    assert.equal(big.body.data.Page.pageInfo.perPage, 50);
    assert.equal(big.body.data.Page.media.length, 50);
    assert.equal(big.body.data.Page.pageInfo.hasNextPage, true);
    const ids = [...animeDb().animeByMalId.values()].slice(0, 10).map((m) => m.id);
    const exact = await gql(
      f,
      'query ($ids: [Int]) { Page(perPage: 5, page: 2) { pageInfo { hasNextPage } media(id_in: $ids) { id } } }',
      { ids },
    );
    assert.equal(exact.body.data.Page.media.length, 5);
    assert.equal(exact.body.data.Page.pageInfo.hasNextPage, true, 'an exactly-full last page still says true');
    const past = await gql(
      f,
      'query ($ids: [Int]) { Page(perPage: 5, page: 3) { pageInfo { hasNextPage } media(id_in: $ids) { id } } }',
      { ids },
    );
    assert.deepEqual(past.body.data.Page, { pageInfo: { hasNextPage: false }, media: [] });
    // id_in order is not kept (§4.2); synthetic ids for entries without an AniList id
    const mal = await gql(
      f,
      '{ Page(perPage: 50) { media(idMal_in: [21939, 457, 999999], type: ANIME, sort: [ID]) { id idMal } } }',
    );
    assert.deepEqual(mal.body.data.Page.media, [
      { id: 457, idMal: 457 },
      { id: SYNTHETIC_ANILIST_ID_BASE + 21939, idMal: 21939 },
    ]);
  } finally {
    await f.close();
  }
});

test(
  'AniList: a Media miss is HTTP 404 "Not Found." that nulls every root alias; type: ANIME is respected',
  { skip: noRef },
  async () => {
    const f = await startFakeAniList();
    try {
      const recorded = ref('anilist__error_404_media_not_found.json');
      const miss = await gql(f, 'query ($id: Int) {\n  Media(id: $id) { id }\n}', { id: 0 });
      assert.equal(miss.res.status, 404);
      assert.deepEqual(Object.keys(miss.body), Object.keys(recorded)); // errors first, then data
      assert.deepEqual(miss.body, {
        errors: [{ message: 'Not Found.', status: 404, locations: [{ line: 2, column: 3 }] }],
        data: { Media: null },
      });
      const two = await gql(f, '{ bebop: Media(id: 1) { id } dead: Media(id: 987654321) { id } }');
      assert.equal(two.res.status, 404);
      assert.deepEqual(two.body.data, { bebop: null, dead: null }, 'Cowboy Bebop is nulled too');
      assert.equal(
        (await gql(f, '{ Media(id: 53390, type: ANIME) { id } }')).res.status,
        404,
        'a manga id with type ANIME',
      );
      // MAL ids collide between anime and manga: 21 is ONE PIECE (anime) and DEATH NOTE (manga)
      assert.equal(
        (await gql(f, '{ Media(idMal: 21, type: ANIME) { title { romaji } } }')).body.data.Media.title.romaji,
        'ONE PIECE',
      );
      assert.equal(
        (await gql(f, '{ Media(idMal: 21, type: MANGA) { title { romaji } } }')).body.data.Media.title.romaji,
        'DEATH NOTE',
      );
      assert.equal((await gql(f, '{ Media(search: "Pokemon", type: ANIME) { idMal } }')).body.data.Media.idMal, 527);
    } finally {
      await f.close();
    }
  },
);

test('AniList: validation, empty and batched bodies are 400 in the AniList envelope', async () => {
  const f = await startFakeAniList();
  try {
    const bad = await gql(f, '{ ThisFieldDoesNotExist }');
    assert.equal(bad.res.status, 400);
    assert.deepEqual(bad.body, {
      errors: [
        {
          message: 'Cannot query field "ThisFieldDoesNotExist" on type "Query".',
          status: 400,
          locations: [{ line: 1, column: 3 }],
        },
      ],
      data: null,
    });
    const badEnum = await gql(f, '{ Page { media(format: FOO) { id } } }');
    assert.equal(badEnum.res.status, 400);
    assert.equal(badEnum.body.errors[0].status, 400);
    const badVar = await gql(f, 'query ($id: Int) { Media(id: $id) { id } }', { id: 'abc' });
    assert.equal(badVar.res.status, 400);
    assert.match(badVar.body.errors[0].message, /Variable "\$id" got invalid value "abc"/);
    for (const body of ['', '[{"query":"{ GenreCollection }"}]', '{"variables":{}}']) {
      const res = await fetch(f.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...REFERER },
        body,
      });
      const json = (await res.json()) as Json;
      assert.equal(res.status, 400);
      assert.match(json.errors[0].message, /^No query or mutation provided/);
      assert.equal(json.data, null);
    }
  } finally {
    await f.close();
  }
});

test('AniList: complexity over 500 is a 400 "Max query complexity should be 500 but got N." with no data', async () => {
  const f = await startFakeAniList();
  try {
    const fields =
      'id idMal format episodes duration seasonYear genres synonyms title { romaji english native } startDate { year month day }';
    const per = 1 + 8 + 4 + 4; // the alias itself, 8 leaves, title+3, startDate+3
    const ok = `{ ${Array.from({ length: 29 }, (_, i) => `m${i}: Media(id: 1) { ${fields} }`).join(' ')} }`;
    assert.equal(queryComplexity(parse(ok)), 29 * per);
    assert.equal((await gql(f, ok)).res.status, 200);
    // fragments are expanded where used
    const over = `query { ${Array.from({ length: 30 }, (_, i) => `m${i}: Media(id: 1) { ...F }`).join(' ')} } fragment F on Media { ${fields} }`;
    const r = await gql(f, over);
    assert.equal(r.res.status, 400);
    assert.deepEqual(r.body, {
      errors: [{ message: `Max query complexity should be 500 but got ${30 * per}.`, status: 400 }],
      data: null,
    });
  } finally {
    await f.close();
  }
});

test('AniList: no Referer → 403 "temporarily disabled" (and no rate slot used); every 200 carries the headers', async () => {
  const f = await startFakeAniList({ limitPerMinute: 3, windowMs: 60_000 });
  try {
    const denied = await gql(f, '{ GenreCollection }', undefined, {});
    assert.equal(denied.res.status, 403);
    assert.deepEqual(denied.body, {
      errors: [{ message: ANILIST_DISABLED_MESSAGE, status: 403, locations: [{ line: 1, column: 1 }] }],
      data: null,
    });
    const ok = await gql(f, '{ GenreCollection }');
    assert.equal(ok.res.status, 200);
    assert.equal(ok.body.data.GenreCollection.length, 19);
    assert.equal(ok.res.headers.get('content-type'), 'application/json');
    assert.equal(ok.res.headers.get('cache-control'), 'no-cache, private');
    assert.equal(ok.res.headers.get('x-ratelimit-limit'), '3');
    assert.equal(ok.res.headers.get('x-ratelimit-remaining'), '2', 'the 403 did not cost a slot');
    f.setRequireReferer(false);
    assert.equal((await gql(f, '{ GenreCollection }', undefined, {})).res.status, 200);
    // PHP-style escaping: slashes and non-ASCII
    const esc = await gql(f, '{ Media(id: 99426) { siteUrl title { native } } }');
    assert.ok(
      esc.text.includes('https:\\/\\/anilist.co\\/anime\\/99426') && esc.text.includes('\\u5b87\\u5b99'),
      esc.text,
    );
  } finally {
    await f.close();
  }
});

test('AniList: sliding-window rate limit answers the exact recorded 429 with Retry-After and X-RateLimit-*', async () => {
  const f = await startFakeAniList({ limitPerMinute: 2, windowMs: 800 });
  try {
    const q = '{ GenreCollection }';
    const t0 = Date.now();
    assert.equal((await gql(f, q)).res.headers.get('x-ratelimit-remaining'), '1');
    const t1 = Date.now(); // the first hit was recorded between t0 and t1
    await sleep(400);
    assert.equal((await gql(f, q)).res.headers.get('x-ratelimit-remaining'), '0');
    const limited = await fetch(f.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...REFERER },
      body: JSON.stringify({ query: q }),
    });
    assert.equal(limited.status, 429);
    assert.equal(await limited.text(), ANILIST_429_BODY);
    assert.equal(Buffer.byteLength(ANILIST_429_BODY), 74);
    if (!noRef) assert.equal(ANILIST_429_BODY, refText('anilist__error_429_too_many_requests.json'));
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal(limited.headers.get('x-ratelimit-limit'), '2');
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    assert.ok(reset >= Math.floor((t0 + 800) / 1000) && reset <= Math.ceil((t1 + 800) / 1000), `reset ${reset}`);
    // Sliding: once the first hit is 800 ms old exactly one slot is back, not the whole window.
    await sleep(Math.max(0, t1 + 810 - Date.now()));
    assert.equal((await gql(f, q)).res.status, 200);
    assert.equal((await gql(f, q)).res.status, 429, 'the second hit is still inside the window');
    assert.equal(f.rateLimited, 2);
    // the recorded edge variant has only Retry-After; lying headers advertise 90
    const g = await startFakeAniList({ limitPerMinute: 1, headers429: 'recorded', advertisedLimit: 90 });
    try {
      assert.equal((await gql(g, q)).res.headers.get('x-ratelimit-limit'), '90');
      const r = await fetch(g.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...REFERER },
        body: JSON.stringify({ query: q }),
      });
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '60');
      assert.equal(r.headers.get('x-ratelimit-limit'), null);
    } finally {
      await g.close();
    }
  } finally {
    await f.close();
  }
});

test('AniList: injected faults (latency, 500 JSON, 502 HTML, reset, hang, malformed, truncated, 200 with errors, 429)', async () => {
  const f = await startFakeAniList();
  const q = '{ Media(id: 1) { id title { romaji } } }';
  const call = () =>
    fetch(f.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...REFERER },
      body: JSON.stringify({ query: q }),
      signal: AbortSignal.timeout(1500),
    });
  try {
    f.inject({ kind: 'latency', ms: 150 });
    let t = Date.now();
    assert.equal((await call()).status, 200);
    assert.ok(Date.now() - t >= 140);

    f.inject({ kind: 'http', status: 500 }, 2);
    for (let i = 0; i < 2; i++) {
      const r = await call();
      assert.equal(r.status, 500);
      assert.deepEqual(await r.json(), { errors: [{ message: 'Internal Server Error', status: 500 }], data: null });
    }
    assert.equal((await call()).status, 200, 'back to normal after N');

    f.inject({ kind: 'http', status: 502 });
    const html = await call();
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await html.text(), /<title>graphql\.anilist\.co \| 502: Bad gateway<\/title>/);

    f.inject('reset');
    await assert.rejects(call(), /fetch failed/);

    f.inject('hang');
    t = Date.now();
    await assert.rejects(
      fetch(f.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...REFERER },
        body: JSON.stringify({ query: q }),
        signal: AbortSignal.timeout(200),
      }),
      { name: 'TimeoutError' },
    );
    assert.ok(Date.now() - t < 1000);

    f.inject('malformed');
    const mal = await call();
    assert.equal(mal.status, 200);
    await assert.rejects(mal.json(), SyntaxError);

    f.inject('truncated');
    await assert.rejects(async () => {
      const r = await call();
      await r.text();
    });

    f.inject({ kind: 'errors200', message: 'Internal Server Error' });
    const e200 = await call();
    assert.equal(e200.status, 200);
    const e200body = (await e200.json()) as Json;
    assert.equal(e200body.errors[0].message, 'Internal Server Error');
    assert.equal(e200body.data.Media.id, 1);

    f.inject({ kind: 'rateLimited', retryAfter: 7 });
    const rl = await call();
    assert.equal(rl.status, 429);
    assert.equal(rl.headers.get('retry-after'), '7');
    assert.equal(await rl.text(), ANILIST_429_BODY);

    // per-request decisions
    f.setFaultFn((r) => ((r.json as Json)?.variables?.fail ? { kind: 'http', status: 503, body: 'json' } : null));
    const pick = await fetch(f.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...REFERER },
      body: JSON.stringify({ query: q, variables: { fail: true } }),
    });
    assert.equal(pick.status, 503);
    assert.equal((await call()).status, 200);
    f.clearFaults();

    assert.equal(f.faultsServed, 11);
    assert.equal(f.pendingFaults, 0);
    const last = f.log.at(-1)!;
    assert.equal(last.headers.referer, REFERER.Referer);
    assert.equal((last.json as Json).query, q);
    assert.equal(f.log.filter((e) => e.fault === 'reset').length, 1);
    assert.equal(f.requests, f.log.length);
  } finally {
    await f.close();
  }
});

// --- Jikan --------------------------------------------------------------------------------------------------

test(
  'Jikan: /anime/{id}/full and /anime/{id} have the recorded keys in the recorded order',
  { skip: noRef },
  async () => {
    const f = await startFakeJikan({ rateLimits: false });
    try {
      const full = await jget(f, '/v4/anime/6/full');
      assert.equal(full.res.status, 200);
      assert.equal(full.res.headers.get('content-type'), 'application/json');
      assert.deepEqual(shapeDiff(full.body, ref('jikan__anime_full_6_trigun.json')), []);
      assert.equal(full.body.data.title_english, 'Trigun');
      assert.deepEqual(full.body.data.relations.find((r: Json) => r.relation === 'Adaptation').entry[0], {
        mal_id: 703,
        type: 'manga',
        name: 'Trigun',
        url: 'https://myanimelist.net/manga/703/Trigun',
      });
      assert.ok(full.text.includes('https:\\/\\/myanimelist.net'), 'PHP-escaped slashes');
      const base = await jget(f, '/v4/anime/457');
      assert.deepEqual(shapeDiff(base.body, ref('jikan__anime_457.json')), []);
      assert.equal(base.body.data.duration, '25 min per ep');
      assert.equal('relations' in base.body.data, false);
      assert.match(base.res.headers.get('x-request-fingerprint') ?? '', /^request:anime:[0-9a-f]{40}$/);
      const movie = (await jget(f, '/v4/anime/47')).body.data;
      assert.equal(movie.type, 'Movie');
      assert.equal(movie.duration, '2 hr 4 min');
      assert.equal(movie.year, null, 'null for non-TV entries');
    } finally {
      await f.close();
    }
  },
);

test(
  'Jikan: search has the recorded pagination, matches titles fuzzily, filters by type and validates limit',
  { skip: noRef },
  async () => {
    const f = await startFakeJikan({ rateLimits: false });
    try {
      const recorded = ref('jikan__anime_search_naruto_limit10.json');
      const s = await jget(f, '/v4/anime?q=hellsing&limit=2');
      assert.deepEqual(shapeDiff(s.body, recorded), []);
      assert.deepEqual(s.body.pagination, {
        last_visible_page: 2,
        has_next_page: true,
        current_page: 1,
        items: { count: 2, total: 3, per_page: 2 },
      });
      assert.equal(s.body.data[0].mal_id, 270);
      assert.equal(s.res.headers.get('cache-control'), 'private, must-revalidate');
      const ova = await jget(f, '/v4/anime?q=HELLSING&type=ova');
      assert.deepEqual(
        ova.body.data.map((a: Json) => a.mal_id).sort((a: number, b: number) => a - b),
        [777, 10086],
      );
      const p2 = await jget(f, '/v4/anime?q=hellsing&limit=2&page=2');
      assert.deepEqual(p2.body.pagination.items, { count: 1, total: 3, per_page: 2 });
      assert.equal(p2.body.pagination.has_next_page, false);
      assert.equal((await jget(f, '/v4/anime?q=frieren%20beyond%20journey%27s%20end')).body.data[0].mal_id, 52991);
      const tooMany = await jget(f, '/v4/anime?q=x&limit=30');
      assert.equal(tooMany.res.status, 400);
      assert.deepEqual(tooMany.body.messages, { limit: ["Value 30 is higher than the configured '25' max value."] });
      assert.equal(tooMany.body.type, 'ValidationException');
      assert.equal((await jget(f, '/v4/anime?type=tvv')).res.status, 400);
    } finally {
      await f.close();
    }
  },
);

test('Jikan: recommendations and relations in the recorded shapes', { skip: noRef }, async () => {
  const f = await startFakeJikan({ rateLimits: false });
  try {
    const recs = await jget(f, '/v4/anime/1535/recommendations');
    assert.deepEqual(shapeDiff(recs.body, ref('jikan__anime_recommendations_11757_trimmed.json')), []);
    assert.equal('pagination' in recs.body, false);
    const votes = recs.body.data.map((r: Json) => r.votes);
    assert.deepEqual(
      votes,
      [...votes].sort((a, b) => b - a),
    );
    for (const r of recs.body.data) {
      const [a, b] = [1535, r.entry.mal_id].sort((x, y) => x - y);
      assert.equal(r.url, `https://myanimelist.net/recommendations/anime/${a}-${b}`);
      assert.match(r.entry.images.jpg.image_url, /\?s=[0-9a-f]{32}$/);
    }
    const rel = await jget(f, '/v4/anime/16498/relations');
    assert.deepEqual(shapeDiff(rel.body, ref('jikan__anime_relations_11757.json')), []);
    assert.deepEqual(rel.body.data.map((r: Json) => r.relation).sort(), ['Adaptation', 'Sequel']);
    assert.deepEqual(shapeDiff(rel.body.data, (await jget(f, '/v4/anime/16498/full')).body.data.relations), []);
  } finally {
    await f.close();
  }
});

test('Jikan: 404 bodies for an unknown id and an unmatched route', { skip: noRef }, async () => {
  const f = await startFakeJikan({ rateLimits: false });
  try {
    const unknown = await jget(f, '/v4/anime/2');
    assert.equal(unknown.res.status, 404);
    assert.deepEqual(unknown.body, ref('jikan__error_404_badresponse.json'));
    assert.equal(unknown.res.headers.get('cache-control'), 'no-cache, private');
    for (const path of ['/v4/anime/-1', '/v4/anime/abc', '/v4/manga/1', '/v4/anime/6/characters']) {
      const r = await jget(f, path);
      assert.equal(r.res.status, 404, path);
      assert.equal(r.text, refText('jikan__error_404_httpexception.json'));
    }
    assert.equal((await jget(f, '/v4/anime/23390')).res.status, 404, 'a manga MAL id is not an anime');
  } finally {
    await f.close();
  }
});

test('Jikan: per-second and per-minute sliding limits answer the gateway 429 body byte for byte', async () => {
  const f = await startFakeJikan({
    rateLimits: [
      { limit: 2, windowMs: 600 },
      { limit: 3, windowMs: 10_000 },
    ],
  });
  try {
    if (!noRef) assert.equal(JIKAN_429_BODY, refText('jikan__error_429_ratelimit.json'));
    assert.equal((await jget(f, '/v4/anime/1')).res.status, 200);
    assert.equal((await jget(f, '/v4/anime/1')).res.status, 200);
    const burst = await fetch(`${f.url}/v4/anime/1`);
    assert.equal(burst.status, 429);
    assert.equal(await burst.text(), JIKAN_429_BODY);
    assert.equal(burst.headers.get('retry-after'), null, 'Jikan sends no Retry-After');
    await sleep(620);
    assert.equal((await jget(f, '/v4/anime/1')).res.status, 200, 'the short window freed its slots');
    assert.equal((await fetch(`${f.url}/v4/anime/1`)).status, 429, 'the short window has room, the long one is full');
    assert.equal(f.rateLimited, 2);
    // defaults: 3 per second
    const d = await startFakeJikan();
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${d.url}/v4/anime/1`)).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
    } finally {
      await d.close();
    }
  } finally {
    await f.close();
  }
});

test('Jikan: injected faults (504 JSON, 502 nginx HTML, MAL 429, reset, hang, malformed, 200 without data)', async () => {
  const f = await startFakeJikan({ rateLimits: false });
  const call = (ms = 1500) => fetch(`${f.url}/v4/anime/1`, { signal: AbortSignal.timeout(ms) });
  try {
    f.inject({ kind: 'http', status: 504 });
    const gw = await call();
    assert.equal(gw.status, 504);
    assert.equal(((await gw.json()) as Json).type, 'BadResponseException');
    f.inject({ kind: 'http', status: 502 });
    const html = await call();
    assert.equal(html.status, 502);
    assert.match(await html.text(), /<h1>502 Bad Gateway<\/h1>/);
    f.inject({ kind: 'http', status: 429 });
    const mal = await call();
    assert.equal(mal.status, 429);
    assert.equal(((await mal.json()) as Json).message, 'Jikan is being rate limited by MyAnimeList.');
    f.inject('reset');
    await assert.rejects(call(), /fetch failed/);
    f.inject('hang');
    await assert.rejects(call(150), { name: 'TimeoutError' });
    f.inject('malformed');
    await assert.rejects((await call()).json(), SyntaxError);
    f.inject('errors200');
    const odd = await call();
    assert.equal(odd.status, 200);
    assert.equal('data' in ((await odd.json()) as Json), false);
    f.setLatency(100);
    const t = Date.now();
    assert.equal((await call()).status, 200);
    assert.ok(Date.now() - t >= 90);
    assert.equal(f.faultsServed, 7);
    assert.deepEqual(f.byStatus, { 200: 3, 429: 1, 502: 1, 504: 1 });
  } finally {
    await f.close();
  }
});

test('anime-db: synthetic ids, decoys and the manga entry', () => {
  const db = animeDb();
  for (const m of db.animeByMalId.values())
    assert.ok(m.id < SYNTHETIC_ANILIST_ID_BASE || m.id === SYNTHETIC_ANILIST_ID_BASE + (m.idMal as number));
  assert.equal(db.animeByMalId.get(21939)?.id, 921939);
  for (const id of db.decoyMalIds) assert.ok(db.jikanFull.has(id) && db.animeByMalId.has(id), String(id));
  const manga = db.media.filter((m) => m.type === 'MANGA');
  assert.ok(manga.some((m) => m.title.english === 'Attack on Titan'));
  assert.ok(
    db.media.some((m) => m.idMal === null),
    'an AniList-only entry',
  );
  assert.equal(db.jikanFull.size, db.animeByMalId.size);
});
