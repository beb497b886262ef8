/** Colours are semantic tokens; with NO_COLOR (or a dumb terminal) every token is "no colour". */
export interface Theme {
  accent: string | undefined;
  muted: string | undefined;
  selected: string | undefined;
  error: string | undefined;
  colour: boolean;
}

const COLOUR: Theme = { accent: 'cyan', muted: 'gray', selected: 'blue', error: 'red', colour: true };
const NONE: Theme = { accent: undefined, muted: undefined, selected: undefined, error: undefined, colour: false };

export function themeFromEnv(env: NodeJS.ProcessEnv = process.env): Theme {
  return env.NO_COLOR !== undefined || env.TERM === 'dumb' ? NONE : COLOUR;
}
