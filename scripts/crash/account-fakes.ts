// Fake AniList and MyAnimeList servers for the crash harness's sync operations, run by the harness's own process
// (the anidex processes it kills reach them on 127.0.0.1), and the settings folder that connects the MAL account.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAniList, type FakeAniList } from '../../test/fakes/anilist-server.ts';
import { startFakeMalApi, type FakeMalApi } from '../../test/fakes/mal-api-server.ts';
import { animeDb } from '../../test/fakes/anime-db.ts';

export interface AccountFakes {
  /** What each sync operation runs with: the fakes' URLs and the settings folder. */
  env: NodeJS.ProcessEnv;
  anilistEntries: number;
  malEntries: number;
  close(): Promise<void>;
}

const STATUSES = ['COMPLETED', 'CURRENT', 'PAUSED', 'DROPPED', 'PLANNING'] as const;
const MAL_STATUSES = ['completed', 'watching', 'on_hold', 'dropped', 'plan_to_watch'] as const;

export async function startAccountFakes(configHome: string): Promise<AccountFakes> {
  const media = animeDb().media.filter((m) => m.type === 'ANIME' && m.idMal);
  const entries = media.slice(0, 150);
  const anilist: FakeAniList = await startFakeAniList({
    limitPerMinute: 10_000,
    lists: {
      crash: {
        id: 1,
        name: 'crash',
        scoreFormat: 'POINT_100',
        entries: entries.map((m, i) => ({
          mediaId: m.id,
          status: STATUSES[i % 5]!,
          score: (i * 7) % 101,
          progress: i % 12,
          startedAt: { year: 2025, month: 1 + (i % 12), day: 1 + (i % 28) },
        })),
      },
    },
  });
  const mal: FakeMalApi = await startFakeMalApi({
    crash: {
      entries: entries.map((m, i) => ({
        id: m.idMal!,
        title: m.title.romaji ?? `Anime ${m.idMal}`,
        num_episodes: m.episodes ?? 0,
        media_type: m.format === 'MOVIE' ? 'movie' : 'tv',
        list_status: { status: MAL_STATUSES[i % 5]!, score: i % 11, num_episodes_watched: i % 12 },
      })),
    },
  });
  mkdirSync(join(configHome, 'anidex'), { recursive: true });
  writeFileSync(
    join(configHome, 'anidex', 'settings.json'),
    JSON.stringify({ accounts: { mal: { user: 'crash', clientId: 'crash-client' } } }),
  );
  return {
    env: { ANIDEX_ANILIST_URL: anilist.url, ANIDEX_MAL_URL: mal.url, XDG_CONFIG_HOME: configHome },
    anilistEntries: entries.length,
    malEntries: entries.length,
    close: async () => {
      await Promise.all([anilist.close(), mal.close()]);
    },
  };
}
