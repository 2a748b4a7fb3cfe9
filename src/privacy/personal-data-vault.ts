import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { EventStore, JsonObject, NewEvent, RecordedEvent } from '../event-store/event-store';
import type { PersonalDataKeys } from './personal-data-keys';
import { personalFieldsByEventType, type PersonalFields } from './personal-fields';

/**
 * Crypto-shredding. Before an event is appended, its personal fields (personal-fields.ts) are taken
 * out of its data and sealed, with AES-256-GCM, under the data key of the person they belong to, in
 * one field, `sealedPersonalData`; the log only ever holds the ciphertext, so its hash chains cover
 * the ciphertext and stay verifiable for ever. Reading opens the seal again. Erasing a person
 * deletes their key: from then on every reader (projections rebuilding, processes, auditors) sees
 * the erased placeholders instead, and nobody, us included, can get the data back.
 *
 * Opening never skips the key's lookup, so an erasure holds at once in every process (what the
 * lookup finds is only unwrapped again when it changed). Keys used for sealing are cached a while:
 * sealing with a key erased meanwhile elsewhere only writes what can never be opened.
 */
export const sealedField = 'sealedPersonalData';
const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

/** The master key is not the one the keys were wrapped with, or a sealed event was altered: a fault to fix, never "erased". */
export class PersonalDataSealError extends Error {
  override readonly name = 'PersonalDataSealError';
}

export interface PersonalDataVaultOptions {
  /** 32 bytes (EMPORIUM_MASTER_KEY); wraps every data key. */
  readonly masterKey: Buffer;
  readonly keys: PersonalDataKeys;
  readonly clock?: () => Date;
  /** How long a data key is kept in memory: for sealing, and for opening while its lookup finds it unchanged. */
  readonly sealingKeyTtlMs?: number;
}

export class PersonalDataVault {
  private readonly sealingKeys = new Map<string, { key: Buffer | 'erased'; until: number }>();
  /**
   * Data keys unwrapped for reading, by subject, with the wrapped bytes they came from, and the
   * seals they opened lately (by event and seal). Only the deciphering is saved (an AES-GCM
   * decipher per key and per seal, most of the vault's cost on a read of a customer): the lookup
   * that tells whether the key still exists is made at every read, so an erasure still holds at
   * once, and it drops the entry here, with what it opened.
   */
  private readonly openingKeys = new Map<string, OpeningKey>();
  /** Seals kept opened, across the keys above (an upper bound: entries dropped with their key are not counted off). */
  private openedSeals = 0;
  private readonly clock: () => Date;

  constructor(private readonly options: PersonalDataVaultOptions) {
    if (options.masterKey.length !== 32) throw new RangeError('The master key must be 32 bytes (AES-256)');
    this.clock = options.clock ?? (() => new Date());
  }

  /** The events as they are to be written: personal data sealed under its owner's key, or erased already if the owner is. */
  async seal(events: readonly NewEvent[]): Promise<NewEvent[]> {
    return Promise.all(
      events.map(async (event) => {
        const found = personalPartOf(event.type, event.data);
        if (!found) return event;
        const key = await this.sealingKeyOf(found.subjectId);
        if (key === 'erased') return { ...event, data: { ...found.rest, ...found.spec.fields } };
        return { ...event, data: { ...found.rest, [sealedField]: sealWith(key, event, found.subjectId, found.personal) } };
      }),
    );
  }

  /** The events as read: seals opened, or the placeholders where their owner was erased. */
  async reveal<Event extends RecordedEvent>(events: readonly Event[]): Promise<Event[]> {
    const parts = events.map((event) => personalPartOf(event.type, event.data));
    const subjects = new Set(parts.flatMap((part) => (part && (part.sealed !== undefined || Object.keys(part.personal).length > 0) ? [part.subjectId] : [])));
    if (subjects.size === 0) return [...events];
    const keys = await this.options.keys.find([...subjects]);
    const opened = new Map<string, OpeningKey | 'erased' | undefined>();
    const keyOf = (subjectId: string) => {
      if (!opened.has(subjectId)) opened.set(subjectId, this.openingKeyOf(subjectId, keys.get(subjectId)));
      return opened.get(subjectId);
    };
    return events.map((event, index) => {
      const found = parts[index];
      if (!found) return event;
      const key = keyOf(found.subjectId);
      // Written before sealing existed (plain): shown as it is, unless its owner was erased since.
      if (found.sealed === undefined) return key === 'erased' ? { ...event, data: { ...found.rest, ...found.spec.fields } } : event;
      // No key at all for sealed data: the keys were lost or belong to another shop; nothing can open it.
      const personal = key === 'erased' || key === undefined ? found.spec.fields : this.open(key, event, found.subjectId, found.sealed);
      return { ...event, data: { ...found.rest, ...personal } };
    });
  }

  /** Deletes the person's key: everything sealed under it is unreadable from now on, everywhere. */
  async erase(subjectId: string): Promise<void> {
    await this.options.keys.erase(subjectId, this.clock());
    this.sealingKeys.set(subjectId, { key: 'erased', until: Number.POSITIVE_INFINITY });
    this.openingKeys.delete(subjectId);
  }

  private async sealingKeyOf(subjectId: string): Promise<Buffer | 'erased'> {
    const now = this.clock().getTime();
    const cached = this.sealingKeys.get(subjectId);
    if (cached && cached.until > now) return cached.key;
    const stored = await this.options.keys.ensure(subjectId, this.wrap(subjectId, randomBytes(32)));
    const key = stored === 'erased' ? stored : this.unwrap(subjectId, stored);
    if (this.sealingKeys.size >= 10_000) this.sealingKeys.clear();
    this.sealingKeys.set(subjectId, { key, until: now + (this.options.sealingKeyTtlMs ?? 60_000) });
    return key;
  }

  private openingKeyOf(subjectId: string, stored: Buffer | 'erased' | undefined): OpeningKey | 'erased' | undefined {
    if (stored === undefined || stored === 'erased') {
      this.openingKeys.delete(subjectId);
      return stored;
    }
    const now = this.clock().getTime();
    const known = this.openingKeys.get(subjectId);
    if (known && known.until > now && known.wrapped.equals(stored)) return known;
    const fresh = { wrapped: stored, key: this.unwrap(subjectId, stored), until: now + (this.options.sealingKeyTtlMs ?? 60_000), opened: new Map<string, string>() };
    if (this.openingKeys.size >= 10_000) this.openingKeys.clear();
    this.openingKeys.set(subjectId, fresh);
    return fresh;
  }

  /** A seal's content, deciphered once while its key is kept (a customer's stream is read by every order of theirs). */
  private open({ key, opened }: OpeningKey, event: RecordedEvent, subjectId: string, sealed: string): JsonObject {
    // The event's id and type are the seal's associated data: a seal moved to another event is opened (and refused) anew.
    const id = `${event.id}/${event.type}/${sealed}`;
    let plaintext = opened.get(id);
    if (plaintext === undefined) {
      plaintext = openWith(key, event, subjectId, sealed);
      // A few thousand seals in all, whatever the number of people: a rebuild opens every order once.
      if (this.openedSeals >= 4_000) {
        for (const other of this.openingKeys.values()) other.opened.clear();
        this.openedSeals = 0;
      }
      opened.set(id, plaintext);
      this.openedSeals++;
    }
    // Parsed anew each time: every reader gets data of its own.
    return JSON.parse(plaintext) as JsonObject;
  }

  private wrap(subjectId: string, dataKey: Buffer): Buffer {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.options.masterKey, iv).setAAD(Buffer.from(`data-key/${subjectId}`));
    const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  private unwrap(subjectId: string, wrapped: Buffer): Buffer {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.options.masterKey, wrapped.subarray(0, ivBytes)).setAAD(Buffer.from(`data-key/${subjectId}`));
      decipher.setAuthTag(wrapped.subarray(ivBytes, ivBytes + tagBytes));
      return Buffer.concat([decipher.update(wrapped.subarray(ivBytes + tagBytes)), decipher.final()]);
    } catch {
      throw new PersonalDataSealError(`The data key of ${subjectId} does not open with this master key (EMPORIUM_MASTER_KEY): is it the shop's?`);
    }
  }
}

/** A data key unwrapped for reading, from these wrapped bytes, until then; and the seals it opened, by event and seal. */
interface OpeningKey {
  readonly wrapped: Buffer;
  readonly key: Buffer;
  readonly until: number;
  readonly opened: Map<string, string>;
}

interface PersonalPart {
  readonly spec: PersonalFields;
  readonly subjectId: string;
  /** The personal fields present in the event, in the clear. */
  readonly personal: JsonObject;
  readonly sealed: string | undefined;
  /** Everything else. */
  readonly rest: JsonObject;
}

function personalPartOf(type: string, data: JsonObject): PersonalPart | null {
  const spec = personalFieldsByEventType[type];
  const subjectId = spec ? data[spec.subject] : undefined;
  if (!spec || typeof subjectId !== 'string' || subjectId === '') return null;
  const personal: JsonObject = {};
  const rest: JsonObject = {};
  for (const [field, value] of Object.entries(data)) {
    if (field in spec.fields) personal[field] = value;
    else if (field !== sealedField) rest[field] = value;
  }
  const sealed = data[sealedField];
  return { spec, subjectId, personal, sealed: typeof sealed === 'string' ? sealed : undefined, rest };
}

/** Bound to its event and owner, so a sealed value moved to another event or person does not open. */
const associatedData = (event: { id: string; type: string }, subjectId: string) => Buffer.from(`${event.id}/${event.type}/${subjectId}`);

function sealWith(key: Buffer, event: NewEvent, subjectId: string, personal: JsonObject): string {
  const plaintext = Buffer.from(JSON.stringify(personal));
  // A synthetic IV (from the key, the event id and the plaintext): appending the same event again
  // (a retry) writes the same bytes, which the store recognises as the same event; two different
  // plaintexts never share an IV.
  const iv = createHmac('sha256', key).update(event.id).update('\0').update(plaintext).digest().subarray(0, ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(associatedData(event, subjectId));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${version}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}`;
}

function openWith(key: Buffer, event: RecordedEvent, subjectId: string, sealed: string): string {
  const [seen, iv, body] = sealed.split('.');
  try {
    if (seen !== version || !iv || !body) throw new Error('unknown form');
    const bytes = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(associatedData(event, subjectId));
    decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - tagBytes)), decipher.final()]).toString('utf8');
  } catch {
    throw new PersonalDataSealError(`The personal data of event ${event.id} (${event.streamId}@${event.revision}) does not open: it was altered, or sealed by another shop`);
  }
}

/**
 * The event store as the application uses it: appends sealed, reads opened. Checkpoints and the
 * head are the store's own; audits of the log's integrity read the store itself, as written.
 */
export function vaultedEventStore(store: EventStore, vault: PersonalDataVault): EventStore {
  return {
    appendToStream: async (streamId, events, options) => store.appendToStream(streamId, await vault.seal(events), options),
    readStream: async (streamId, options) => vault.reveal(await store.readStream(streamId, options)),
    async *readAll(options) {
      for await (const batch of store.readAll(options)) yield vault.reveal(batch);
    },
    subscribe: (options) => store.subscribe({ ...options, handle: async (events, context) => options.handle(await vault.reveal(events), context) }),
    headCheckpoint: () => store.headCheckpoint(),
    checkpoints: store.checkpoints,
    close: () => store.close(),
  };
}
