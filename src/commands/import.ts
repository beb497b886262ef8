import { geminiUsageFile } from '../lib/config.ts';
import { openWarehouse } from '../app/open-warehouse.ts';
import { importAnyExport } from '../app/import-any.ts';
import { parseIsoTime } from '../domain/time.ts';
import { UsageError } from '../lib/errors.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import type { IMPORT_FLAGS } from './specs/import.ts';
import { print, printJson, Progress } from './output.ts';
import { runEnrichment } from './enrich-run.ts';
import { confirm } from './confirm.ts';
import { describeEnrichment, describeImport } from '../app/run-summary.ts';

const STAGE_TEXT = {
  read: 'reading…',
  silver: 'cleaning and aggregating plays…',
  gold: 'versioning titles…',
  save: 'saving the warehouse…',
} as const;

export async function run({ values, args }: Parsed<typeof IMPORT_FLAGS>, ctx: CommandContext): Promise<number> {
  const json = ctx.json;
  let asOf: string | undefined;
  if (values['as-of'] !== undefined) {
    const parsed = parseIsoTime(values['as-of']);
    if (!parsed)
      throw new UsageError(
        `--as-of "${values['as-of']}" is not an ISO-8601 time.`,
        'Example: --as-of 2026-05-01T12:00:00Z',
      );
    if (parsed > new Date(Date.now() + 60_000).toISOString())
      throw new UsageError(`--as-of ${parsed} is in the future.`, 'Give a time in the past, or drop --as-of.');
    asOf = parsed;
  }
  const wh = await openWarehouse(ctx.dataDir);
  const progress = new Progress(process.stderr, json);
  try {
    const result = await importAnyExport(wh, args.path!, {
      asOf,
      strict: Boolean(values.strict),
      allowEmpty: Boolean(values['allow-empty']),
      onEvent: (e) => {
        if (e.type === 'file') progress.bar('reading', e.done, e.total, e.file);
        else if (e.stage !== 'read') progress.status(STAGE_TEXT[e.stage]);
      },
    });
    progress.clear();
    if (!json) for (const l of describeImport(result)) print(l);
    // Enrichment is the import's tail; its failure never undoes the import, which is already saved.
    const enrichment = await runEnrichment(wh, {
      offline: Boolean(values.offline),
      quiet: json,
      usageFile: geminiUsageFile(ctx.dirs),
      cacheDir: ctx.dirs.cache,
    });
    if (json) printJson({ ...result, enrichment });
    else for (const l of describeEnrichment(enrichment)) print(l);
    // Titles without metadata have no genres, runtimes or scores: a person at a terminal may fetch them now.
    if (
      !json &&
      enrichment.pending > 0 &&
      !enrichment.interrupted &&
      (await confirm('Fetch their metadata now (`anidex enrich`, needs the network)?'))
    ) {
      const again = await runEnrichment(wh, {
        offline: false,
        quiet: false,
        usageFile: geminiUsageFile(ctx.dirs),
        cacheDir: ctx.dirs.cache,
      });
      for (const l of describeEnrichment(again)) print(l);
    }
    return 0;
  } finally {
    progress.clear();
    wh.close();
  }
}
