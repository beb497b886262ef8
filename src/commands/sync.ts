import { geminiUsageFile } from '../lib/config.ts';
import { openWarehouse } from '../app/open-warehouse.ts';
import { readAccounts } from '../settings/accounts-setting.ts';
import { connectedSources, syncAccounts } from '../app/sync-accounts.ts';
import type { AccountSource } from '../app/sync.ts';
import { describeEnrichment, describeImport } from '../app/run-summary.ts';
import { UsageError } from '../lib/errors.ts';
import { parseIsoTime } from '../domain/time.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import type { SYNC_FLAGS } from './specs/sync.ts';
import { print, printJson, Progress } from './output.ts';
import { runEnrichment } from './enrich-run.ts';
import { reportError } from './report-error.ts';

const NAME: Record<AccountSource, string> = { anilist: 'AniList', mal: 'MyAnimeList', trakt: 'Trakt' };
const STAGE_TEXT = {
  read: 'reading…',
  silver: 'cleaning and aggregating…',
  gold: 'versioning titles…',
  save: 'saving the warehouse…',
} as const;

export async function run({ values, args }: Parsed<typeof SYNC_FLAGS>, ctx: CommandContext): Promise<number> {
  const quiet = Boolean(values.quiet);
  const json = ctx.json;
  const accounts = await readAccounts(ctx.dirs.config);
  const connected = connectedSources(accounts);
  const which = (args.source ?? 'all') as AccountSource | 'all';
  if (connected.length === 0)
    throw new UsageError(
      'No account is connected, so there is nothing to sync.',
      'Connect one first: `anidex connect anilist <user>`, `anidex connect mal <user> --client-id <id>` or `anidex connect trakt --client-id <id>`.',
    );
  if (which !== 'all' && !connected.includes(which))
    throw new UsageError(
      `${NAME[which]} is not connected.`,
      `Run \`anidex connect ${which}${which === 'trakt' ? ' --client-id <id>' : ' <user>'}\` first.`,
    );
  const sources = which === 'all' ? connected : [which];

  const wh = await openWarehouse(ctx.dataDir);
  const progress = new Progress(process.stderr, quiet || json);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    const outcomes = await syncAccounts(wh, accounts, sources, {
      stateDir: ctx.dirs.state,
      allowEmpty: Boolean(values['allow-empty']),
      asOf: values['as-of'] === undefined ? undefined : asOf(values['as-of']),
      signal: controller.signal,
      onStart: (s) => progress.status(`${NAME[s]}: pulling the list…`),
      onEvent: (s, e) => {
        if (e.type === 'file') progress.bar(`${NAME[s]}: reading`, e.done, e.total, e.file);
        else if (e.stage !== 'read') progress.status(`${NAME[s]}: ${STAGE_TEXT[e.stage]}`);
      },
    });
    progress.clear();
    let failed = 0;
    for (const o of outcomes) {
      if (o.error) {
        failed++;
        // Each failure as every command reports one (never a token: messages name accounts, not credentials).
        reportError(o.error, ctx.debug);
        continue;
      }
      if (!json && !quiet) {
        print(`${NAME[o.source]} (${o.account}):${o.result!.identical ? ' unchanged since the last sync' : ''}`);
        for (const l of describeImport(o.result!).slice(1)) print(l);
      }
    }
    const anyLoaded = outcomes.some((o) => o.result);
    const enrichment =
      anyLoaded && !values.offline
        ? await runEnrichment(wh, {
            offline: false,
            quiet: quiet || json,
            usageFile: geminiUsageFile(ctx.dirs),
            cacheDir: ctx.dirs.cache,
          })
        : null;
    if (json) {
      printJson({
        accounts: outcomes.map((o) => ({
          source: o.source,
          account: o.account,
          ok: !o.error,
          error: o.error ? String((o.error as Error).message) : null,
          result: o.result,
        })),
        enrichment,
      });
    } else if (enrichment && !quiet) for (const l of describeEnrichment(enrichment)) print(l);
    return failed ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.clear();
    wh.close();
  }
}

function asOf(given: string): string {
  const t = parseIsoTime(given);
  if (!t) throw new UsageError(`--as-of "${given}" is not an ISO-8601 time.`, 'Example: --as-of 2026-05-01T12:00:00Z');
  return t;
}
