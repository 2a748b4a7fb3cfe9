import { RequestBatcher } from '../shared/request-batcher';

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
 * The keys, with the lookups asked together made as one: those asked in one turn of the event
 * loop, and under load those asked while others are under way. Every command and every
 * subscription batch that reads a customer's or an order's events looks up keys: one round trip
 * for many of them instead of one each. Nothing is cached: each lookup is made after it was asked,
 * so an erasure holds for every lookup asked after it.
 */
export function coalescedKeyLookups(keys: PersonalDataKeys): PersonalDataKeys {
  const lookups = new RequestBatcher<readonly string[], Map<string, StoredKey>>(
    async (batch) => {
      const found = await keys.find([...new Set(batch.flatMap(({ request }) => request))]);
      for (const { request, resolve } of batch) resolve(new Map(request.flatMap((id) => (found.has(id) ? [[id, found.get(id)!] as const] : []))));
    },
    { maxInFlight: 2, maxBatch: 200, gatherTurn: true },
  );
  return {
    ensure: (subjectId, wrapped) => keys.ensure(subjectId, wrapped),
    erase: (subjectId, at) => keys.erase(subjectId, at),
    find: (subjectIds) => lookups.submit(subjectIds),
  };
}
