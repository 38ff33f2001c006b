/**
 * The About box's part of the renderer ↔ engine API: what this copy of Orgport is and where it keeps
 * its files. `ipc.ts` intersects {@link AboutChannels} into the whole contract; the engine side is
 * `electron/engine/app/about-handlers.ts`.
 */
import type { ConnectionKind } from './ipc.ts';

/** Which folder or file an {@link AboutPlace} is. */
export type AboutPlaceId = 'data' | 'jobs' | 'logs' | 'exports';

/** A folder or file the About box shows, with "Copy" and (where the OS allows) "Show in folder". */
export interface AboutPlace {
  readonly id: AboutPlaceId;
  readonly label: string;
  /** Absolute path on the machine that runs the engine. */
  readonly path: string;
  /** One plain sentence: what is kept there. */
  readonly note: string;
}

/** The versions of what runs Orgport; null where this process does not have it (no Electron in a browser). */
export interface RuntimeVersions {
  readonly electron: string | null;
  readonly chrome: string | null;
  readonly node: string;
}

/** Everything the About box shows. */
export interface AboutInfo {
  readonly name: string;
  /** package.json's version. */
  readonly version: string;
  /** `desktop`: the Electron app; `browser`: `orgport web` in a browser tab. */
  readonly runtime: 'desktop' | 'browser';
  readonly versions: RuntimeVersions;
  /** The active connection, or null when none is. */
  readonly connection: { readonly kind: ConnectionKind; readonly name: string } | null;
  /** `encrypted`: tokens are stored encrypted on disk; `memory`: held in memory only. */
  readonly tokenStorage: 'encrypted' | 'memory';
  /** Data folder, jobs, log file (and the exports folder in the browser version), in that order. */
  readonly places: ReadonlyArray<AboutPlace>;
}

/** About calls. */
export interface AboutChannels {
  'about/info': () => Promise<AboutInfo>;
}

/** The `window.orgport` method of each about channel. */
export const ABOUT_INVOKE_METHODS = {
  'about/info': 'aboutInfo',
} as const satisfies { readonly [C in keyof AboutChannels]: string };
