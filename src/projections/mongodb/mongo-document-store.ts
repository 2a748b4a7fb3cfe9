import { randomBytes } from 'node:crypto';
import { MongoBulkWriteError, type Collection, type Db, type Filter, type Document as MongoDocument, type Sort } from 'mongodb';
import type { Checkpoint } from '../../event-store/event-store';
import type { CollectionSpec, DocumentChange, DocumentStore, FieldSpec, FindQuery, StoredDocument } from '../document-store';

/** How a read model document is kept: the document itself (null once deleted) and the checkpoint of its last event. */
interface Stored {
  _id: string;
  doc: unknown;
  cp: { c: number; p: number };
  /** The checkpoint as one string that sorts as checkpoints do, so a write's condition is one comparison on one field. */
  cpk: string;
}

/**
 * Read models in MongoDB (or a server of its wire protocol, such as FerretDB), one collection per
 * read model (`rm_<name>`). Written to work on FerretDB 1.x as well as MongoDB, so without what
 * FerretDB 1 lacks (transactions, change streams, `$lookup`, `$text`):
 *
 * - Exactly-once effect without transactions: each document carries the checkpoint of the last
 *   event applied, and a write replaces it only if its checkpoint is older (compare-and-set on the
 *   checkpoint read), so a batch delivered again (after a crash between the write and the
 *   projection's checkpoint) changes nothing. New documents go in with one unordered insertMany.
 * - Search is a case-insensitive substring of a lower-cased field, with an anchored-free regular
 *   expression on it (the port's `contains`): correct on both servers, a scan of the collection's
 *   filtered part. (`$text` would need MongoDB; a token index could not answer substrings.)
 * - Rebuilds fill a shadow collection (a delete and an insert per batch, see replaceUnread), then `renameCollection` with `dropTarget` puts it in place
 *   in one step on MongoDB; FerretDB 1 lacks `dropTarget`, so there the live one is renamed aside
 *   first (see swap).
 */
export class MongoDocumentStore implements DocumentStore {
  /** Shadows this store made and has not swapped in yet: no query reads them. */
  private readonly unread = new Set<string>();

  constructor(private readonly db: Db) {}

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    await this.createIndexes(collectionOf(spec.name), spec);
  }

  async load<Doc>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<Doc>>> {
    if (ids.length === 0) return new Map();
    const found = await this.db.collection<Stored>(collectionOf(collection)).find({ _id: { $in: [...ids] } }).toArray();
    return new Map(found.map((stored) => [stored._id, { document: (stored.doc ?? null) as Doc | null, checkpoint: { commit: stored.cp.c, position: stored.cp.p } }]));
  }

  async save<Doc>(collection: string, changes: readonly DocumentChange<Doc>[]): Promise<void> {
    const target = this.db.collection<Stored>(collectionOf(collection));
    let pending = this.unread.has(collection) ? await replaceUnread(target, changes) : [...changes];
    // Compare-and-set: read the checkpoints the documents have, insert the new ones, replace the
    // older ones only where they still have the checkpoint read; a document another writer changed
    // meanwhile is read again. (Not one conditional upsert each: FerretDB 1 scans the collection for
    // every such upsert, which made a rebuild quadratic; a lookup by _id and plain inserts are not.)
    for (let round = 0; pending.length > 0; round++) {
      if (round > 20) throw new Error(`Documents of ${collection} kept changing under this write`);
      const stored = new Map((await target.find({ _id: { $in: pending.map((change) => change.id) } }, { projection: { cpk: 1 } }).toArray()).map((document) => [document._id, document.cpk]));
      const fresh = pending.filter((change) => !stored.has(change.id));
      const older = pending.filter((change) => stored.has(change.id) && (stored.get(change.id) ?? '') < checkpointKey(change.checkpoint));
      const retry = new Set<string>();
      if (fresh.length > 0) {
        try {
          await target.insertMany(fresh.map((change) => storedOf(change)), { ordered: false });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          // Inserted by another writer meanwhile: those are compared again next round (the ones that went in are done).
          for (const change of fresh) retry.add(change.id);
        }
      }
      for (const change of older) {
        const replaced = await target.replaceOne({ _id: change.id, cpk: stored.get(change.id)! }, storedOf(change));
        if (replaced.matchedCount === 0) retry.add(change.id);
      }
      pending = pending.filter((change) => retry.has(change.id));
    }
  }

  async get<Doc>(collection: string, id: string): Promise<Doc | null> {
    const stored = await this.db.collection<Stored>(collectionOf(collection)).findOne({ _id: id, doc: { $ne: null } });
    return (stored?.doc ?? null) as Doc | null;
  }

  async countBy(collection: string, path: string): Promise<Record<string, number>> {
    const groups = await this.db
      .collection<Stored>(collectionOf(collection))
      .aggregate<{ _id: unknown; count: number }>([{ $match: { doc: { $ne: null } } }, { $group: { _id: `$${field(path)}`, count: { $sum: 1 } } }])
      .toArray();
    return Object.fromEntries(groups.filter((group) => typeof group._id === 'string').map((group) => [group._id as string, group.count]));
  }

  async find<Doc>(collection: string, query: FindQuery): Promise<Doc[]> {
    const conditions: MongoDocument[] = [{ doc: { $ne: null } }];
    for (const [path, value] of Object.entries(query.where ?? {})) conditions.push({ [field(path)]: value });
    if (query.anyOf) conditions.push({ [field(query.anyOf.path)]: { $in: [...query.anyOf.values] } });
    if (query.contains) conditions.push({ [field(query.contains.path)]: { $regex: escapeRegex(query.contains.text.toLowerCase()) } });
    if (query.after) {
      // Keyset pagination over mixed directions: (k1 beyond a1) or (k1 = a1 and k2 beyond a2) or …
      const keys = query.sort.map((key, i) => ({ name: field(key.path), value: query.after![i], beyond: key.direction === 'asc' ? '$gt' : '$lt' }));
      const alternative = (i: number): MongoDocument => {
        const key = keys[i]!;
        const equal: [string, unknown][] = keys.slice(0, i).map((earlier) => [earlier.name, earlier.value]);
        return Object.fromEntries<unknown>([...equal, [key.name, { [key.beyond]: key.value }]]);
      };
      conditions.push({ $or: keys.map((_key, i) => alternative(i)) });
    }
    const sort: Sort = Object.fromEntries(query.sort.map((key) => [field(key.path), key.direction === 'asc' ? 1 : -1]));
    const found = await this.db.collection<Stored>(collectionOf(collection)).find({ $and: conditions } as Filter<Stored>).sort(sort).limit(query.limit).toArray();
    return found.map((stored) => stored.doc as Doc);
  }

  async createShadow(spec: CollectionSpec): Promise<string> {
    const shadow = `${spec.name}__shadow_${randomBytes(4).toString('hex')}`;
    await this.db.createCollection(collectionOf(shadow));
    await this.createIndexes(collectionOf(shadow), spec);
    this.unread.add(shadow);
    return shadow;
  }

  async swap(collection: string, shadow: string): Promise<void> {
    const live = collectionOf(collection);
    this.unread.delete(shadow);
    try {
      await this.db.collection(collectionOf(shadow)).rename(live, { dropTarget: true });
    } catch (error) {
      // FerretDB 1 has renameCollection without dropTarget: the live one is moved aside first, so
      // readers may find the collection empty between the two renames (a moment, not a wrong answer).
      if (!/dropTarget/.test((error as Error).message)) throw error;
      const retired = `${live}__retired_${randomBytes(4).toString('hex')}`;
      if ((await this.db.listCollections({ name: live }).toArray()).length > 0) await this.db.collection(live).rename(retired);
      await this.db.collection(collectionOf(shadow)).rename(live);
      await this.db.collection(retired).drop().catch(() => undefined);
    }
  }

  async dump<Doc>(collection: string): Promise<Map<string, Doc>> {
    const found = await this.db.collection<Stored>(collectionOf(collection)).find({ doc: { $ne: null } }).toArray();
    return new Map(found.map((stored) => [stored._id, stored.doc as Doc]));
  }

  private async createIndexes(name: string, spec: CollectionSpec): Promise<void> {
    // createIndex is idempotent for the same keys: several processes may ensure one collection at once.
    for (const fields of spec.indexes) {
      await this.db.collection(name).createIndex(Object.fromEntries(fields.map((spec: FieldSpec) => [field(spec.path), 1])), { name: `by_${fields.map((spec) => spec.path.replace(/\./g, '_')).join('_')}` });
    }
  }
}

/**
 * Saves into a collection no query reads yet (a rebuild's shadow) with one delete and one insert
 * for the whole batch, where a live collection takes a compare-and-set write per document: FerretDB
 * 1 applies its writes one transaction each and scans the collection for any filter but a lone
 * _id, so a rebuild writing thousands of documents that way took minutes. Between the two steps
 * the documents are missing, which is why live collections never take this way.
 *
 * Still conditional: only documents older than the batch's oldest change are deleted; any other
 * stays, its insert fails as a duplicate, and it goes the compare-and-set way.
 */
async function replaceUnread(target: Collection<Stored>, changes: readonly DocumentChange<unknown>[]): Promise<DocumentChange<unknown>[]> {
  if (changes.length === 0) return [];
  const oldest = changes.map((change) => checkpointKey(change.checkpoint)).reduce((min, key) => (key < min ? key : min));
  await target.deleteMany({ _id: { $in: changes.map((change) => change.id) }, cpk: { $lt: oldest } });
  try {
    await target.insertMany(changes.map((change) => storedOf(change)), { ordered: false });
    return [];
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const refused = new Set(writeErrorsOf(error as MongoBulkWriteError).map((writeError) => writeError.index));
    return changes.filter((_change, index) => refused.has(index));
  }
}

function writeErrorsOf(error: MongoBulkWriteError): readonly { code: number; index: number }[] {
  return (Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]) as readonly { code: number; index: number }[];
}

/** A duplicate key: the document is there with a newer checkpoint, so the change is old news. */
function isDuplicateKey(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) return writeErrorsOf(error).every((writeError) => writeError.code === 11000);
  return (error as { code?: unknown })?.code === 11000;
}

/** Zero-padded "commit.position": compares as text exactly as checkpoints compare. */
function storedOf(change: DocumentChange<unknown>): Stored {
  return { _id: change.id, doc: change.document, cp: { c: change.checkpoint.commit, p: change.checkpoint.position }, cpk: checkpointKey(change.checkpoint) };
}

function checkpointKey(checkpoint: Checkpoint): string {
  return `${String(checkpoint.commit).padStart(16, '0')}.${String(checkpoint.position).padStart(16, '0')}`;
}

function collectionOf(name: string): string {
  if (!/^[a-z][a-z0-9_]{0,50}$/.test(name)) throw new RangeError(`Not a collection name: ${name}`);
  return `rm_${name}`;
}

function field(path: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(path)) throw new RangeError(`Not a field path: ${path}`);
  return `doc.${path}`;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
