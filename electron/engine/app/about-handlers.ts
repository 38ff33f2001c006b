/**
 * `about/info`: the About box's facts — the version, what runs Orgport, the active connection, and the
 * folders and files Orgport keeps on this machine. The places are also allowed for "Show in folder"
 * (only these exact paths, never what is inside them: the data folder holds the token file).
 */
import type { AboutChannels, AboutInfo, AboutPlace, RuntimeVersions } from '../../../shared/ipc-about.ts';
import type { ActiveConnection } from '../../../shared/ipc.ts';
import type { HandlersOf } from './handlers.ts';

/** What the About box is built from. */
export interface AboutSources {
  readonly version: string;
  readonly dataDir: string;
  readonly jobsDir: string;
  readonly logFile: string;
  /** Where saves go in the browser version; null in the desktop app (it asks with a dialog). */
  readonly saveFolder: string | null;
  readonly tokenStorage: 'encrypted' | 'memory';
  readonly activeConnection: () => ActiveConnection | null;
  /** Default `process.versions`. */
  readonly versions?: Readonly<Record<string, string | undefined>>;
}

/** The versions of Electron, Chromium and Node in a `process.versions`-like record. */
export function runtimeVersions(versions: Readonly<Record<string, string | undefined>>): RuntimeVersions {
  return {
    electron: versions['electron'] ?? null,
    chrome: versions['chrome'] ?? null,
    node: versions['node'] ?? 'unknown',
  };
}

/** The places the About box lists, in the order it lists them. */
export function aboutPlaces(
  sources: Pick<AboutSources, 'dataDir' | 'jobsDir' | 'logFile' | 'saveFolder'>,
): AboutPlace[] {
  const places: AboutPlace[] = [
    {
      id: 'data',
      label: 'Data folder',
      path: sources.dataDir,
      note: 'Settings, saved connections (their tokens apart), mapping profiles and the sandbox’s data.',
    },
    {
      id: 'jobs',
      label: 'Jobs and reports',
      path: sources.jobsDir,
      note: 'One folder per job: what it was asked to do, its journal (one line per row) and its reports.',
    },
    {
      id: 'logs',
      label: 'Log file',
      path: sources.logFile,
      note: 'When each job started, paused, resumed, finished or failed, and calls that failed. Never the API token.',
    },
  ];
  if (sources.saveFolder !== null) {
    places.push({
      id: 'exports',
      label: 'Saved files',
      path: sources.saveFolder,
      note: 'Exports made in the browser version are saved here.',
    });
  }
  return places;
}

/** The About box's facts. */
export function aboutInfo(sources: AboutSources): AboutInfo {
  const versions = runtimeVersions(sources.versions ?? process.versions);
  const active = sources.activeConnection();
  return {
    name: 'Orgport',
    version: sources.version,
    runtime: versions.electron === null ? 'browser' : 'desktop',
    versions,
    connection: active ? { kind: active.profile.kind, name: active.profile.name } : null,
    tokenStorage: sources.tokenStorage,
    places: aboutPlaces(sources),
  };
}

/** `about/info`. */
export function aboutHandlers(sources: () => AboutSources): HandlersOf<AboutChannels> {
  return { 'about/info': async () => aboutInfo(sources()) };
}
