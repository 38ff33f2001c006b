/** The notification context and its hook (kept apart from the provider component). */
import { createContext, useContext } from 'react';

/** One message for the user. */
export interface Notice {
  readonly tone: 'info' | 'success' | 'error';
  readonly message: string;
}

/** What components get from {@link useNotify}. */
export interface NotifyApi {
  notify(notice: Notice): void;
}

/** The context the provider fills. */
export const NotifyContext = createContext<NotifyApi>({ notify: () => undefined });

/** Shows a notice. */
export function useNotify(): NotifyApi['notify'] {
  return useContext(NotifyContext).notify;
}
