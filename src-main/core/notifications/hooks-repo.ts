// SQLite access to the hooks table, its only reader and writer: read a bucket's hooks in document order, replace
// a bucket's configuration keeping the extras of surviving Ids, edit extras, and every hook for the cached view.
// Signing secrets are sealed by the SecretStore on the way in and opened on the way out (the desktop: OS keychain).
import type { Db } from '../db/open';
import { isKeychainSealed, ownerOnlyFileSecrets, type SecretStore } from '../kernel/secret-store';
import type { RealismOptions } from '../realism/realism';
import { authView, defaultFlavour, isFlavour, type HookAuth, type PayloadFlavour } from '../../../src-shared/contract';
import { HOOK_DEFAULTS, readRealism, readRetrySchedule } from './hook-options';
import { readHealthPolicy, type HealthPolicy } from './health-policy';
import { filterOf, type Dialect, type FilterRule, type Hook, type HookSpec, type HookState } from './types';

interface HookRow {
  bucket: string; id: string; position: number; dialect: string; url: string; events: string;
  filter_rules: string; prefix: string | null; suffix: string | null; state: string; confirmed: number;
  confirm_error: string | null; secret: string | null; retry_schedule: string | null; max_age_ms: number | null;
  timeout_ms: number; concurrency: number; realism: string | null; created_at: number; updated_at: number;
  flavour: string | null; auth: string | null;
  state_reason: string | null; health_policy: string | null;
}

/** How a hook of a replaced configuration ends up confirmed. */
export interface Confirmation { confirmed: boolean; error: string | null }

/** Extras a caller may set on one hook. */
export interface HookExtras {
  secret?: string | null; retrySchedule?: number[] | null; maxAgeMs?: number | null; timeoutMs?: number; concurrency?: number;
  realism?: RealismOptions | null;
  /** null = back to the dialect's default. */
  flavour?: PayloadFlavour | null;
  /** null = none. */
  auth?: HookAuth | null;
  health?: HealthPolicy | null;
}

/** The flavour stored in a row, else its dialect's default. */
const flavourOf = (row: HookRow): PayloadFlavour => (isFlavour(row.flavour) ? row.flavour : defaultFlavour(row.dialect as Dialect));

function rowToHook(row: HookRow, auth: HookAuth | null): Hook {
  return {
    bucket: row.bucket, id: row.id, position: row.position, dialect: row.dialect as Dialect, url: row.url,
    events: JSON.parse(row.events) as string[], rules: JSON.parse(row.filter_rules) as FilterRule[],
    prefix: row.prefix ?? '', suffix: row.suffix ?? '', state: row.state as HookState,
    confirmed: row.confirmed === 1, confirmError: row.confirm_error, hasSecret: row.secret !== null,
    retrySchedule: readRetrySchedule(row.retry_schedule),
    maxAgeMs: row.max_age_ms, timeoutMs: row.timeout_ms, concurrency: row.concurrency, realism: readRealism(row.realism),
    flavour: flavourOf(row), flavourSet: isFlavour(row.flavour), auth: authView(auth),
    stateReason: row.state_reason, health: readHealthPolicy(row.health_policy),
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** Prepared statements over the hooks table; `secrets` seals signing secrets at rest. */
export function createHooksRepo(db: Db, secrets: SecretStore = ownerOnlyFileSecrets) {
  const opened = new Map<string, string | null>();
  /** A stored secret opened (once per value); one this store cannot open signs nothing (see unopenableSecrets). */
  const open = (stored: string | null): string | null => {
    if (stored === null) return null;
    if (!opened.has(stored)) {
      let plain: string | null = null;
      try { plain = secrets.open(stored); } catch { plain = null; }
      opened.set(stored, plain);
    }
    return opened.get(stored) ?? null;
  };
  const seal = <T extends string | null | undefined>(secret: T): T => (typeof secret === 'string' ? secrets.seal(secret) as T : secret);
  const every = db.prepare<[], HookRow>('SELECT * FROM hooks ORDER BY bucket, position');
  const version = db.prepare('SELECT v FROM hooks_version').pluck();
  /** Auth is sealed whole (header values may be API keys). */
  const sealAuth = (auth: HookAuth | null): string | null => (auth ? secrets.seal(JSON.stringify(auth)) : null);
  /** The opened HookAuth of a row (a value this store cannot open, or bad JSON, sends none). */
  const authOf = (row: HookRow): HookAuth | null => {
    const text = open(row.auth);
    if (text === null) return null;
    try { return JSON.parse(text) as HookAuth; } catch { return null; }
  };
  const toHook = (row: HookRow): Hook => rowToHook(row, authOf(row));
  const list = db.prepare<[string], HookRow>('SELECT * FROM hooks WHERE bucket = ? ORDER BY position');
  const one = db.prepare<[string, string], HookRow>('SELECT * FROM hooks WHERE bucket = ? AND id = ?');
  const removeAll = db.prepare<[string]>('DELETE FROM hooks WHERE bucket = ?');
  const removeOne = db.prepare<[string, string]>('DELETE FROM hooks WHERE bucket = ? AND id = ?');
  const insert = db.prepare(`INSERT INTO hooks (bucket, id, position, dialect, url, events, filter_rules, prefix, suffix,
      state, confirmed, confirm_error, secret, retry_schedule, max_age_ms, timeout_ms, concurrency, realism, flavour, auth,
      created_at, updated_at, state_reason, health_policy)
    VALUES (@bucket, @id, @position, @dialect, @url, @events, @filter_rules, @prefix, @suffix, @state, @confirmed,
      @confirm_error, @secret, @retry_schedule, @max_age_ms, @timeout_ms, @concurrency, @realism, @flavour, @auth,
      @created_at, @updated_at, @state_reason, @health_policy)`);
  const setState = db.prepare<[string, string | null, number, string, string]>('UPDATE hooks SET state = ?, state_reason = ?, updated_at = ? WHERE bucket = ? AND id = ?');
  const setPosition = db.prepare<[number, string, string]>('UPDATE hooks SET position = ? WHERE bucket = ? AND id = ?');
  const secretOf = db.prepare<[string, string], { secret: string | null }>('SELECT secret FROM hooks WHERE bucket = ? AND id = ?');
  const allSecrets = db.prepare<[], { bucket: string; id: string; secret: string }>('SELECT bucket, id, secret FROM hooks WHERE secret IS NOT NULL');
  const setSecret = db.prepare<[string, string, string]>('UPDATE hooks SET secret = ? WHERE bucket = ? AND id = ?');

  return {
    list: (bucket: string): Hook[] => list.all(bucket).map(toHook),
    get: (bucket: string, id: string): Hook | undefined => { const row = one.get(bucket, id); return row && toHook(row); },
    secret: (bucket: string, id: string): string | null => open(secretOf.get(bucket, id)?.secret ?? null),
    /** Every hook of every bucket (by bucket, in configuration order) with its secret and delivery auth opened: what the
     * cached view maps. */
    all: (): (Hook & { secret: string | null; deliveryAuth: HookAuth | null })[] =>
      every.all().map((row) => ({ ...toHook(row), secret: open(row.secret), deliveryAuth: authOf(row) })),
    /** The stamp every write to the hooks table renews (random: a rolled-back write never brings an old one back). */
    version: (): unknown => version.get(),
    /** A hook's delivery auth, opened (for an export with secrets). */
    auth: (bucket: string, id: string): HookAuth | null => { const row = one.get(bucket, id); return row ? authOf(row) : null; },

    /**
     * Replace a bucket's whole configuration in one transaction. Hooks whose Id survives keep their
     * state, secret, retry policy, timeout and creation time; `confirmations` (by Id) overrides the
     * confirmation of hooks that were (re)confirmed, others keep theirs (new ones: confirmed).
   * `renamed` maps a new Id to the old Id whose extras it inherits (an edit that changed the Id).
   * `extras` (by Id) sets extras in the same transaction (an imported file's retry policy, secret, …).
     */
    replace: db.transaction((bucket: string, specs: readonly HookSpec[], confirmations: ReadonlyMap<string, Confirmation>,
      now: number, renamed: ReadonlyMap<string, string> = new Map(), extras: ReadonlyMap<string, HookExtras> = new Map()) => {
      const old = new Map(list.all(bucket).map((r) => [r.id, r]));
      removeAll.run(bucket);
      specs.forEach((spec, position) => {
        const prev = old.get(renamed.get(spec.id) ?? spec.id);
        const set = extras.get(spec.id) ?? {};
        const conf = confirmations.get(spec.id);
        const { prefix, suffix } = filterOf(spec.rules);
        insert.run({
          bucket, id: spec.id, position, dialect: spec.dialect, url: spec.url,
          events: JSON.stringify(spec.events), filter_rules: JSON.stringify(spec.rules),
          prefix: prefix || null, suffix: suffix || null,
          state: prev?.state ?? 'active',
          confirmed: conf ? Number(conf.confirmed) : prev?.confirmed ?? 1,
          confirm_error: conf ? conf.error : prev?.confirm_error ?? null,
          secret: set.secret !== undefined ? seal(set.secret) : prev?.secret ?? null,
          retry_schedule: set.retrySchedule !== undefined ? set.retrySchedule && JSON.stringify(set.retrySchedule) : prev?.retry_schedule ?? null,
          max_age_ms: set.maxAgeMs !== undefined ? set.maxAgeMs : prev?.max_age_ms ?? null,
          timeout_ms: set.timeoutMs ?? prev?.timeout_ms ?? HOOK_DEFAULTS.timeoutMs,
          concurrency: set.concurrency ?? prev?.concurrency ?? HOOK_DEFAULTS.concurrency,
          realism: set.realism !== undefined ? set.realism && JSON.stringify(set.realism) : prev?.realism ?? null,
          flavour: set.flavour !== undefined ? set.flavour : prev?.flavour ?? null,
          auth: set.auth !== undefined ? sealAuth(set.auth) : prev?.auth ?? null,
          created_at: prev?.created_at ?? now, updated_at: now,
          state_reason: prev?.state_reason ?? null,
          health_policy: set.health !== undefined ? set.health && JSON.stringify(set.health) : prev?.health_policy ?? null,
        });
      });
    }),
    removeBucket: (bucket: string): void => { removeAll.run(bucket); },
    remove: db.transaction((bucket: string, ids: readonly string[]): number => {
      let n = 0;
      for (const id of ids) n += removeOne.run(bucket, id).changes;
      list.all(bucket).forEach((r, i) => { if (r.position !== i) setPosition.run(i, bucket, r.id); });
      return n;
    }),
    /** Set a hook's state; `reason` says why it paused itself (suspension, loop guard), null otherwise. */
    setState: (bucket: string, id: string, state: HookState, now: number, reason: string | null = null): boolean =>
      setState.run(state, reason, now, bucket, id).changes > 0,
    setExtras(bucket: string, id: string, extras: HookExtras, now: number): boolean {
      const sets: string[] = [];
      const values: Record<string, unknown> = { bucket, id, now };
      const column = {
        secret: 'secret', retrySchedule: 'retry_schedule', maxAgeMs: 'max_age_ms', timeoutMs: 'timeout_ms', concurrency: 'concurrency',
        realism: 'realism', flavour: 'flavour', auth: 'auth', health: 'health_policy',
      } as const;
      for (const [field, col] of Object.entries(column) as [keyof HookExtras, string][]) {
        const value = extras[field];
        if (value === undefined) continue;
        sets.push(`${col} = @${col}`);
        values[col] = field === 'auth' ? sealAuth(value as HookAuth | null)
          : typeof value === 'object' && value !== null ? JSON.stringify(value) : field === 'secret' ? seal(value as string | null) : value;
      }
      if (sets.length === 0) return one.get(bucket, id) !== undefined;
      return db.prepare(`UPDATE hooks SET ${sets.join(', ')}, updated_at = @now WHERE bucket = @bucket AND id = @id`).run(values).changes > 0;
    },
    /** Seal secrets stored before this store sealed them (plain ones, when the desktop keychain is used); returns how many. */
    resealPlainSecrets: db.transaction((): number => {
      if (secrets.kind !== 'os-keychain') return 0;
      const plain = allSecrets.all().filter((r) => !isKeychainSealed(r.secret));
      for (const r of plain) setSecret.run(secrets.seal(r.secret), r.bucket, r.id);
      return plain.length;
    }),
    /** How many stored secrets this store cannot open (sealed by the desktop's keychain, read headless). */
    unopenableSecrets: (): number => allSecrets.all().filter((r) => open(r.secret) === null).length,
  };
}

/** The hooks table's statements. */
export type HooksRepo = ReturnType<typeof createHooksRepo>;
