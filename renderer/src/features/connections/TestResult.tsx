/** What "Test connection" found: who, which company, and the rate limit the headers reported. */
import type { AccountInfo, ConnectionTestResult } from '../../../../shared/ipc.ts';

/** The rate limit in words, e.g. "40 requests per 2 s (39 left)". */
export function rateLimitText(account: AccountInfo): string {
  const rate = account.rateLimit;
  if (!rate || rate.limit === null) return 'not reported yet';
  const left = rate.remaining === null ? '' : ` (${rate.remaining} left)`;
  return `${rate.limit} requests per ${rate.windowSeconds} s${left}`;
}

/** The result panel. */
export function TestResult({ result }: { readonly result: ConnectionTestResult }): React.JSX.Element {
  if (!result.ok) {
    return (
      <div className="alert alert--error" role="alert" data-testid="test-result">
        <strong>The connection did not work.</strong> {result.error.message}
      </div>
    );
  }
  const { account } = result;
  return (
    <div className="alert alert--success" role="status" data-testid="test-result">
      <strong>It works.</strong>
      <dl className="facts">
        <dt>User</dt>
        <dd>
          {account.user.name} ({account.user.email})
        </dd>
        <dt>Company</dt>
        <dd>
          {account.company.name} ({account.company.domain})
        </dd>
        <dt>Rate limit</dt>
        <dd>{rateLimitText(account)}</dd>
        {account.dailyBudget !== null ? (
          <>
            <dt>Daily token budget</dt>
            <dd>{account.dailyBudget.toLocaleString()}</dd>
          </>
        ) : null}
        <dt>Address</dt>
        <dd>
          <code>{result.baseUrl}</code>
        </dd>
      </dl>
    </div>
  );
}
