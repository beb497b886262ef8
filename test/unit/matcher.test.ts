// The matcher on the hard cases of issue 3, with candidates shaped like real provider answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ABSENT_THRESHOLD, coreTitle, matchTitle, nameAgreement, MATCH_THRESHOLD } from '../../src/enrich/matcher.ts';
import type { AnimeFormat, AnimeRecord } from '../../src/domain/anime.ts';

function rec(
  malId: number,
  romaji: string,
  english: string | null,
  year: number,
  format: AnimeFormat,
  synonyms: string[] = [],
): AnimeRecord {
  return {
    malId,
    anilistId: malId,
    titles: { romaji, english, native: null, synonyms },
    format,
    episodes: 12,
    minutesPerEpisode: 24,
    season: null,
    year,
    status: 'FINISHED',
    genres: [],
    tags: [],
    studios: [],
    communityScore: 80,
    scoreSource: 'anilist',
    popularity: 1000,
    relations: [],
    recommendations: [],
    streaming: [],
  };
}

const HXH = [
  rec(136, 'Hunter x Hunter', 'Hunter x Hunter', 1999, 'TV'),
  rec(11061, 'Hunter x Hunter (2011)', 'Hunter x Hunter (2011)', 2011, 'TV'),
  rec(6211, 'Hunter x Hunter: Phantom Rouge', 'Hunter x Hunter: Phantom Rouge', 2013, 'MOVIE'),
];
const FRUBA = [
  rec(120, 'Fruits Basket', 'Fruits Basket', 2001, 'TV'),
  rec(38680, 'Fruits Basket (2019)', 'Fruits Basket (2019)', 2019, 'TV'),
  rec(42938, 'Fruits Basket: The Final', 'Fruits Basket: The Final Season', 2021, 'TV'),
];
const HELLSING = [
  rec(270, 'Hellsing', 'Hellsing', 2001, 'TV'),
  rec(777, 'Hellsing Ultimate', 'Hellsing Ultimate', 2006, 'OVA'),
  rec(10807, 'Hellsing: The Dawn', 'Hellsing: The Dawn', 2011, 'OVA'),
];
const FMA = [
  rec(121, 'Hagane no Renkinjutsushi', 'Fullmetal Alchemist', 2003, 'TV'),
  rec(5114, 'Hagane no Renkinjutsushi: FULLMETAL ALCHEMIST', 'Fullmetal Alchemist: Brotherhood', 2009, 'TV'),
  rec(
    430,
    'Hagane no Renkinjutsushi: Shamballa wo Yuku Mono',
    'Fullmetal Alchemist the Movie: Conqueror of Shamballa',
    2005,
    'MOVIE',
  ),
];
const CLANNAD = [
  rec(2167, 'CLANNAD', 'Clannad', 2007, 'TV'),
  rec(1723, 'CLANNAD Movie', 'Clannad: The Motion Picture', 2007, 'MOVIE'),
  rec(4181, 'CLANNAD: After Story', 'Clannad: After Story', 2008, 'TV'),
];

test('Hunter x Hunter: 1999 and 2011 resolve by year', () => {
  assert.equal(matchTitle({ title: 'Hunter x Hunter', year: 1999, kind: 'show' }, HXH).malId, 136);
  assert.equal(matchTitle({ title: 'Hunter x Hunter', year: 2011, kind: 'show' }, HXH).malId, 11061);
});

test('Fruits Basket: 2001 and 2019 resolve by year, never The Final', () => {
  assert.equal(matchTitle({ title: 'Fruits Basket', year: 2001, kind: 'show' }, FRUBA).malId, 120);
  assert.equal(matchTitle({ title: 'Fruits Basket', year: 2019, kind: 'show' }, FRUBA).malId, 38680);
});

test('Hellsing and Hellsing Ultimate stay apart', () => {
  assert.equal(matchTitle({ title: 'Hellsing', year: 2001, kind: 'show' }, HELLSING).malId, 270);
  assert.equal(matchTitle({ title: 'Hellsing Ultimate', year: 2006, kind: 'show' }, HELLSING).malId, 777);
});

test('Fullmetal Alchemist and Brotherhood stay apart', () => {
  assert.equal(matchTitle({ title: 'Fullmetal Alchemist', year: 2003, kind: 'show' }, FMA).malId, 121);
  assert.equal(matchTitle({ title: 'Fullmetal Alchemist: Brotherhood', year: 2009, kind: 'show' }, FMA).malId, 5114);
});

test('a film and a series with the same name: the kind decides', () => {
  assert.equal(matchTitle({ title: 'Clannad', year: 2007, kind: 'show' }, CLANNAD).malId, 2167);
  assert.equal(matchTitle({ title: 'Clannad', year: 2007, kind: 'movie' }, CLANNAD).malId, 1723);
});

test('a title known only by its romaji name matches', () => {
  const c = [
    rec(2283, 'Yokohama Kaidashi Kikou', null, 1998, 'OVA'),
    rec(5000, 'Yokohama Kaidashi Kikou: Quiet Country Cafe', null, 2003, 'OVA'),
  ];
  assert.equal(matchTitle({ title: 'Yokohama Kaidashi Kikou', year: 1998, kind: 'show' }, c).malId, 2283);
});

test('non-anime stays unmatched rather than wrongly matched', () => {
  const pokemon = [
    rec(527, 'Pocket Monsters', 'Pokémon', 1997, 'TV'),
    rec(1565, 'Pokemon Diamond & Pearl', 'Pokémon: Diamond and Pearl', 2006, 'TV'),
  ];
  const d = matchTitle({ title: 'Pokémon Detective Pikachu', year: 2019, kind: 'movie' }, pokemon);
  assert.equal(d.malId, null);
  assert.ok(d.confidence < MATCH_THRESHOLD);
  assert.match(d.reason, /below/);
  assert.equal(matchTitle({ title: 'Arcane', year: 2021, kind: 'show' }, []).malId, null);
  const legendOfKorra = [rec(9999, 'Avatar: Legend of Korra', null, 2012, 'TV')];
  assert.equal(
    matchTitle({ title: 'Avatar: The Last Airbender', year: 2005, kind: 'show' }, legendOfKorra).malId,
    null,
  );
  assert.equal(matchTitle({ title: 'Breaking Bad', year: 2008, kind: 'show' }, HXH).malId, null);
});

test('a multi-season show maps to its first season (later seasons come from relations, not titles)', () => {
  const aot = [
    rec(16498, 'Shingeki no Kyojin', 'Attack on Titan', 2013, 'TV'),
    rec(25777, 'Shingeki no Kyojin Season 2', 'Attack on Titan Season 2', 2017, 'TV'),
    rec(35760, 'Shingeki no Kyojin Season 3', 'Attack on Titan Season 3', 2018, 'TV'),
    rec(40028, 'Shingeki no Kyojin: The Final Season', 'Attack on Titan Final Season', 2020, 'TV'),
  ];
  const d = matchTitle({ title: 'Attack on Titan', year: 2013, kind: 'show' }, aot);
  assert.equal(d.malId, 16498);
  assert.deepEqual(d.others, []);
});

test('a remake is not a later season: HxH 2011, Fruits Basket 2019, Brotherhood stay out of others', () => {
  assert.deepEqual(matchTitle({ title: 'Hunter x Hunter', year: 1999, kind: 'show' }, HXH).others, []);
  assert.deepEqual(matchTitle({ title: 'Fruits Basket', year: 2001, kind: 'show' }, FRUBA).others, []);
  assert.deepEqual(matchTitle({ title: 'Fullmetal Alchemist', year: 2003, kind: 'show' }, FMA).others, []);
});

test('core titles drop release words and a trailing year; similarity is 1 only for equal cores', () => {
  assert.equal(coreTitle('Fruits Basket (2019)'), 'fruits basket');
  assert.equal(coreTitle('CLANNAD Movie'), 'clannad');
  assert.equal(coreTitle('The Movie'), '');
  assert.equal(coreTitle('Welcome to the N.H.K.'), 'welcome to nhk');
  assert.equal(coreTitle('Welcome to the NHK'), 'welcome to nhk');
  assert.equal(nameAgreement('Hunter x Hunter', 'Hunter x Hunter (2011)').score, 1);
  assert.equal(nameAgreement('Hunter x Hunter', 'HUNTER×HUNTER').agreement, 'exact');
  assert.ok(nameAgreement('Hellsing', 'Hellsing Ultimate').score < 1);
  assert.equal(nameAgreement('Frieren: Beyond Journey’s End', "Frieren: Beyond Journey's End").score, 1);
});

// ---- issue 13: evidence, not vetoes ------------------------------------------------------------------------------

test('namesakes: a Western title inside a longer anime title a year apart is rejected', () => {
  const lost = matchTitle({ title: 'Lost in Space', year: 2018, kind: 'show' }, [
    rec(39198, 'Kanata no Astra', 'Astra Lost in Space', 2019, 'TV'),
  ]);
  assert.equal(lost.malId, null);
  assert.match(
    lost.reason,
    /closest Astra Lost in Space \(2019, TV\): title 0\.\d+ \(only contains the Trakt title, with extra words\), year ±1, format show=TV → 0\.\d+, below 0\.72/,
  );
  assert.equal(
    matchTitle({ title: 'Lucifer', year: 2016, kind: 'show' }, [
      rec(30366, 'Comet Lucifer', 'Comet Lucifer', 2015, 'TV'),
    ]).malId,
    null,
  );
  assert.equal(
    matchTitle({ title: 'Taboo', year: 2017, kind: 'show' }, [rec(31560, 'Taboo Tattoo', 'Taboo Tattoo', 2016, 'TV')])
      .malId,
    null,
  );
  // The same names, the other way round, still match their own anime.
  assert.equal(
    matchTitle({ title: 'Astra Lost in Space', year: 2019, kind: 'show' }, [
      rec(39198, 'Kanata no Astra', 'Astra Lost in Space', 2019, 'TV'),
    ]).malId,
    39198,
  );
});

test('a film that MyAnimeList calls an OVA is accepted: the format is evidence, not a veto', () => {
  const dbz = [
    rec(
      984,
      'Dragon Ball Z: Saiya-jin Zetsumetsu Keikaku',
      'Dragon Ball Z Side Story: Plan to Eradicate the Saiyans',
      1993,
      'OVA',
    ),
    rec(813, 'Dragon Ball Z', 'Dragon Ball Z', 1989, 'TV'),
  ];
  const d = matchTitle(
    { title: 'Dragon Ball Z Side Story: Plan to Eradicate the Saiyans', year: 1993, kind: 'movie' },
    dbz,
  );
  assert.equal(d.malId, 984);
  assert.equal(d.reason, 'title 1.00, year ±0, format film≈OVA');
  // Even when the id mapping says its ids are not anime, the same title, year and a fitting format clear the bar.
  assert.equal(
    matchTitle(
      {
        title: 'Dragon Ball Z Side Story: Plan to Eradicate the Saiyans',
        year: 1993,
        kind: 'movie',
        mapping: 'absent',
      },
      dbz,
    ).malId,
    984,
  );
});

test('ids absent from the mapping raise the bar: a subtitle match or a two-year gap no longer passes', () => {
  const frieren = [rec(52991, 'Sousou no Frieren', "Frieren: Beyond Journey's End", 2023, 'TV')];
  assert.equal(matchTitle({ title: 'Frieren', year: 2023, kind: 'show' }, frieren).malId, 52991);
  const absent = matchTitle({ title: 'Frieren', year: 2023, kind: 'show', mapping: 'absent' }, frieren);
  assert.equal(absent.malId, null);
  assert.match(absent.reason, new RegExp(`below ${ABSENT_THRESHOLD.toFixed(2)} \\(its ids are not in the id mapping`));
  const monster = [rec(19, 'Monster', 'Monster', 2004, 'TV')];
  assert.equal(
    matchTitle({ title: 'Monster', year: 2006, kind: 'show' }, monster).malId,
    19,
    'two years apart: fine without the mapping',
  );
  assert.equal(matchTitle({ title: 'Monster', year: 2006, kind: 'show', mapping: 'absent' }, monster).malId, null);
});

test('a live-action film named like its anime is not the anime: another year and another format', () => {
  const aot = [rec(16498, 'Shingeki no Kyojin', 'Attack on Titan', 2013, 'TV')];
  assert.equal(matchTitle({ title: 'Attack on Titan', year: 2015, kind: 'movie' }, aot).malId, null);
  const dn = [rec(1535, 'Death Note', 'Death Note', 2006, 'TV')];
  assert.equal(matchTitle({ title: 'Death Note', year: 2017, kind: 'movie' }, dn).malId, null);
});

test('episode counts: a first MAL entry far longer than all Trakt aired is evidence against', () => {
  const long = [rec(21, 'One Piece', 'ONE PIECE', 1999, 'TV')];
  long[0]!.episodes = 1100;
  const d = matchTitle({ title: 'One Piece', year: 2023, kind: 'show', airedEpisodes: 8 }, long);
  assert.equal(d.malId, null);
  assert.match(d.reason, /1100 episodes against 8 aired/);
});

test('a sequel number is not a typo: Mob Psycho 100 is not Mob Psycho 100 II', () => {
  const c = [rec(37510, 'Mob Psycho 100 II', 'Mob Psycho 100 II', 2019, 'TV')];
  assert.equal(matchTitle({ title: 'Mob Psycho 100', year: 2016, kind: 'show' }, c).malId, null);
  assert.equal(nameAgreement('Shingeki no Kyojin', 'Shingeki no Kyoujin').agreement, 'close');
});

test('a candidate the id mapping places on another show is another work: a same-titled live-action remake a year later', () => {
  const anime = [rec(34933, 'Kakegurui', 'Kakegurui', 2017, 'TV')];
  const live = { title: 'Kakegurui', year: 2018, kind: 'show' as const, mapping: 'absent' as const };
  assert.equal(matchTitle(live, anime).malId, 34933, 'name, year and format alone cannot tell');
  const d = matchTitle({ ...live, elsewhere: (id) => (id === 34933 ? 'TVDB id 329930' : null) }, anime);
  assert.equal(d.malId, null);
  assert.match(d.reason, /the id mapping gives that anime TVDB id 329930, not this title's/);
});
