/** Problems with the choices themselves (two columns on one field, no match key…), errors first. */
import type { ImportIssueView } from '../../../../shared/ipc-import.ts';

/** The list; nothing when there are no issues. */
export function IssueList({
  issues,
}: {
  readonly issues: ReadonlyArray<ImportIssueView>;
}): React.JSX.Element | null {
  if (issues.length === 0) return null;
  const sorted = [...issues].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  return (
    <ul className="issues" aria-label="Problems with these choices">
      {sorted.map((issue) => (
        <li
          key={`${issue.level}-${issue.column ?? ''}-${issue.message}`}
          className={`alert ${issue.level === 'error' ? 'alert--error' : 'alert--warn'}`}
        >
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
