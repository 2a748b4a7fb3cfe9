import { compareCheckpoints, type Checkpoint, type EventFilter, type RecordedEvent } from '../event-store/event-store';
import { valueAt, type CollectionSpec, type DocumentStore } from './document-store';

/**
 * A read model as a pure function: which documents an event changes, and how
 * `(document | null, event) → document | null`. Nothing here knows the store.
 */
export interface DocumentProjection<Doc> {
  readonly name: string;
  readonly collection: CollectionSpec;
  readonly filter: EventFilter;
  documentIds(event: RecordedEvent): readonly string[];
  /**
   * Documents an event changes without naming them, found by their fields instead: a customer's
   * orders when the customer is erased. The documents this projection made earlier in the log are
   * all there to be found, as it applies the log in order.
   */
  documentsWhere?(event: RecordedEvent): DocumentsWhere | null;
  /** `id`: the document's, for an event that makes several documents (one per vendor of an order). */
  evolve(document: Doc | null, event: RecordedEvent, id: string): Doc | null;
}

/** The documents whose text at `path` is `value`. */
export interface DocumentsWhere {
  readonly path: string;
  readonly value: string;
  /** The field holding each document's id, to page through them by. */
  readonly idPath: string;
}

/** The document an event names in one of its fields (events without it change no document). */
export function documentNamedBy(field: string): (event: RecordedEvent) => string[] {
  return (event) => {
    const id = event.data[field];
    return typeof id === 'string' ? [id] : [];
  };
}

/** A customer's documents (by their `customerId` field) when the customer is erased. */
export function documentsOfErasedCustomer(idPath: string): (event: RecordedEvent) => DocumentsWhere | null {
  return (event) => (event.type === 'CustomerErased' && typeof event.data.customerId === 'string' ? { path: 'customerId', value: event.data.customerId, idPath } : null);
}

/**
 * Applies a batch of events to the documents they change: load those documents, fold in the
 * events each has not seen (an event at or before a document's checkpoint is skipped, so a batch
 * delivered again changes nothing), save the changed ones in one write.
 */
export async function applyToDocuments<Doc>(store: DocumentStore, collection: string, projection: DocumentProjection<Doc>, events: readonly RecordedEvent[]): Promise<number> {
  const queries = events.map((event) => projection.documentsWhere?.(event) ?? null);
  const found = await idsWhereAll(store, collection, queries);
  const touched = events.map((event, i) => ({ event, query: queries[i]!, ids: [...projection.documentIds(event), ...(found[i] ?? [])] }));
  const loaded = await store.load<Doc>(collection, [...new Set(touched.flatMap(({ ids }) => ids))]);
  const working = new Map<string, { document: Doc | null; checkpoint: Checkpoint | null; changed: boolean }>();
  for (const [id, stored] of loaded) working.set(id, { ...stored, changed: false });

  for (const { event, query, ids } of touched) {
    // Those made earlier in this very batch are not in the store yet.
    const madeInBatch = query ? [...working].filter(([, entry]) => entry.document !== null && valueAt(entry.document, query.path) === query.value).map(([id]) => id) : [];
    for (const id of new Set([...ids, ...madeInBatch])) {
      const entry = working.get(id) ?? { document: null, checkpoint: null, changed: false };
      if (entry.checkpoint && compareCheckpoints(event.checkpoint, entry.checkpoint) <= 0) continue;
      working.set(id, { document: projection.evolve(entry.document, event, id), checkpoint: event.checkpoint, changed: true });
    }
  }
  const changes = [...working].filter(([, entry]) => entry.changed).map(([id, entry]) => ({ id, document: entry.document, checkpoint: entry.checkpoint! }));
  await store.save(collection, changes);
  return changes.length;
}

const idPage = 500;

/**
 * The ids each query finds (none for a null query). Lookups on one field are made together, one
 * paged find for the batch: a read model finding an order's documents by its id at each of the
 * order's events (vendor order lines) asked once per event, mostly to find nothing.
 */
async function idsWhereAll(store: DocumentStore, collection: string, queries: readonly (DocumentsWhere | null)[]): Promise<(readonly string[])[]> {
  const found: (readonly string[])[] = queries.map(() => []);
  const byField = new Map<string, { path: string; idPath: string; asked: { index: number; value: string }[] }>();
  for (const [index, query] of queries.entries()) {
    if (!query) continue;
    const key = JSON.stringify([query.path, query.idPath]);
    const group = byField.get(key) ?? { path: query.path, idPath: query.idPath, asked: [] };
    group.asked.push({ index, value: query.value });
    byField.set(key, group);
  }
  await Promise.all(
    [...byField.values()].map(async ({ path, idPath, asked }) => {
      const documents = await documentsWhereAnyOf(store, collection, path, [...new Set(asked.map(({ value }) => value))], idPath);
      for (const { index, value } of asked) found[index] = documents.filter((document) => String(valueAt(document, path)) === value).map((document) => String(valueAt(document, idPath)));
    }),
  );
  return found;
}

async function documentsWhereAnyOf(store: DocumentStore, collection: string, path: string, values: readonly string[], idPath: string): Promise<unknown[]> {
  const documents: unknown[] = [];
  for (;;) {
    const after = documents.length > 0 ? [String(valueAt(documents[documents.length - 1], idPath))] : undefined;
    const page = await store.find<unknown>(collection, { anyOf: { path, values }, sort: [{ path: idPath, type: 'text', direction: 'asc' }], limit: idPage, ...(after ? { after } : {}) });
    documents.push(...page);
    if (page.length < idPage) return documents;
  }
}
