/** The app's icons: one 24×24 outline path drawn in the text colour, hidden from screen readers. */

/** Draws `path` (SVG path data on a 24×24 grid) as an outline icon. */
export function LineIcon({
  path,
  className,
}: {
  readonly path: string;
  readonly className: string;
}): React.JSX.Element {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={path}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
