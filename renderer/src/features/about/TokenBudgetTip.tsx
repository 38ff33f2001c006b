/**
 * The explanation of API tokens and the daily budget, placed wherever a cost or a spend is shown (the
 * import's cost, the job panel's figures), so it reads the same everywhere.
 */
import { HelpTip } from '../../components/HelpTip.tsx';

/** A "?" explaining API tokens, the shared daily budget and what happens when it runs out. */
export function TokenBudgetTip({ testId }: { readonly testId?: string }): React.JSX.Element {
  return (
    <HelpTip topic="the daily token budget" {...(testId ? { testId } : {})}>
      <span className="help-tip__p">
        Pipedrive charges every call a program makes in <strong>API tokens</strong>: 5 per organization
        created or updated, 10 to read a page of up to 500 organizations.
      </span>
      <span className="help-tip__p">
        Your company gets a <strong>daily budget</strong> of tokens, shared by everyone and every integration
        that uses the API. Working in Pipedrive itself costs nothing.
      </span>
      <span className="help-tip__p">
        <strong>If the budget runs out</strong>, the job stops on its own; nothing is lost or sent twice.
        Press Resume once the budget has refilled (Pipedrive refills it at midnight, its server time).
      </span>
    </HelpTip>
  );
}
