import type { AnimeTitles } from './anime.ts';
import { normalizeTitle } from './title-key.ts';

/** `english`, `romaji`, `native`, `synonym`, or another language as the provider names it, in lower case (`german`). */
export type NameKind = string;

export interface AnimeName {
  kind: NameKind;
  name: string;
  /** normalizeTitle(name): what searches compare. */
  norm: string;
}

/**
 * Every name a provider gave an anime, each once per kind, in the order a person is most likely to know them.
 * Blank names and names that normalize to nothing (punctuation only) are left out: they cannot be searched.
 */
export function animeNames(t: AnimeTitles): AnimeName[] {
  const out: AnimeName[] = [];
  const seen = new Set<string>();
  const add = (kind: string, name: string | null | undefined): void => {
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (!trimmed || seen.has(`${kind}\u0000${trimmed}`)) return;
    const norm = normalizeTitle(trimmed);
    if (!norm) return;
    seen.add(`${kind}\u0000${trimmed}`);
    out.push({ kind, name: trimmed, norm });
  };
  add('english', t.english);
  add('romaji', t.romaji);
  add('native', t.native);
  for (const s of t.synonyms) add('synonym', s);
  for (const o of t.others ?? []) {
    const kind = o.language.trim().toLowerCase().replace(/\s+/g, '-');
    if (kind) add(kind, o.title);
  }
  return out;
}

/** The distinct normalized names besides `normTitle` (the title's own), for search. */
export function otherNorms(normTitle: string, norms: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const n of norms) if (n && n !== normTitle) out.add(n);
  return [...out];
}
