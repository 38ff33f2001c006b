/**
 * The choices a freshly opened file starts with when nothing earlier carries over. The import screen
 * shows them, and the engine makes the first preview for exactly these while it reads the file, so
 * both take them from here.
 */
import type { ImportChoicesView } from './ipc-import.ts';
import type { ImportMode } from './mapping-profile.ts';

/**
 * The proposed mapping (header → target text); an update by Pipedrive ID when an ID column is mapped,
 * a create otherwise (`mode` overrides that); empty cells skipped, unchanged organizations not sent.
 */
export function firstChoicesView(
  mapping: Readonly<Record<string, string | null>>,
  mode?: ImportMode,
): ImportChoicesView {
  const hasId = Object.values(mapping).includes('id');
  return {
    mapping,
    settings: {},
    mode: mode ?? (hasId ? 'update' : 'create'),
    match: hasId ? 'id' : 'name',
    emptyCells: 'skip',
    updateUnchanged: false,
  };
}
