import type { Checkpoint } from '../event-store/event-store';

/**
 * The read-store port: collections of JSON documents, each remembering the checkpoint of the last
 * event applied to it. Adapters: PostgresDocumentStore (embedded profile), MongoDB (distributed).
 */

/** A dotted path into a document, and how its values compare. */
export interface FieldSpec {
  readonly path: string;
  readonly type: 'text' | 'number';
}

export interface CollectionSpec {
  readonly name: string;
  /** The field combinations queries filter and sort on. */
  readonly indexes: readonly (readonly FieldSpec[])[];
}

export interface StoredDocument<Doc> {
  /** Null: the document was deleted (kept as a tombstone, so that an older event cannot revive it). */
  readonly document: Doc | null;
  readonly checkpoint: Checkpoint;
}

export interface DocumentChange<Doc> {
  readonly id: string;
  readonly document: Doc | null;
  readonly checkpoint: Checkpoint;
}

export interface SortKey extends FieldSpec {
  readonly direction: 'asc' | 'desc';
}

export interface FindQuery {
  /** Equality on fields. */
  readonly where?: Readonly<Record<string, string | number | boolean>>;
  /** The text at a path is one of these (a batch's lookups made as one). */
  readonly anyOf?: { readonly path: string; readonly values: readonly string[] };
  /** A case-insensitive substring of a text field (store the field lower-cased). */
  readonly contains?: { readonly path: string; readonly text: string };
  /** The last key must be unique (the id, say), so that keyset pagination is exact. */
  readonly sort: readonly SortKey[];
  /** Start after the document whose sort values these are (from the previous page). */
  readonly after?: readonly (string | number)[];
  readonly limit: number;
}

export interface DocumentStore {
  /** Creates the collection and its indexes when they do not exist. */
  ensureCollection(spec: CollectionSpec): Promise<void>;
  load<Doc>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<Doc>>>;
  /** Saves a batch of changes; in one transaction where the store has them. */
  save<Doc>(collection: string, changes: readonly DocumentChange<Doc>[]): Promise<void>;
  get<Doc>(collection: string, id: string): Promise<Doc | null>;
  find<Doc>(collection: string, query: FindQuery): Promise<Doc[]>;
  /** How many live documents have each text value at `path` (orders by status, for metrics). */
  countBy(collection: string, path: string): Promise<Record<string, number>>;
  /** An empty copy of the collection (same indexes) to rebuild into, under another name. */
  createShadow(spec: CollectionSpec): Promise<string>;
  /** Puts the shadow in the collection's place, atomically; readers see one or the other. */
  swap(collection: string, shadow: string): Promise<void>;
  /** Every live document and its checkpoint (for comparing a collection with a rebuild). */
  dump<Doc>(collection: string): Promise<Map<string, Doc>>;
}

export function valueAt(document: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), document);
}
