/**
 * `welcome/*`: whether the welcome panel opens at start (the `welcome` section of settings.json) and
 * the bundled sample file for the import tour.
 */
import { z } from 'zod';
import type { WelcomeChannels, WelcomeState } from '../../../shared/ipc-welcome.ts';
import type { HandlersOf } from './handlers.ts';
import { bundledSample } from './sample-file.ts';
import type { SettingsFile } from './settings-file.ts';

/** The settings.json section this file owns. */
export const WELCOME_SECTION = 'welcome';

const section = z.object({ showOnStart: z.boolean() });

/** Reads the section; anything missing or malformed means "show it" (a first run). */
export function parseWelcomeSection(raw: unknown): { readonly showOnStart: boolean } {
  const parsed = section.safeParse(raw);
  return { showOnStart: parsed.success ? parsed.data.showOnStart : true };
}

/** What the welcome handlers need. */
export interface WelcomeDeps {
  readonly settings: SettingsFile;
  /** The folder holding `samples/` (see sample-file.ts). */
  readonly resourcesDir: string;
}

/** The welcome handlers. */
export function welcomeHandlers(deps: WelcomeDeps): HandlersOf<WelcomeChannels> {
  const state = async (): Promise<WelcomeState> => ({
    showOnStart: parseWelcomeSection(await deps.settings.read(WELCOME_SECTION)).showOnStart,
    sample: await bundledSample(deps.resourcesDir),
  });
  return {
    'welcome/state': state,
    'welcome/show-on-start': async ({ show }) => {
      await deps.settings.update(WELCOME_SECTION, (current) => ({
        ...(current !== null && typeof current === 'object' ? current : {}),
        showOnStart: show,
      }));
      return state();
    },
  };
}
