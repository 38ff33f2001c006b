/**
 * The welcome panel's part of the renderer ↔ engine API: whether the panel opens when the app starts,
 * and where the bundled sample file is. `ipc.ts` intersects {@link WelcomeChannels} into the whole
 * contract; the engine side is `electron/engine/app/welcome-handlers.ts`.
 */
import type { PickedFile } from './ipc.ts';

/** What the welcome panel needs from the engine. */
export interface WelcomeState {
  /** True until the user ticks "Don't show this again" (remembered in settings.json). */
  readonly showOnStart: boolean;
  /** The sample spreadsheet shipped with the app; null when it is missing from this installation. */
  readonly sample: PickedFile | null;
}

/** Welcome calls. */
export interface WelcomeChannels {
  'welcome/state': () => Promise<WelcomeState>;
  'welcome/show-on-start': (args: { readonly show: boolean }) => Promise<WelcomeState>;
}

/** The `window.orgport` method of each welcome channel. */
export const WELCOME_INVOKE_METHODS = {
  'welcome/state': 'welcomeState',
  'welcome/show-on-start': 'setWelcomeOnStart',
} as const satisfies { readonly [C in keyof WelcomeChannels]: string };
