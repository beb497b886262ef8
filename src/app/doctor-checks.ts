import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../warehouse/store.ts';
import { warehouseHealth } from '../warehouse/health.ts';
import { listSnapshots } from '../warehouse/snapshots.ts';
import { lastSyncs } from '../warehouse/runs.ts';
import { geminiConfigFromEnv } from '../ai/gemini.ts';
import { providerFromEnv } from '../enrich/providers.ts';
import { loadMapping, mappingSettings, summarizeMapping } from '../enrich/mapping-store.ts';
import { version, type AnidexDirs } from '../lib/config.ts';
import { AnidexError } from '../lib/errors.ts';
import { loadSettings, settingsPath } from '../settings/settings-file.ts';
import { readAccounts } from '../settings/accounts-setting.ts';
import { demoReady } from './demo.ts';
import { sampleNotice } from './sample-in-warehouse.ts';
import { checkAccounts } from './account-checks.ts';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * The settings file: BAD when it cannot be read or does not parse (anidex then runs on the defaults and saves nothing
 * into it); a bad entry inside a good file is said but not BAD (the rest of the file applies).
 */
async function settingsCheck(configDir: string): Promise<DoctorCheck> {
  const path = settingsPath(configDir);
  if (!existsSync(path)) return { name: 'settings', ok: true, detail: `none (${path} would be read)` };
  const s = await loadSettings(configDir);
  if (s.error) return { name: 'settings', ok: false, detail: `${s.error.message} ${s.error.hint}` };
  return { name: 'settings', ok: true, detail: s.problems.length ? `${path}; ${s.problems.join(' ')}` : path };
}

/**
 * What `anidex doctor` checks, in the order it reports them: Node, the folders, the settings file, the warehouse
 * (its integrity and counts), the writer lock, the snapshots, the metadata provider, the id mapping (the kept
 * copy: nothing is downloaded), Gemini (never its key) and each connected account, asked over the network.
 */
export async function doctorChecks(ctx: { dataDir: string; dirs: AnidexDirs; demo: boolean }): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  checks.push({
    name: 'node',
    ok: major > 20 || (major === 20 && minor >= 12),
    detail: `Node ${process.versions.node} (anidex ${version()} needs 20.12 or newer)`,
  });
  const where = (dir: string): string => dir + (existsSync(dir) ? '' : ' (not created yet)');
  checks.push({ name: 'data dir', ok: true, detail: where(ctx.dataDir) + (ctx.demo ? ' (the demo warehouse)' : '') });
  checks.push(await settingsCheck(ctx.dirs.config));
  checks.push({
    name: 'cache',
    ok: true,
    detail: where(ctx.dirs.cache) + (demoReady(ctx.dirs) ? ', with the demo warehouse' : ''),
  });
  checks.push({ name: 'state', ok: true, detail: where(ctx.dirs.state) });
  let syncedAt: Record<string, string> = {};
  try {
    const wh = await Warehouse.open(ctx.dataDir);
    try {
      const h = warehouseHealth(wh.db);
      checks.push({
        name: 'warehouse',
        ok: h.integrity === 'ok' && h.doubleCurrent === 0,
        detail: `${wh.exists ? wh.file : 'no file yet'}: integrity ${h.integrity}, schema ${h.schemaVersion}, ${h.titles} titles in ${h.versions} versions, ${h.runs} runs, ${h.cachedAnswers} cached answers${h.doubleCurrent ? `, ${h.doubleCurrent} titles with two current rows` : ''}`,
      });
      syncedAt = lastSyncs(wh.db);
      const sample = sampleNotice(wh.db);
      if (sample) checks.push({ name: 'sample', ok: true, detail: sample });
    } finally {
      wh.close();
    }
  } catch (err) {
    checks.push({ name: 'warehouse', ok: false, detail: err instanceof AnidexError ? err.message : String(err) });
  }
  const lock = join(ctx.dataDir, 'warehouse.lock');
  checks.push({
    name: 'lock',
    ok: true,
    detail: existsSync(lock) ? `held: ${readFileSync(lock, 'utf8').slice(0, 200)}` : 'free',
  });
  checks.push({ name: 'snapshots', ok: true, detail: `${listSnapshots(ctx.dataDir).length} kept` });
  try {
    const p = providerFromEnv(version());
    checks.push({
      name: 'provider',
      ok: true,
      detail:
        p.name === 'anilist'
          ? `AniList at ${process.env.ANIDEX_ANILIST_URL || 'https://graphql.anilist.co/'}`
          : `Jikan at ${process.env.ANIDEX_JIKAN_URL}`,
    });
  } catch (err) {
    checks.push({ name: 'provider', ok: false, detail: (err as Error).message });
  }
  // Offline: doctor reports the kept copy, it never downloads one.
  const m = summarizeMapping(
    await loadMapping({
      cacheDir: ctx.dirs.cache,
      url: mappingSettings().url,
      offline: true,
      userAgent: `anidex/${version()}`,
    }),
  );
  checks.push({
    name: 'id mapping',
    ok: true,
    detail: `${m.state === 'cached' ? `the copy of ${m.datedAt?.slice(0, 10)} (${m.malEntries} MyAnimeList entries)` : 'not downloaded yet (the first enrich with TVDB, TMDb or IMDb ids fetches it)'} from ${m.url}`,
  });
  try {
    const g = geminiConfigFromEnv();
    checks.push({
      name: 'gemini',
      ok: true,
      detail: g
        ? `key set (not shown), model ${g.model}`
        : 'no GEMINI_API_KEY: the local engine and genre-mapped moods are used',
    });
  } catch (err) {
    checks.push({ name: 'gemini', ok: false, detail: (err as Error).message });
  }
  // Each connected account, asked over the network; user names are shown, client ids, secrets and tokens never.
  checks.push(...(await checkAccounts(await readAccounts(ctx.dirs.config), ctx.dirs.state, syncedAt)));
  return checks;
}
