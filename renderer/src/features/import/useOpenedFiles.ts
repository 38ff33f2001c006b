/**
 * "Open with Orgport": a spreadsheet the OS hands the app (at launch, or later) starts an import of it
 * on the Import screen, exactly like a file dropped on the window.
 */
import { useEffect } from 'react';
import type { PickedFile } from '../../../../shared/ipc.ts';
import { orgport } from '../../api.ts';
import { navigate } from '../../routing.ts';
import { importFile } from './open-file.ts';

/** Subscribes for the app's lifetime, then asks for a file that arrived before the page listened. */
export function useOpenedFiles(): void {
  useEffect(() => {
    const open = (file: PickedFile): void => {
      navigate({ screen: 'import' });
      void importFile(file);
    };
    const unsubscribe = orgport().onFileOpened(open);
    void orgport()
      .takeOpenedFile()
      .then((result) => {
        if (result.ok && result.value) open(result.value);
      });
    return unsubscribe;
  }, []);
}
