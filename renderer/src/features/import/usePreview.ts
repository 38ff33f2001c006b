/**
 * The preview of the open file under the current choices: asked for again (after a short pause, so
 * typing in the mapping table does not start a preview per key) whenever the choices change. Only the
 * newest answer counts; the engine cancels the preview it replaces. A cell edit hands in the figures
 * it came back with, so nothing is recomputed for it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportChoicesView, ImportPreviewView } from '../../../../shared/ipc-import.ts';
import { ApiFailure, orgport, unwrap } from '../../api.ts';

/** Pause after the last change before asking for a preview. */
const SETTLE_MS = 250;

/** What {@link usePreview} gives. */
export interface PreviewState {
  readonly preview: ImportPreviewView | null;
  /** True while a preview for the current choices is being made. */
  readonly loading: boolean;
  readonly error: unknown;
  /**
   * Changes with every new preview: rows fetched for an older stamp may be out of date. Null while a
   * preview is being made, which is what row queries wait for.
   */
  readonly stamp: number | null;
  /** Takes the figures an edit answered with. */
  readonly afterEdit: (preview: ImportPreviewView | null) => void;
}

/** The preview of `sessionId` under `choices`; `matchAgainstPipedrive` plans against the organizations. */
export function usePreview(
  sessionId: string | null,
  choices: ImportChoicesView | null,
  matchAgainstPipedrive: boolean,
): PreviewState {
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [stamp, setStamp] = useState<number | null>(null);
  const asked = useRef(0);
  const key = choices ? JSON.stringify(choices) : null;

  useEffect(() => {
    if (sessionId === null || key === null) return;
    const mine = ++asked.current;
    setLoading(true);
    setStamp(null);
    const timer = window.setTimeout(() => {
      const request = { sessionId, choices: JSON.parse(key) as ImportChoicesView, matchAgainstPipedrive };
      unwrap(orgport().previewImport(request)).then(
        (result) => {
          if (mine !== asked.current) return;
          setPreview(result);
          setError(null);
          setLoading(false);
          setStamp(mine);
        },
        (failure: unknown) => {
          if (mine !== asked.current) return;
          // Replaced by a newer preview: that one answers.
          if (failure instanceof ApiFailure && failure.kind === 'conflict') return;
          setError(failure);
          setLoading(false);
        },
      );
    }, SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [sessionId, key, matchAgainstPipedrive]);

  const afterEdit = useCallback((next: ImportPreviewView | null) => {
    if (next) setPreview(next);
  }, []);

  return { preview, loading, error, stamp, afterEdit };
}
