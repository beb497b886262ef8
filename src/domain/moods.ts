/** The fixed mood vocabulary; labels outside it (from any source) are dropped. */
export const MOODS = [
  'cozy',
  'dark',
  'emotional',
  'epic',
  'funny',
  'hype',
  'mind-bending',
  'romantic',
  'tense',
  'wholesome',
] as const;
export type Mood = (typeof MOODS)[number];

export function isMood(x: unknown): x is Mood {
  return typeof x === 'string' && (MOODS as readonly string[]).includes(x);
}

/**
 * How provider genres and tags suggest moods when no AI labels exist. Genres count 1; a tag counts its
 * rank ÷ 100 (AniList ranks how well a tag fits, 0–100; Jikan themes count 0.8).
 */
export const MOOD_SIGNALS: Readonly<Record<Mood, { genres: readonly string[]; tags: readonly string[] }>> = {
  cozy: {
    genres: [],
    tags: [
      'Iyashikei',
      'Cute Girls Doing Cute Things',
      'Camping',
      'Food',
      'Rural',
      'Outdoor Activities',
      'Agriculture',
      'Slow Life',
    ],
  },
  dark: {
    genres: ['Horror'],
    tags: [
      'Tragedy',
      'Gore',
      'Dystopian',
      'Post-Apocalyptic',
      'Body Horror',
      'Cosmic Horror',
      'Torture',
      'Revenge',
      'Death Game',
      'Suicide',
    ],
  },
  emotional: {
    genres: ['Drama'],
    tags: [
      'Tragedy',
      'Coming of Age',
      'Found Family',
      'Family Life',
      'Grief',
      'Disability',
      'Terminal Illness',
      'Tearjerker',
    ],
  },
  epic: {
    genres: ['Adventure', 'Fantasy'],
    tags: ['War', 'Military', 'Politics', 'Ensemble Cast', 'Time Skip', 'Mythology', 'Travel', 'Historical'],
  },
  funny: { genres: ['Comedy'], tags: ['Parody', 'Satire', 'Slapstick', 'Surreal Comedy', 'Gag'] },
  hype: {
    genres: ['Action', 'Sports', 'Mecha'],
    tags: ['Shounen', 'Super Power', 'Martial Arts', 'Tournament', 'Battle Royale', 'Swordplay'],
  },
  'mind-bending': {
    genres: ['Mystery', 'Psychological'],
    tags: [
      'Time Manipulation',
      'Time Loop',
      'Philosophy',
      'Surreal',
      'Unreliable Narrator',
      'Conspiracy',
      'Nonlinear',
      'Dreams',
      'Virtual World',
    ],
  },
  romantic: { genres: ['Romance'], tags: ['Love Triangle', 'Heterosexual', 'Yuri', "Boys' Love", 'Couples'] },
  tense: {
    genres: ['Thriller', 'Horror'],
    tags: ['Survival', 'Conspiracy', 'Battle Royale', 'Death Game', 'Crime', 'Detective', 'Assassins'],
  },
  wholesome: {
    genres: [],
    tags: ['Iyashikei', 'Found Family', 'Family Life', 'Cute Girls Doing Cute Things', 'Kids', 'Animals', 'Friendship'],
  },
};

/** A mood is suggested at this score or more; at most MAX_MOODS are kept, strongest first. */
const THRESHOLD = 0.75;
const MAX_MOODS = 3;

/** Moods suggested by genres and tags. Cozy and wholesome give way when the title is also clearly dark. */
export function moodsFromMetadata(
  genres: readonly string[],
  tags: ReadonlyArray<{ name: string; rank: number | null }>,
): Mood[] {
  const g = new Set(genres.map((x) => x.toLowerCase()));
  const t = new Map(tags.map((x) => [x.name.toLowerCase(), (x.rank ?? 80) / 100]));
  const scores = MOODS.map((m) => {
    const sig = MOOD_SIGNALS[m];
    let s = 0;
    for (const x of sig.genres) if (g.has(x.toLowerCase())) s += 1;
    for (const x of sig.tags) s += t.get(x.toLowerCase()) ?? 0;
    // Slice of life alone is calm, not yet cozy: it needs a cozy tag too, but it tips the balance.
    if ((m === 'cozy' || m === 'wholesome') && g.has('slice of life')) s += 0.4;
    return { m, s };
  });
  const dark = scores.find((x) => x.m === 'dark')!.s;
  return scores
    .filter((x) => x.s >= THRESHOLD && !(dark >= 1 && (x.m === 'cozy' || x.m === 'wholesome')))
    .sort((a, b) => b.s - a.s)
    .slice(0, MAX_MOODS)
    .map((x) => x.m);
}
