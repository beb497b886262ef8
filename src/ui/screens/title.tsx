import { Box, Text, useInput } from 'ink';
import type { TitleView } from '../../pipeline/title-view.ts';
import { describeChange, versionSummary } from '../../domain/version-text.ts';
import { displayTitle } from '../../domain/anime.ts';
import { fillMonths, hbar } from '../../domain/charts.ts';
import { sanitizeText } from '../../domain/sanitize.ts';
import { fit } from '../../domain/text-width.ts';
import { commandFor, keyName } from '../keys/bindings.ts';
import type { Theme } from '../theme/theme.ts';

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : 'now');

/** One title: its anime metadata, every SCD2 version with what changed, and its plays over time. */
export function TitleScreen({ view, width, height, theme, onBack, active }: { view: TitleView; width: number; height: number; theme: Theme; onBack: () => void; active: boolean }) {
  useInput(
    (input, key) => {
      const cmd = commandFor(keyName(input, key));
      if (cmd === 'back' || cmd === 'quit') onBack();
    },
    { isActive: active },
  );
  const v0 = view.versions[0];
  const a = view.anime;
  const lines: Array<{ text: string; muted?: boolean; bold?: boolean }> = [];
  if (a) {
    lines.push({ text: `${displayTitle(a.titles)} · MAL ${a.malId} · ${a.format ?? '?'} · ${a.episodes ?? '?'} eps × ${a.minutesPerEpisode ?? '?'} min · ${a.year ?? '?'}` });
    lines.push({ text: `${a.genres.join(', ')} · ${a.studios.join(', ')} · score ${a.communityScore ?? '?'}`, muted: true });
  } else lines.push({ text: 'No anime metadata (not matched, or not anime).', muted: true });
  lines.push({ text: '' }, { text: `${view.versions.length} version${view.versions.length === 1 ? '' : 's'}, newest first (when anidex learned it):`, bold: true });
  view.versions.forEach((v, i) => {
    lines.push({ text: `v${view.versions.length - i}  ${when(v.validFrom)} → ${when(v.validTo)}${v.isDeleted ? '  [deleted]' : v.isCurrent ? '  [current]' : ''}` });
    lines.push({ text: `    ${versionSummary(v)}`, muted: true });
    lines.push({ text: `    ${describeChange(view.versions[i + 1], v)}`, muted: true });
  });
  const months = fillMonths(view.playsPerMonth).slice(-12);
  if (months.length) {
    const max = Math.max(...months.map((m) => m.plays));
    lines.push({ text: '' }, { text: 'Plays per month (watch time):', bold: true });
    for (const m of months) lines.push({ text: `  ${m.month} ${String(m.plays).padStart(4)} ${hbar(m.plays, max, Math.max(10, width - 20))}` });
  }
  const body = lines.slice(0, Math.max(1, height - 3));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.accent}>{fit(`anidex · ${sanitizeText(v0?.title ?? '?')} (${v0?.year ?? '?'}, ${v0?.mediaType ?? '?'})`, width)}</Text>
      {body.map((l, i) => (
        <Text key={i} color={l.muted ? theme.muted : undefined} bold={l.bold}>
          {fit(sanitizeText(l.text), width) || ' '}
        </Text>
      ))}
      <Text color={theme.muted}>{fit('Esc/h/q back', width)}</Text>
    </Box>
  );
}
