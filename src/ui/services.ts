import { createContext, useContext } from 'react';
import type { TuiServices } from '../app/tui-session.ts';

/**
 * The one way data reaches the screens: the TUI's services (the application layer). The app reads through them
 * the view model a screen opens with (the library, a title, the stats); screens ask them for the rest (the plan,
 * recommendations, imports, path completion) and for every change.
 */
export const ServicesContext = createContext<TuiServices | null>(null);

export function useServices(): TuiServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('A screen was rendered outside the app: it has no services.');
  return services;
}
