/** Keeps a `<dialog>` shown as a modal exactly while `open` is true (focus trapped, backdrop, Escape). */
import { useEffect, useRef } from 'react';

/** A ref for the `<dialog>`; it is opened with `showModal` and closed as `open` changes. */
export function useModalDialog(open: boolean): React.RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
