/**
 * A small "?" button that opens a short explanation next to it (a toggletip). The explanation is
 * rendered into a polite live region, so a screen reader reads it out when it opens; the button says
 * what it explains and whether it is open. Escape, a click elsewhere or the button again close it.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import './HelpTip.css';

/** Props of {@link HelpTip}. */
export interface HelpTipProps {
  /** What the tip explains, e.g. "match keys": the button reads "What is this? Match keys". */
  readonly topic: string;
  /** The explanation: a sentence or three, a short list at most. */
  readonly children: React.ReactNode;
  /** A test id for the button (the bubble gets `<id>-text`). */
  readonly testId?: string;
}

/** Keeps the bubble inside the window: nudged sideways, and above the button when there is no room below. */
function placeBubble(bubble: HTMLElement): void {
  bubble.style.setProperty('--help-tip-shift', '0px');
  bubble.classList.remove('help-tip__bubble--above');
  const margin = 8;
  const rect = bubble.getBoundingClientRect();
  const shift =
    rect.right > window.innerWidth - margin
      ? window.innerWidth - margin - rect.right
      : rect.left < margin
        ? margin - rect.left
        : 0;
  bubble.style.setProperty('--help-tip-shift', `${Math.round(shift)}px`);
  if (rect.bottom > window.innerHeight - margin && rect.top - rect.height > margin) {
    bubble.classList.add('help-tip__bubble--above');
  }
}

/** The "?" button and its explanation. */
export function HelpTip({ topic, children, testId }: HelpTipProps): React.JSX.Element {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const bubble = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    if (open && bubble.current) placeBubble(bubble.current);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (event.target instanceof Node && root.current?.contains(event.target)) return;
      setOpen(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      // Escape closes the tip only; a dialog around it stays open.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    // Capture: the tip's Escape must win over a surrounding <dialog>'s.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <span className="help-tip" ref={root}>
      <button
        ref={button}
        type="button"
        className="help-tip__button"
        aria-label={`What is this? ${topic}`}
        aria-expanded={open}
        aria-controls={`${id}-tip`}
        data-testid={testId}
        onClick={() => setOpen((was) => !was)}
      >
        ?
      </button>
      <span id={`${id}-tip`} role="status" aria-live="polite" className="help-tip__region">
        {open ? (
          <span ref={bubble} className="help-tip__bubble" data-testid={testId ? `${testId}-text` : undefined}>
            {children}
          </span>
        ) : null}
      </span>
    </span>
  );
}
