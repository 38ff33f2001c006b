/**
 * What an import will cost in API tokens (the company's daily budget is shared by everyone, so the
 * preview says it before anything is sent). Costs follow the client's table: 5 per create or update,
 * 10 per page of 500 organizations for the index, 10 for the field list, 20 for the users.
 */
import { tokenCost } from '../pipedrive/index.ts';
import type { ImportMode } from './types.ts';

/** The token cost of an import, by what it is spent on. */
export interface TokenCost {
  /** The field list (10). */
  readonly fields: number;
  /** The users (20), only when a user column is mapped. */
  readonly users: number;
  /** Pages of the matching index (10 each); null while unknown (update/upsert, index not loaded). */
  readonly index: number | null;
  /** 5 per row to create or update (rows still `pending` are counted as writes). */
  readonly writes: number;
  /** Everything together; null while the index part is unknown. */
  readonly total: number | null;
  /** The daily budget it is compared with, when known. */
  readonly dailyBudget: number | null;
  /** `total / dailyBudget`, when both are known. */
  readonly shareOfBudget: number | null;
}

/** Per-request costs, read from the client's table so the estimate cannot drift from the accounting. */
export const COSTS = {
  fields: tokenCost('GET', '/api/v2/organizationFields'),
  users: tokenCost('GET', '/v1/users'),
  indexPage: tokenCost('GET', '/api/v2/organizations'),
  create: tokenCost('POST', '/api/v2/organizations'),
  update: tokenCost('PATCH', '/api/v2/organizations/1'),
} as const;

/** What the estimate is made from. */
export interface CostInput {
  readonly mode: ImportMode;
  readonly creates: number;
  readonly updates: number;
  /** Rows whose outcome is not known yet (each will be a create or an update). */
  readonly pending: number;
  /** Index pages: known after the index is loaded; null before. */
  readonly indexPages: number | null;
  readonly needsUsers: boolean;
  readonly dailyBudget?: number | null;
}

/** Estimates the cost of the whole job as the job itself will spend it. */
export function estimateCost(input: CostInput): TokenCost {
  const fields = COSTS.fields;
  const users = input.needsUsers ? COSTS.users : 0;
  const index =
    input.mode === 'create' ? 0 : input.indexPages === null ? null : input.indexPages * COSTS.indexPage;
  const writes = input.creates * COSTS.create + (input.updates + input.pending) * COSTS.update;
  const total = index === null ? null : fields + users + index + writes;
  const dailyBudget = input.dailyBudget ?? null;
  return {
    fields,
    users,
    index,
    writes,
    total,
    dailyBudget,
    shareOfBudget: total !== null && dailyBudget ? total / dailyBudget : null,
  };
}
