/**
 * The personal-data keys port: one data key per person (a customer, an account), kept apart from
 * the event log, wrapped by the master key (the store only ever sees wrapped keys). Erasing a
 * person deletes their key and leaves a tombstone, so that nobody can give them a new key and
 * readers can tell "erased" from "never had personal data".
 *
 * Adapters: PostgresPersonalDataKeys (both profiles: the keys stay in PostgreSQL whatever keeps the
 * events), InMemoryPersonalDataKeys (pure unit tests only).
 */
export type StoredKey = Buffer | 'erased';

export interface PersonalDataKeys {
  /** The subject's wrapped key; `wrapped` is stored first when there is none. Two callers at once get the same key. */
  ensure(subjectId: string, wrapped: Buffer): Promise<StoredKey>;
  /** The keys (or tombstones) of those subjects that have one; the others are left out. */
  find(subjectIds: readonly string[]): Promise<Map<string, StoredKey>>;
  /** Deletes the key for good and leaves a tombstone; erasing twice, or a subject without a key, is fine. */
  erase(subjectId: string, at: Date): Promise<void>;
}

export class InMemoryPersonalDataKeys implements PersonalDataKeys {
  private readonly keys = new Map<string, StoredKey>();

  ensure(subjectId: string, wrapped: Buffer): Promise<StoredKey> {
    if (!this.keys.has(subjectId)) this.keys.set(subjectId, wrapped);
    return Promise.resolve(this.keys.get(subjectId)!);
  }

  find(subjectIds: readonly string[]): Promise<Map<string, StoredKey>> {
    return Promise.resolve(new Map(subjectIds.flatMap((id) => (this.keys.has(id) ? [[id, this.keys.get(id)!] as const] : []))));
  }

  erase(subjectId: string): Promise<void> {
    this.keys.set(subjectId, 'erased');
    return Promise.resolve();
  }
}

/**
 * The keys, with the lookups asked in one turn of the event loop made as one. Under load every
 * command and every subscription batch that reads a customer's or an order's events looks up
 * keys at once: one round trip for all of them instead of one each. Nothing is cached: each
 * lookup is made after it was asked, so an erasure holds for every lookup asked after it.
 */
export function coalescedKeyLookups(keys: PersonalDataKeys): PersonalDataKeys {
  let queued: { subjectIds: readonly string[]; resolve: (found: Map<string, StoredKey>) => void; reject: (error: unknown) => void }[] = [];
  const flush = () => {
    const asked = queued;
    queued = [];
    keys.find([...new Set(asked.flatMap((lookup) => lookup.subjectIds))]).then(
      (found) => {
        for (const lookup of asked) lookup.resolve(new Map(lookup.subjectIds.flatMap((id) => (found.has(id) ? [[id, found.get(id)!] as const] : []))));
      },
      (error: unknown) => {
        for (const lookup of asked) lookup.reject(error);
      },
    );
  };
  return {
    ensure: (subjectId, wrapped) => keys.ensure(subjectId, wrapped),
    erase: (subjectId, at) => keys.erase(subjectId, at),
    find: (subjectIds) =>
      new Promise((resolve, reject) => {
        if (queued.length === 0) setImmediate(flush);
        queued.push({ subjectIds, resolve, reject });
      }),
  };
}
