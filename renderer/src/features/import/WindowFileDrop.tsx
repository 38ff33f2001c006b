/**
 * The whole window accepts a dropped spreadsheet: dragging a file over any screen shows where it will
 * go, and dropping it starts an import of it on the Import screen. Other drags (text, links) are left
 * to the page.
 */
import { useEffect, useRef, useState } from 'react';
import { useNotify } from '../../notifications/useNotify.ts';
import { navigate } from '../../routing.ts';
import { importDroppedFile } from './open-file.ts';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** Listens on the window; renders the "drop to import" overlay while a file is dragged over it. */
export function WindowFileDrop(): React.JSX.Element | null {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const notify = useNotify();

  useEffect(() => {
    const enter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setOver(true);
    };
    const overWindow = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Without this the browser opens the file itself instead of letting us have it.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setOver(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      const first = files[0];
      if (!first) return;
      if (files.length > 1) {
        notify({ tone: 'info', message: `One file at a time: importing ${first.name} only.` });
      }
      navigate({ screen: 'import' });
      void importDroppedFile(first);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [notify]);

  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__box">
        <strong>Drop the file to import it</strong>
        <span>CSV, TSV, TXT or Excel (.xlsx)</span>
      </div>
    </div>
  );
}
