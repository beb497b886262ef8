import type { ImportResult } from './events.ts';
import type { EnrichResult } from './enrich.ts';
import { describeMapping, type MappingSummary } from '../enrich/mapping-store.ts';
import type { LabelResult } from './labels.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { PREVIEW_COUNT, previewList } from '../lib/list-preview.ts';
import { shellWord } from '../lib/shell-word.ts';

/* What an import or an enrichment run did, in lines a person can read (the CLI prints them; the TUI shows them). */

/** What an import did in a few lines a person can read. */
export function describeImport(r: ImportResult): string[] {
  const c = r.counts;
  // An account pulled over its API (`anilist:<user>`, `mal:<user>`, `trakt:account`) rather than a file: a path is absolute.
  const account = /^(anilist|mal|trakt):/.test(r.sourcePath);
  const it = account ? 'the account' : 'the export';
  const lines = [
    `${account ? 'Pulled' : 'Imported'} ${sanitizeText(r.sourcePath)} as of ${r.validFrom} (run ${r.runId}).`,
    `  ${account ? 'pages' : 'files'} ${c.filesRead} · records ${c.recordsRead}: ${c.recordsNew} new, ${c.recordsKnown} already stored, ${c.recordsRepeated} repeated within ${it}, ${c.recordsSkipped} skipped`,
    `  titles: ${c.titlesNew} new, ${c.titlesChanged} changed, ${c.titlesUnchanged} unchanged, ${c.titlesDeleted} gone from ${account ? 'the account' : 'this export'}, ${c.titlesRestored} back again`,
  ];
  const x = r.crossCheck;
  const again = `\`anidex import ${shellWord(r.sourcePath)} --json\``;
  if (x && (x.missingFromHistory.length || x.playsDiffer)) {
    const missing = x.missingFromHistory.map(sanitizeText);
    lines.push(
      `  cross-check with watched-shows/movies.json: ${x.missingFromHistory.length} of ${x.checked} titles there have no play in the history${missing.length ? ` (${previewList(missing, again)})` : ''}, ${x.playsDiffer} count plays differently (Trakt's totals do not always reconcile; history is what anidex uses)`,
    );
  }
  for (const n of r.notes ?? []) lines.push(`  ${sanitizeText(n)}`);
  if (r.deletedTitles.length)
    lines.push(
      `  no longer in ${it} (kept in history, marked deleted): ${previewList(r.deletedTitles.map(sanitizeText), '`anidex library --deleted`')}`,
    );
  for (const s of r.skipped.slice(0, PREVIEW_COUNT))
    lines.push(
      `  skipped ${sanitizeText(s.file)} record ${s.index}, field ${sanitizeText(s.field)}: ${sanitizeText(s.reason)}`,
    );
  if (r.skipped.length > PREVIEW_COUNT)
    lines.push(`  … and ${r.skipped.length - PREVIEW_COUNT} more skipped records (${again} lists them all)`);
  return lines;
}

/** A few lines on what an enrichment run did. */
export function describeEnrichment(
  r: EnrichResult & { labels?: LabelResult | null; mapping?: MappingSummary | null },
): string[] {
  const c = r.counts;
  const byIds = r.matchedByIds > 0 ? ` (${r.matchedByIds} by their TVDB, TMDb or IMDb ids)` : '';
  const lines = [
    `Enrichment: ${r.matched} matched${byIds}, ${r.manual} matched by hand, ${r.unmatched} not anime or not found, ${r.pending} pending (of ${r.titles} titles).`,
    `  ${c.apiCalls} API calls, ${c.cacheHits} answers from the cache, ${c.http429} rate-limited, ${c.waitSeconds} s waiting on the rate limit.`,
  ];
  if (r.mapping) lines.push(`  ${describeMapping(r.mapping)}`);
  if (r.interrupted) lines.push('  Interrupted: finished lookups are saved; run `anidex enrich` to continue.');
  else if (r.stoppedBecause)
    lines.push(`  Stopped early: ${r.stoppedBecause} Run \`anidex enrich\` later to finish; nothing is fetched twice.`);
  else if (r.pending)
    lines.push(
      `  ${r.pending === 1 ? '1 title has' : `${r.pending} titles have`} no anime metadata yet (genres, studios, runtimes, scores): \`anidex enrich\` fetches it.`,
    );
  if (r.labels) {
    const l = r.labels;
    lines.push(
      `  Mood labels from Gemini: ${l.labeled} new, ${l.cached} cached, ${l.skipped} skipped, ${l.droppedMoods} labels outside the vocabulary dropped (${l.requests} requests).`,
    );
    for (const m of l.messages) lines.push(`  ${m}`);
    if (l.stoppedBecause)
      lines.push(`  Labelling stopped: ${l.stoppedBecause} Moods of unlabelled titles come from genres and tags.`);
  }
  if (r.unmatched)
    lines.push(
      '  `anidex library --unmatched` lists what did not match; `anidex match <title> <mal id>` fixes one by hand.',
    );
  return lines;
}
