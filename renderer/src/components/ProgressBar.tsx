/** A progress bar: determinate when the total is known, an honest indeterminate one when it is not. */

/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  readonly current: number;
  readonly total: number | null;
  readonly label: string;
  readonly tone?: 'running' | 'paused' | 'done' | 'failed';
}

/** The bar, exposed to assistive technology as a `progressbar`. */
export function ProgressBar({
  current,
  total,
  label,
  tone = 'running',
}: ProgressBarProps): React.JSX.Element {
  const known = tone === 'done' || (total !== null && total > 0);
  const fraction = tone === 'done' ? 1 : known && total ? Math.min(1, Math.max(0, current / total)) : 0;
  const percent = Math.round(fraction * 100);
  // Only a running job without a known total gets the moving bar; a stopped one just stops.
  const moving = !known && tone === 'running';
  return (
    <div
      className={`progress progress--${tone}${moving ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? percent : undefined}
      aria-valuetext={known ? `${percent}%` : moving ? 'Working, total not known yet' : 'Not finished'}
    >
      <div className="progress__fill" style={{ width: known ? `${percent}%` : undefined }} />
    </div>
  );
}
