/**
 * The sandbox's data: the account (company, users, fields, filters) and its organizations, with the
 * lookups validation and rendering need, and seeding, snapshot and reset.
 */
import type { SandboxClock } from './clock.ts';
import type { RenderContext } from './render.ts';
import { buildAccount, generateOrganizations, sec, type SeedContext } from './seed-data.ts';
import { OrgStore } from './store.ts';
import type { AccountData, FieldDef, OrgRecord, UserRecord } from './types.ts';
import type { WriteContext } from './validate.ts';

/** The JSON file format of a persisted sandbox. */
export interface SandboxSnapshot {
  format: 'orgport-sandbox';
  version: 1;
  seed: number;
  nextOrgId: number;
  account: AccountData;
  organizations: OrgRecord[];
}

/** Account plus organizations, and the derived indexes kept in step with them. */
export class SandboxState {
  readonly store = new OrgStore();
  account: AccountData;
  private seedCtx: SeedContext;
  private fieldsByKey = new Map<string, FieldDef>();
  private customFields: FieldDef[] = [];
  private usersById = new Map<number, UserRecord>();

  constructor(
    private readonly seed: number,
    private readonly clock: SandboxClock,
  ) {
    this.account = buildAccount(seed);
    this.seedCtx = { account: this.account, seed, names: new Map(), nameList: [] };
    this.index();
  }

  /** A fresh demo account with `count` organizations (ids 1..count). */
  seedFresh(count: number): void {
    this.account = buildAccount(this.seed);
    this.seedCtx = { account: this.account, seed: this.seed, names: new Map(), nameList: [] };
    this.index();
    this.store.load(generateOrganizations(this.seedCtx, 1, count), count + 1);
  }

  /** Adds `count` more demo organizations after the current last id. */
  addDemo(count: number): OrgRecord[] {
    const records = generateOrganizations(this.seedCtx, this.store.nextId, count);
    for (const rec of records) this.store.insert(rec);
    return records;
  }

  /** Restores a persisted snapshot. */
  load(snapshot: SandboxSnapshot): void {
    this.account = snapshot.account;
    this.seedCtx = { account: this.account, seed: snapshot.seed, names: new Map(), nameList: [] };
    for (const org of snapshot.organizations) {
      this.seedCtx.names.set(org.name, 1);
      this.seedCtx.nameList.push(org.name);
    }
    this.index();
    this.store.load(snapshot.organizations, snapshot.nextOrgId);
  }

  /** The whole state as plain JSON data. */
  snapshot(): SandboxSnapshot {
    return {
      format: 'orgport-sandbox',
      version: 1,
      seed: this.seed,
      nextOrgId: this.store.nextId,
      account: this.account,
      organizations: this.store.all(true),
    };
  }

  /** A field by key. */
  field(key: string): FieldDef | undefined {
    return this.fieldsByKey.get(key);
  }

  /** A user by id. */
  user(id: number): UserRecord | undefined {
    return this.usersById.get(id);
  }

  /** The user every accepted token acts as. */
  currentUser(): UserRecord {
    const me = this.usersById.get(this.account.currentUserId);
    if (!me) throw new Error('sandbox account has no current user');
    return me;
  }

  /** What body validation needs. */
  writeContext(): WriteContext {
    return {
      fields: this.fieldsByKey,
      users: this.usersById,
      orgExists: (id) => this.store.live(id) !== undefined,
      defaultTimezone: this.currentUser().timezone_name,
    };
  }

  /** What rendering needs. */
  renderContext(): RenderContext {
    return {
      customFields: this.customFields,
      fieldsByKey: this.fieldsByKey,
      companyDomain: this.account.company.domain,
    };
  }

  /** Moves an organization's update_time on a write: to now, and always forward by at least a second. */
  touch(org: OrgRecord): void {
    org.update_time = Math.max(sec(this.clock.now()), org.update_time + 1000);
    this.store.changed();
  }

  private index(): void {
    this.fieldsByKey = new Map(this.account.fields.map((f) => [f.key, f]));
    this.customFields = this.account.fields.filter((f) => f.custom);
    this.usersById = new Map(this.account.users.map((u) => [u.id, u]));
  }
}
