/**
 * Short messages that are not tied to a form: "Saved", a failed pause, a file the browser cannot
 * reveal. Shown in a polite live region so screen readers announce them; each can be dismissed.
 */
import { useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { NotifyContext, type Notice } from './useNotify.ts';

/** Holds the notices and renders them above everything else. */
export function NotificationsProvider({ children }: { readonly children: ReactNode }): React.JSX.Element {
  const [notices, setNotices] = useState<ReadonlyArray<Notice & { readonly id: number }>>([]);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (notice: Notice) => {
      const id = Date.now() + Math.random();
      setNotices((all) => [...all.slice(-3), { ...notice, id }]);
      if (notice.tone !== 'error') window.setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ notify }), [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((notice) => (
          <div key={notice.id} className={`notice notice--${notice.tone}`}>
            <span>{notice.message}</span>
            <button
              type="button"
              className="notice__close"
              onClick={() => dismiss(notice.id)}
              aria-label="Dismiss"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </NotifyContext.Provider>
  );
}
