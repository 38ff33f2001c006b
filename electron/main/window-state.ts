/**
 * Remembering the window's size and position (the `window` section of settings.json), and restoring
 * it only where it is still visible: a monitor that was unplugged must not leave the window off-screen.
 */

/** A rectangle in screen coordinates. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is saved. */
export interface WindowState extends Rect {
  readonly maximized: boolean;
}

/** The size a first window opens with (readable at 1280×800). */
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

/** The smallest window the layout is designed for. */
export const MIN_SIZE = { width: 960, height: 600 } as const;

/** Reads the saved section; null when absent or malformed. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const nums = ['x', 'y', 'width', 'height'].map((k) => r[k]);
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [x, y, width, height] = nums as number[];
  return {
    x: Math.round(x ?? 0),
    y: Math.round(y ?? 0),
    width: Math.round(width ?? 0),
    height: Math.round(height ?? 0),
    maximized: r['maximized'] === true,
  };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with: the saved ones when at least a quarter of the window is on some display
 * (clamped to the minimum size), otherwise the default size centred by the OS (no x/y).
 */
export function restoreBounds(
  saved: WindowState | null,
  workAreas: ReadonlyArray<Rect>,
): {
  readonly width: number;
  readonly height: number;
  readonly x?: number;
  readonly y?: number;
  readonly maximized: boolean;
} {
  if (!saved) return { ...DEFAULT_SIZE, maximized: false };
  const width = Math.max(MIN_SIZE.width, saved.width);
  const height = Math.max(MIN_SIZE.height, saved.height);
  const rect = { x: saved.x, y: saved.y, width, height };
  const visible = workAreas.some((area) => overlap(rect, area) >= (width * height) / 4);
  if (!visible) return { ...DEFAULT_SIZE, maximized: saved.maximized };
  return { ...rect, maximized: saved.maximized };
}
