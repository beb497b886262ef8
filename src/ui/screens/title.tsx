import { useState } from 'react';
import type { TitleView } from '../../pipeline/title-view.ts';
import { describeChange, versionSummary } from '../../domain/version-text.ts';
import { displayTitle } from '../../domain/anime.ts';
import { fillMonths, hbar } from '../../domain/charts.ts';
import { sanitizeText } from '../../domain/sanitize.ts';
import { truncate } from '../../domain/text-width.ts';
import { footerText, type UiCommand } from '../keys/bindings.ts';
import { useBindings, useCommand } from '../keys/use-command.ts';
import { scrollOffset } from '../components/scroll.ts';
import { wrapText } from '../components/wrap.ts';
import { Frame, type FrameLine } from '../components/frame.tsx';
import type { Theme } from '../theme/theme.ts';

const SOURCE_NAME = { trakt: 'Trakt', mal: 'MyAnimeList' } as const;

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : 'now');

/** The title screen's text: anime metadata, every SCD2 version with what changed, plays per month. */
export function titleLines(view: TitleView, width: number): FrameLine[] {
  const a = view.anime;
  const lines: FrameLine[] = [];
  if (a) {
    lines.push({ text: `${sanitizeText(displayTitle(a.titles))} · MAL ${a.malId} · ${a.format ?? '?'} · ${a.episodes ?? '?'} eps × ${a.minutesPerEpisode ?? '?'} min · ${a.year ?? '?'}` });
    lines.push({ text: `${a.genres.join(', ')} · ${a.studios.join(', ')} · score ${a.communityScore ?? '?'}`, tone: 'muted' });
    if (a.streaming.length) lines.push({ text: `Stream: ${a.streaming.map((s) => s.site).join(', ')}`, tone: 'muted' });
  } else lines.push({ text: 'No anime metadata (not matched, or not anime).', tone: 'muted' });
  if (view.match) lines.push(...wrapText(`Why: ${view.match.reason}`, width, '', 'muted'));
  if (view.seasons.length) {
    lines.push({ text: '' }, { text: 'MyAnimeList entries of this show (from the id mapping), episodes watched:', bold: true });
    const labelWidth = Math.max(...view.seasons.map((x) => x.label.length));
    for (const x of view.seasons) {
      const watched = `${x.episodesWatched}/${x.episodes ?? '?'}`.padStart(7);
      lines.push({ text: truncate(`  ${x.label.padEnd(labelWidth)} ${watched}  MAL ${x.malId}  ${sanitizeText(x.title ?? '(no metadata)')}`, width), tone: x.episodesWatched ? undefined : 'muted' });
    }
  }
  const sources = view.sources.length ? view.sources : [{ source: 'trakt' as const, titleKey: '', versions: view.versions }];
  for (const { source, versions } of sources) {
    const n = versions.length;
    lines.push({ text: '' }, { text: `${SOURCE_NAME[source]}: ${n} version${n === 1 ? '' : 's'}, newest first (when anidex learned it):`, bold: true });
    versions.forEach((v, i) => {
      lines.push({ text: `v${n - i}  ${when(v.validFrom)} → ${when(v.validTo)}${v.isDeleted ? '  [deleted]' : v.isCurrent ? '  [current]' : ''}` });
      lines.push(...wrapText(versionSummary(v), width, '    ', 'muted'), ...wrapText(describeChange(versions[i + 1], v), width, '    ', 'muted'));
    });
  }
  if (sources.length > 1) lines.push({ text: '' }, ...wrapText('The library takes the rating, status and rewatches from MyAnimeList, plays and dates from Trakt.', width, '', 'muted'));
  const months = fillMonths(view.playsPerMonth).slice(-12);
  if (months.length) {
    const max = Math.max(...months.map((m) => m.plays));
    lines.push({ text: '' }, { text: 'Plays per month (watch time):', bold: true });
    for (const m of months) lines.push({ text: `  ${m.month} ${String(m.plays).padStart(4)} ${hbar(m.plays, max, Math.max(10, width - 20))}` });
  }
  return lines;
}

/** One title: its anime metadata, every SCD2 version with what changed, and its plays over time; scrolls. */
export function TitleScreen({ view, width, height, theme, onBack, onNav, active }: { view: TitleView; width: number; height: number; theme: Theme; onBack: () => void; onNav?: (cmd: UiCommand) => void; active: boolean }) {
  const bindings = useBindings();
  const [offset, setOffset] = useState(0);
  const lines = titleLines(view, width);
  const rows = Math.max(1, height - 3);
  useCommand(
    (cmd) => {
      const next = scrollOffset(cmd, offset, lines.length, rows);
      if (next !== null) setOffset(next);
      else if (cmd === 'back' || cmd === 'quit') onBack();
      else if (cmd !== 'open') onNav?.(cmd);
    },
    { active },
  );
  const v0 = view.versions[0];
  const more = lines.length > rows ? ` · lines ${offset + 1}–${Math.min(lines.length, offset + rows)} of ${lines.length}` : '';
  return (
    <Frame
      title={`anidex · ${sanitizeText(v0?.title ?? '?')} (${v0?.year ?? '?'}, ${v0?.mediaType ?? '?'})${more}`}
      body={lines.slice(offset, offset + rows)}
      footer={footerText([[['down', 'up'], 'scroll'], ['back', 'back']], bindings)}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
