/**
 * "Open with Orgport": a spreadsheet the OS hands the app (at launch, or later) starts an import of it
 * on the Import screen, exactly like a file dropped on the window. A new user has no connection yet
 * when the OS starts the app with a file, so the sandbox (their default connection) is connected
 * first — the same rule the bare address follows ({@link sandboxIsDue}); a saved Pipedrive company is
 * never swapped for the sandbox, the screen asks to connect instead.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { PickedFile } from '../../../../shared/ipc.ts';
import { sandboxIsDue } from '../../../../shared/welcome-tours.ts';
import { errorMessage, orgport } from '../../api.ts';
import { navigate } from '../../routing.ts';
import { activeConnectionQuery, connectionsQuery } from '../connections/queries.ts';
import { ensureSandbox } from '../welcome/start-tour.ts';
import { currentDraft, startImport, updateDraft } from './import-draft.ts';
import { discardImport, importFile } from './open-file.ts';

/** Subscribes for the app's lifetime, then asks for a file that arrived before the page listened. */
export function useOpenedFiles(): void {
  const client = useQueryClient();
  useEffect(() => {
    const open = (file: PickedFile): void => {
      navigate({ screen: 'import' });
      void openHandedFile(file, client);
    };
    const unsubscribe = orgport().onFileOpened(open);
    void orgport()
      .takeOpenedFile()
      .then((result) => {
        if (result.ok && result.value) open(result.value);
      });
    return unsubscribe;
  }, [client]);
}

/** True when the sandbox should be connected before `file` is read; false when unsure. */
async function sandboxFirst(client: QueryClient): Promise<boolean> {
  try {
    const [active, profiles] = await Promise.all([
      client.fetchQuery(activeConnectionQuery()),
      client.fetchQuery(connectionsQuery()),
    ]);
    return sandboxIsDue({ active, profiles });
  } catch {
    // Without the facts, nothing is switched: the file opens and the screen says what is missing.
    return false;
  }
}

/** Opens a file the OS handed over, connecting the sandbox first when that is due. */
async function openHandedFile(file: PickedFile, client: QueryClient): Promise<void> {
  // The file is on screen at once ("Reading …"), not the empty screen's "not connected" warning.
  discardImport();
  startImport(file);
  updateDraft((d) => ({ ...d, opening: true }));
  const stillMine = (): boolean => currentDraft().file === file;
  if (await sandboxFirst(client)) {
    try {
      await ensureSandbox(client);
    } catch (error) {
      if (stillMine()) {
        updateDraft((d) => ({
          ...d,
          opening: false,
          openError: `The sandbox could not be connected, so the columns cannot be matched to its fields. ${errorMessage(error)}`,
        }));
      }
      return;
    }
  }
  // Another file (dropped, picked, handed over) replaced this one meanwhile.
  if (stillMine()) await importFile(file);
}
