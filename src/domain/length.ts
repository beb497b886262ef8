import type { MediaType } from './types.ts';

export const LENGTH_BUCKETS = ['movie', 'short', 'medium', 'long'] as const;
export type LengthBucket = (typeof LENGTH_BUCKETS)[number];

/** Minutes assumed per episode when the provider does not say. */
export const DEFAULT_EPISODE_MINUTES = 24;

/** Total minutes of a title: episodes × minutes per episode, falling back to 24 minutes an episode. */
export function totalMinutes(episodes: number | null, minutesPerEpisode: number | null): number | null {
  if (episodes === null || episodes <= 0) return null;
  return episodes * (minutesPerEpisode && minutesPerEpisode > 0 ? minutesPerEpisode : DEFAULT_EPISODE_MINUTES);
}

/** movie: a film · short: under 5 hours · medium: 5–12 hours · long: over 12 hours; null when unknown. */
export function lengthBucket(mediaType: MediaType, format: string | null, minutes: number | null): LengthBucket | null {
  if (mediaType === 'movie' || format === 'MOVIE') return 'movie';
  if (minutes === null) return null;
  if (minutes < 5 * 60) return 'short';
  if (minutes <= 12 * 60) return 'medium';
  return 'long';
}
