/**
 * The TUI's preferences (the library's sort and filters, the title language) saved into settings.json as they
 * change: a burst of changes (a filter toggled five times) is one write, a little after the last of them, and the
 * session's end writes what is still waiting. The CLI never saves.
 */
import type { LibraryFilter } from '../domain/filters.ts';
import type { SortKey } from '../domain/library-query.ts';
import type { TitleLanguage } from '../domain/title-language.ts';
import { saveSettings, type SaveFailure, type SettingChange } from './settings-file.ts';
import { filterForSettings, TUI_KEY } from './tui-preferences.ts';

export interface RememberedPreferences {
  sort?: SortKey;
  filter?: LibraryFilter;
  titleLanguage?: TitleLanguage;
}

/** What the TUI calls: remember a change; the answer is a problem to show once, or null. */
export interface PreferencesSink {
  remember(p: RememberedPreferences): Promise<string | null>;
}

/** How long after the last change the file is written. */
const DEBOUNCE_MS = 400;

function changesOf(p: RememberedPreferences): SettingChange[] {
  const changes: SettingChange[] = [];
  if (p.titleLanguage !== undefined) changes.push({ path: ['titleLanguage'], value: p.titleLanguage });
  if (p.sort !== undefined) changes.push({ path: [TUI_KEY, 'sort'], value: p.sort });
  if (p.filter !== undefined) changes.push({ path: [TUI_KEY, 'filters'], value: filterForSettings(p.filter) });
  return changes;
}

export class PreferencesSaver implements PreferencesSink {
  private pending: RememberedPreferences = {};
  private timer: NodeJS.Timeout | null = null;
  private waiting: Array<(problem: string | null) => void> = [];
  /** The write under way: one at a time, in the order they were asked for. */
  private writing: Promise<unknown> = Promise.resolve();
  /** What was last saved or read, per preference, so a change back and forth or a repeat writes nothing. */
  private readonly known: Map<string, string>;
  /** Why the last save failed, once told: a file broken for the whole session is said once, not at every change. */
  private told: SaveFailure | null;
  private readonly delayMs: number;

  /**
   * `initial`: what the file held at start. `brokenAtStart`: the person was already told the file cannot be saved
   * into, so a save failing for that reason says nothing new.
   */
  constructor(
    private readonly configDir: string,
    initial: RememberedPreferences = {},
    opts: { delayMs?: number; brokenAtStart?: boolean } = {},
  ) {
    this.known = new Map(changesOf(initial).map((c) => [c.path.join('.'), JSON.stringify(c.value)]));
    this.delayMs = opts.delayMs ?? DEBOUNCE_MS;
    this.told = opts.brokenAtStart ? 'file' : null;
  }

  remember(p: RememberedPreferences): Promise<string | null> {
    this.pending = { ...this.pending, ...p };
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Write what is waiting now. Resolves once every write asked for so far is done, with this write's problem (what
   * failed stays waiting: the next change or the session's end tries it again).
   */
  flush(): Promise<string | null> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const prefs = this.pending;
    const waiting = this.waiting;
    this.pending = {};
    this.waiting = [];
    const answer = (tell: string | null): void =>
      waiting.forEach((resolve, i) => resolve(i === waiting.length - 1 ? tell : null));
    const done = this.writing.then(async (): Promise<string | null> => {
      const changes = changesOf(prefs).filter((c) => this.known.get(c.path.join('.')) !== JSON.stringify(c.value));
      const result = changes.length ? await saveSettings(this.configDir, changes) : null;
      if (!result || result.problem === null) {
        for (const c of changes) this.known.set(c.path.join('.'), JSON.stringify(c.value));
        if (result) this.told = null;
        answer(null);
        return null;
      }
      this.pending = { ...prefs, ...this.pending };
      // Said once per cause, by the last change of the burst.
      answer(result.cause === this.told ? null : result.problem);
      this.told = result.cause;
      return result.problem;
    });
    this.writing = done;
    return done;
  }
}
