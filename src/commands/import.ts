import { geminiUsageFile } from '../config.ts';
import { Warehouse } from '../warehouse/store.ts';
import { importAnyExport } from '../pipeline/import-any.ts';
import { parseIsoTime } from '../domain/time.ts';
import { UsageError } from '../domain/errors.ts';
import { parseCommandArgs, type Command, type CommandContext } from './context.ts';
import { print, printJson, Progress } from './output.ts';
import { runEnrichment } from './enrich-run.ts';
import { confirm } from './confirm.ts';
import { describeEnrichment, describeImport } from '../pipeline/run-summary.ts';

const STAGE_TEXT = { read: 'reading…', silver: 'cleaning and aggregating plays…', gold: 'versioning titles…', save: 'saving the warehouse…' } as const;

const USAGE = 'anidex import <trakt-export.zip | folder | animelist.xml[.gz]> [--as-of <ISO-8601>] [--offline] [--strict] [--allow-empty] [--json]';

export async function runImport(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', USAGE, args, {
    'as-of': { type: 'string' },
    offline: { type: 'boolean' },
    strict: { type: 'boolean' },
    'allow-empty': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const json = ctx.json || Boolean(values.json);
  if (positionals.length !== 1) throw new UsageError('import needs exactly one path: the Trakt export .zip or its folder, or a MyAnimeList animelist .xml (.xml.gz).', `Usage: ${USAGE}`);
  let asOf: string | undefined;
  if (values['as-of'] !== undefined) {
    const parsed = parseIsoTime(values['as-of']);
    if (!parsed) throw new UsageError(`--as-of "${values['as-of']}" is not an ISO-8601 time.`, 'Example: --as-of 2026-05-01T12:00:00Z');
    if (parsed > new Date(Date.now() + 60_000).toISOString()) throw new UsageError(`--as-of ${parsed} is in the future.`, 'Give a time in the past, or drop --as-of.');
    asOf = parsed;
  }
  const wh = await Warehouse.open(ctx.dataDir);
  const progress = new Progress(process.stderr, json);
  try {
    const result = await importAnyExport(wh, positionals[0]!, {
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
    const enrichment = await runEnrichment(wh, { offline: Boolean(values.offline), quiet: json, usageFile: geminiUsageFile(ctx.dirs), cacheDir: ctx.dirs.cache });
    if (json) printJson({ ...result, enrichment });
    else for (const l of describeEnrichment(enrichment)) print(l);
    // Titles without metadata have no genres, runtimes or scores: a person at a terminal may fetch them now.
    if (!json && enrichment.pending > 0 && !enrichment.interrupted && (await confirm('Fetch their metadata now (`anidex enrich`, needs the network)?'))) {
      const again = await runEnrichment(wh, { offline: false, quiet: false, usageFile: geminiUsageFile(ctx.dirs), cacheDir: ctx.dirs.cache });
      for (const l of describeEnrichment(again)) print(l);
    }
    return 0;
  } finally {
    progress.clear();
    wh.close();
  }
}

export const importCommand: Command = { name: 'import', usage: USAGE, summary: 'load a Trakt export (.zip or folder) or a MyAnimeList list (.xml, .xml.gz) into the warehouse', run: runImport };
