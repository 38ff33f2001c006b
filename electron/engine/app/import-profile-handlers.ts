/**
 * `import-profile/*`: named mapping profiles, saved as the JSON files `orgport import --mapping` reads
 * (design.md, "Mapping profile"): list, save the open file's mapping, rename, delete, and apply one to
 * the open file (checked against its headers and the company's fields, like the CLI does).
 */
import type {
  ImportChannels,
  ImportChoicesView,
  ImportReadChoice,
  MappingProfileView,
} from '../../../shared/ipc-import.ts';
import {
  MappingProfileError,
  toMappingProfile,
  type MappingProfile,
  type ProfileColumnSettings,
} from '../../../shared/mapping-profile.ts';
import { resolveProfile } from '../../../shared/mapping-profile-resolve.ts';
import { formatTarget, parseTarget } from '../../../shared/mapping.ts';
import { ProfileStore, ProfileStoreError, type ImportSession, type StoredProfile } from '../import/index.ts';
import { ApiCallError } from './dispatch.ts';
import type { HandlersOf } from './handlers.ts';

type ProfileChannels = Pick<
  ImportChannels,
  | 'import-profile/list'
  | 'import-profile/save'
  | 'import-profile/rename'
  | 'import-profile/delete'
  | 'import-profile/apply'
>;

/** What the profile handlers need. */
export interface ProfileHandlerDeps {
  readonly profilesDir: string;
  /** The open import session `id` (throws when it is not open). */
  readonly session: (id: string) => ImportSession;
}

/** The profile handlers. */
export function importProfileHandlers(deps: ProfileHandlerDeps): HandlersOf<ProfileChannels> {
  const store = new ProfileStore(deps.profilesDir);
  return {
    'import-profile/list': async () => {
      const { profiles, broken } = await store.list();
      return {
        profiles: profiles.map(profileView),
        broken: broken.map((b) => ({ id: b.id, message: b.message })),
      };
    },

    'import-profile/save': async ({ name, replace, sessionId, choices }) => {
      const session = deps.session(sessionId);
      const profile = guard(() => draftProfile(name, session, choices));
      return profileView(await guardAsync(() => store.save(profile, { replace })));
    },

    'import-profile/rename': async ({ id, name }) =>
      profileView(await guardAsync(() => store.rename(id, name))),

    'import-profile/delete': ({ id }) => guardAsync(() => store.delete(id)),

    'import-profile/apply': async ({ sessionId, id, current }) => {
      const session = deps.session(sessionId);
      const stored = await guardAsync(() => store.load(id));
      return applyProfile(stored.profile, session, current);
    },
  };
}

function profileView(stored: StoredProfile): MappingProfileView {
  return {
    id: stored.id,
    name: stored.name,
    updatedAt: stored.updatedAt,
    columns: Object.values(stored.profile.columns).filter((target) => target !== null).length,
    mode: stored.profile.mode ?? null,
  };
}

/** The profile of the open file's mapping: targets as keys, only the settings the user chose. */
function draftProfile(name: string, session: ImportSession, choices: ImportChoicesView): MappingProfile {
  const file = session.file;
  const columnSettings: Record<string, ProfileColumnSettings> = {};
  for (const [header, settings] of Object.entries(choices.settings)) {
    if (choices.mapping[header] == null) continue;
    const { dateOrder, ...rest } = settings;
    // "ambiguous" is the absence of a choice; a profile stores choices only.
    columnSettings[header] = { ...rest, ...(dateOrder && dateOrder !== 'ambiguous' ? { dateOrder } : {}) };
  }
  return toMappingProfile({
    name,
    // The sheet is worth pinning; the header row only when the user chose it (the next file may have
    // another title above its headers, and detection finds it).
    ...(file.sheet === undefined ? {} : { sheet: file.sheet }),
    ...(file.headerRowSource === 'option' && file.headerRow > 0 ? { headerRow: file.headerRow } : {}),
    mode: choices.mode,
    columns: session.headers
      .filter((header) => !file.reportColumns.includes(header))
      .map((column) => {
        const text = choices.mapping[column] ?? null;
        return { column, target: text === null ? null : parseTarget(text) };
      }),
    ...(choices.mode !== 'create' && choices.match !== null ? { match: parseTarget(choices.match) } : {}),
    emptyCells: choices.emptyCells,
    columnSettings,
  });
}

/** A profile resolved against the open file, as choices the mapping table takes. */
function applyProfile(profile: MappingProfile, session: ImportSession, current: ImportChoicesView) {
  const file = session.file;
  const reread: { -readonly [K in keyof ImportReadChoice]: ImportReadChoice[K] } = {};
  if (profile.sheet && file.format === 'xlsx' && profile.sheet !== file.sheet) reread.sheet = profile.sheet;
  if (profile.headerRow !== undefined && profile.headerRow !== file.headerRow)
    reread.headerRow = profile.headerRow;
  const mode = profile.mode ?? current.mode;
  const resolved = resolveProfile(profile, session.catalog.fields, session.headers, { mode });
  const mapping: Record<string, string | null> = {};
  for (const header of session.headers) {
    const target = resolved.columns[header] ?? null;
    mapping[header] = target === null ? null : formatTarget(target);
  }
  const settings: Record<string, ProfileColumnSettings> = {};
  for (const [wanted, value] of Object.entries(profile.columnSettings ?? {})) {
    const header = session.headers.find((h) => loose(h) === loose(wanted));
    if (header !== undefined) settings[header] = value;
  }
  const describe = (p: { path: string; message: string }): string => `${p.path}: ${p.message}`;
  return {
    choices: {
      mapping,
      settings,
      mode,
      match: resolved.match === null ? current.match : formatTarget(resolved.match),
      emptyCells: profile.emptyCells ?? current.emptyCells,
      updateUnchanged: current.updateUnchanged,
    },
    reread: Object.keys(reread).length > 0 ? reread : null,
    warnings: resolved.warnings.map(describe),
    errors: resolved.errors.map(describe),
  };
}

function loose(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw userError(error);
  }
}

async function guardAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw userError(error);
  }
}

function userError(error: unknown): unknown {
  if (error instanceof ProfileStoreError) {
    return new ApiCallError(
      /There is no/.test(error.message) ? 'not_found' : 'invalid_request',
      error.message,
    );
  }
  if (error instanceof MappingProfileError) return new ApiCallError('invalid_request', error.message);
  return error;
}
