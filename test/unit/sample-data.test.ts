/**
 * Checks the committed sample data (data/sample/) against its catalogue (scripts/sample/catalog.ts) and against the
 * rules of a real Trakt export. Regenerate with `node --import tsx scripts/make-sample.ts` when these fail after a
 * catalogue change.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';
import { CATALOGUE, FIRST_EXPORT, LATER_EXPORT, SAMPLE_USERNAME } from '../../scripts/sample/catalog.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SAMPLE = path.join(ROOT, 'data', 'sample');
const NBSP_TITLE = 'A Quiet Place:\u00a0Day One';

type Json = Record<string, unknown>;
interface Export {
  name: string;
  texts: Map<string, string>;
  history: Json[];
  pages: number[];
}

function readFolder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) out.set(name, readFileSync(path.join(dir, name), 'utf8'));
  return out;
}

async function readZip(file: string): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(readFileSync(file), { lazyEntries: true });
  const out = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
  }
  return out;
}

function toExport(name: string, texts: Map<string, string>): Export {
  const pages = [...texts.keys()]
    .map((f) => /^watched-history-(\d+)\.json$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const history: Json[] = [];
  for (const n of pages) history.push(...(JSON.parse(texts.get(`watched-history-${n}.json`)!) as Json[]));
  return { name, texts, history, pages };
}

const parse = (ex: Export, file: string): unknown => {
  const text = ex.texts.get(file);
  assert.ok(text !== undefined, `${ex.name}: ${file} is missing`);
  return JSON.parse(text);
};
const mediaOf = (r: Json): Json => (r.show ?? r.movie) as Json;
const idsOf = (r: Json): Json => mediaOf(r).ids as Json;
const traktOf = (r: Json): number => idsOf(r).trakt as number;

let first: Export;
let later: Export;

before(async () => {
  first = toExport(FIRST_EXPORT.name, readFolder(path.join(SAMPLE, FIRST_EXPORT.name)));
  const zipped = await readZip(path.join(SAMPLE, `${LATER_EXPORT.name}.zip`));
  for (const name of zipped.keys())
    assert.ok(name.startsWith(`${LATER_EXPORT.name}/`), `zip entry ${name} is not inside the folder`);
  later = toExport(LATER_EXPORT.name, new Map([...zipped].map(([k, v]) => [k.slice(LATER_EXPORT.name.length + 1), v])));
});

describe('catalogue', () => {
  test('has at least 80 anime and 15 other titles, with unique keys and ids', () => {
    const anime = CATALOGUE.filter((e) => e.anime);
    assert.ok(anime.length >= 80, `only ${anime.length} anime`);
    assert.ok(CATALOGUE.length - anime.length >= 15);
    assert.equal(new Set(CATALOGUE.map((e) => e.key)).size, CATALOGUE.length);
    const traktIds = CATALOGUE.map((e) => `${e.trakt.mediaType}:${e.trakt.traktId}`);
    assert.equal(new Set(traktIds).size, traktIds.length, 'duplicate Trakt ids');
    const malIds = CATALOGUE.flatMap((e) => e.mal.map((m) => m.malId));
    assert.equal(new Set(malIds).size, malIds.length, 'duplicate MAL ids');
    for (const e of CATALOGUE) {
      assert.equal(e.anime, e.mal.length > 0, `${e.key}: anime titles list their MAL entries, others none`);
      if (e.trakt.mediaType === 'show') {
        const sum = (e.trakt.seasons ?? []).reduce((a, b) => a + b, 0);
        assert.ok(sum > 0, `${e.key}: no seasons`);
      }
      for (const m of e.mal) {
        assert.ok(m.genres.length > 0 && m.tags.length >= 2 && m.studios.length > 0, `${e.key}/${m.malId}: thin entry`);
      }
    }
  });

  test('holds the matcher cases', () => {
    const byMal = (id: number) => CATALOGUE.find((e) => e.mal.some((m) => m.malId === id));
    for (const id of [136, 11061, 120, 38680, 270, 777, 121, 5114, 2167, 1723, 457, 4081, 52991])
      assert.ok(byMal(id), `MAL ${id} missing`);
    assert.equal(byMal(2167)?.trakt.title, byMal(1723)?.trakt.title, 'Clannad series and film share a title');
    assert.ok(CATALOGUE.some((e) => e.trakt.title === NBSP_TITLE && !e.anime));
    assert.ok(
      CATALOGUE.some((e) => e.anime && e.mal.every((m) => m.english === null)),
      'a title with no English name',
    );
    assert.ok(CATALOGUE.filter((e) => e.anime && e.mal.length >= 3).length >= 4, 'multi-season shows');
  });
});

for (const which of ['first', 'later'] as const) {
  describe(`${which} export`, () => {
    const ex = () => (which === 'first' ? first : later);

    test('history pages: numbered from 1, at most 1000 records, at least 3 pages, newest first', () => {
      const { pages, history, texts } = ex();
      assert.deepEqual(
        pages,
        pages.map((_, i) => i + 1),
      );
      assert.ok(pages.length >= 3);
      for (const n of pages) {
        const page = JSON.parse(texts.get(`watched-history-${n}.json`)!) as Json[];
        assert.ok(page.length > 0 && page.length <= 1000);
        if (n < pages.length) assert.equal(page.length, 1000);
      }
      assert.ok(history.length >= 2500 && history.length <= 4000, `${history.length} plays`);
      for (let i = 1; i < history.length; i++) {
        assert.ok(String(history[i - 1]!.watched_at) >= String(history[i]!.watched_at), `not newest first at ${i}`);
      }
      const repeats = pages
        .slice(1)
        .some((_, i) => history[(i + 1) * 1000 - 1]!.watched_at === history[(i + 1) * 1000]!.watched_at);
      assert.ok(repeats, 'no watched_at repeated across a page boundary');
    });

    test('records have the shapes of a real export', () => {
      const { history } = ex();
      const ids = history.map((r) => r.id as number);
      assert.equal(new Set(ids).size, ids.length, 'play ids are not unique');
      let classic = 0;
      let plex = 0;
      let epoch = 0;
      for (const r of history) {
        assert.ok(Number.isSafeInteger(r.id) && (r.id as number) > 1.1e10 && (r.id as number) < 1.3e10);
        assert.match(String(r.watched_at), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
        assert.ok(['watch', 'scrobble', 'checkin'].includes(r.action as string));
        assert.ok(r.type === 'episode' ? r.episode && r.show : r.movie);
        if (r.watched_at === '1970-01-01T00:00:00.000Z') epoch++;
        const mediaIds = idsOf(r);
        if ('plex' in mediaIds) {
          assert.ok(!('tvrage' in mediaIds));
          plex++;
        } else classic++;
      }
      assert.equal(epoch, 2);
      assert.ok(classic > history.length / 4 && plex > history.length / 4, `classic ${classic}, ids-first ${plex}`);
      assert.ok(
        history.some((r) => (r.episode as Json | undefined)?.season === 0),
        'season-0 specials',
      );
      assert.ok(
        history.some((r) => ((r.episode as Json | undefined)?.season as number) >= 1990),
        'a year-numbered season',
      );
      assert.ok(
        history.some((r) => mediaOf(r).title === NBSP_TITLE),
        'the NBSP title',
      );
    });

    test('files: UTF-8 without BOM, two-space pretty-printed, no trailing newline', () => {
      for (const [name, text] of ex().texts) {
        assert.ok(!text.startsWith('\ufeff') && !text.endsWith('\n'), name);
        assert.equal(text, JSON.stringify(JSON.parse(text), null, 2), `${name} is not two-space pretty-printed`);
      }
      for (const f of [
        'ratings-movies',
        'ratings-shows',
        'ratings-seasons',
        'ratings-episodes',
        'lists-watchlist',
        'lists-lists',
        'comments-comments',
        'watched-shows',
        'watched-movies',
      ]) {
        assert.ok(Array.isArray(parse(ex(), `${f}.json`)), f);
      }
    });

    test('user files: stats match the history, settings are fake', () => {
      const { history } = ex();
      const stats = parse(ex(), 'user-stats.json') as { episodes: { plays: number }; movies: { plays: number } };
      assert.equal(stats.episodes.plays, history.filter((r) => r.type === 'episode').length);
      assert.equal(stats.movies.plays, history.filter((r) => r.type === 'movie').length);
      assert.equal((parse(ex(), 'user-profile.json') as Json).username, SAMPLE_USERNAME);
      const settings = parse(ex(), 'user-settings.json') as { user: Json; access_token: string };
      assert.equal(settings.user.email, 'sample@example.invalid');
      assert.equal(settings.access_token, 'not-a-real-token');
    });

    test('every watched title of the catalogue is in the history', () => {
      const inHistory = new Set(ex().history.map((r) => `${r.type === 'movie' ? 'movie' : 'show'}:${traktOf(r)}`));
      for (const e of CATALOGUE) {
        const b = e.behaviour;
        if (!b) continue;
        const key = `${e.trakt.mediaType}:${e.trakt.traktId}`;
        const expected = which === 'first' ? b.segments.some((s) => !s.later) : !b.removedLater;
        assert.equal(inHistory.has(key), expected, `${e.key} in the ${which} export`);
      }
    });
  });
}

describe('the later export', () => {
  const removed = CATALOGUE.filter((e) => e.behaviour?.removedLater);

  test('is a superset of the first, except the removed title', () => {
    assert.equal(removed.length, 1);
    const gone = new Set(removed.map((e) => e.trakt.traktId));
    const byId = new Map(later.history.map((r) => [r.id as number, r]));
    for (const r of first.history) {
      if (gone.has(traktOf(r))) assert.ok(!byId.has(r.id as number), 'a play of the removed title survived');
      else assert.deepEqual(byId.get(r.id as number), r, `play ${String(r.id)} differs or is missing`);
    }
    assert.ok(!later.history.some((r) => gone.has(traktOf(r))));
    const firstIds = new Set(first.history.map((r) => r.id as number));
    const added = later.history.filter((r) => !firstIds.has(r.id as number));
    assert.ok(added.length > 0);
    for (const r of added)
      assert.ok(String(r.watched_at) > FIRST_EXPORT.exportedAt, 'a new play dated before the first export');
    assert.ok(new Set(added.map(traktOf)).size >= 3, 'several titles gained plays');
    assert.deepEqual(parse(later, 'lists-watchlist.json'), parse(first, 'lists-watchlist.json'));
  });

  test('ratings: at least three changed, one added, the removed one gone', () => {
    const ratings = (ex: Export) => {
      const m = new Map<string, number>();
      for (const f of ['ratings-shows.json', 'ratings-movies.json']) {
        for (const r of parse(ex, f) as Json[]) m.set(`${r.type as string}:${traktOf(r)}`, r.rating as number);
      }
      return m;
    };
    const a = ratings(first);
    const b = ratings(later);
    const changed = [...a].filter(([k, v]) => b.has(k) && b.get(k) !== v);
    assert.ok(changed.length >= 3, `${changed.length} changed`);
    const addedOnWatchedTitle = [...b.keys()].filter(
      (k) => !a.has(k) && first.history.some((r) => `${r.type === 'movie' ? 'movie' : 'show'}:${traktOf(r)}` === k),
    );
    assert.ok(addedOnWatchedTitle.length >= 1, 'a rating added to a title the first export had unrated');
    for (const e of removed)
      assert.ok(!b.has(`${e.trakt.mediaType}:${e.trakt.traktId}`) && a.has(`${e.trakt.mediaType}:${e.trakt.traktId}`));
    const unchanged = [...a].filter(([k, v]) => b.get(k) === v);
    assert.ok(unchanged.length > 50);
  });
});
