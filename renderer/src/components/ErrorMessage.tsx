/** A failure explained in words, announced to screen readers. */
import { errorMessage } from '../api.ts';

/** Shows an error's message, or nothing when there is no error. */
export function ErrorMessage({
  error,
  title,
}: {
  readonly error: unknown;
  readonly title?: string;
}): React.JSX.Element | null {
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      {title ? <strong>{title} </strong> : null}
      {typeof error === 'string' ? error : errorMessage(error)}
    </div>
  );
}
