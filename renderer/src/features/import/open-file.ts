/**
 * Opening a file for import, from wherever it came (a drop anywhere in the window, the picker, a
 * failed-rows report): the engine reads it into a session and proposes a mapping, and the draft gets
 * its first choices. Plain functions rather than hooks, because a drop on another screen starts it.
 */
import type { ImportChoicesView, ImportReadChoice } from '../../../../shared/ipc-import.ts';
import type { PickedFile } from '../../../../shared/ipc.ts';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { initialChoices } from './choices.ts';
import { currentDraft, startImport, updateDraft, clearDraft } from './import-draft.ts';

/** The file types the picker offers. */
export const IMPORT_FILTERS = [{ name: 'Spreadsheets', extensions: ['csv', 'tsv', 'txt', 'xlsx'] }];

let openCount = 0;

/** Closes the engine's session of the draft, if any (fire and forget: it only frees temporary rows). */
function closeSession(): void {
  const opened = currentDraft().opened;
  if (opened) void orgport().closeImport({ sessionId: opened.sessionId });
}

/** Starts an import of `file`; `carry` starts from an earlier import's choices. */
export async function importFile(file: PickedFile, carry: ImportChoicesView | null = null): Promise<void> {
  closeSession();
  startImport(file, carry);
  await readDraftFile({});
}

/**
 * Reads the draft's file (again) with `read` overrides. The previous session is replaced only once the
 * new one is open, so a failed re-read leaves the screen as it was, with the reason shown.
 */
export async function readDraftFile(read: ImportReadChoice): Promise<void> {
  const draft = currentDraft();
  if (!draft.file) return;
  const mine = ++openCount;
  updateDraft((d) => ({ ...d, opening: true, openError: null }));
  try {
    const opened = await unwrap(
      orgport().openImport({
        path: draft.file.path,
        read,
        ...(draft.carry ? { mode: draft.carry.mode } : {}),
        ...(draft.opened ? { replaces: draft.opened.sessionId } : {}),
      }),
    );
    if (mine !== openCount) {
      // A newer file or setting won while this one was read.
      void orgport().closeImport({ sessionId: opened.sessionId });
      return;
    }
    updateDraft((d) => {
      const kept = d.opened && d.choices ? { choices: d.choices, touched: d.touched } : null;
      return {
        ...d,
        read,
        opened,
        choices: initialChoices(opened, kept, d.carry),
        opening: false,
        step: 'columns',
      };
    });
  } catch (error) {
    if (mine === openCount) updateDraft((d) => ({ ...d, opening: false, openError: errorMessage(error) }));
  }
}

/** Asks for a file (the OS dialog, or the browser's picker and an upload) and imports it. */
export async function pickAndImport(): Promise<void> {
  try {
    const picked = await unwrap(
      orgport().openFileDialog({ title: 'Import organizations from…', filters: IMPORT_FILTERS }),
    );
    if (picked) await importFile(picked);
  } catch (error) {
    updateDraft((d) => ({ ...d, openError: errorMessage(error) }));
  }
}

/** Uploads (browser) or resolves (desktop) a dropped file and imports it. */
export async function importDroppedFile(file: File): Promise<void> {
  try {
    const picked = await unwrap(orgport().fileFromDrop(file));
    await importFile(picked);
  } catch (error) {
    updateDraft((d) => ({ ...d, openError: errorMessage(error) }));
  }
}

/** Closes the session and forgets the draft ("Start over"). */
export function discardImport(): void {
  closeSession();
  openCount += 1;
  clearDraft();
}
