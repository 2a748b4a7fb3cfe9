import { compareCheckpoints, type Checkpoint, type EventFilter, type RecordedEvent } from '../event-store/event-store';
import type { CollectionSpec, DocumentStore } from './document-store';

/**
 * A read model as a pure function: which documents an event changes, and how
 * `(document | null, event) → document | null`. Nothing here knows the store.
 */
export interface DocumentProjection<Doc> {
  readonly name: string;
  readonly collection: CollectionSpec;
  readonly filter: EventFilter;
  documentIds(event: RecordedEvent): readonly string[];
  evolve(document: Doc | null, event: RecordedEvent): Doc | null;
}

/** The document an event names in one of its fields (events without it change no document). */
export function documentNamedBy(field: string): (event: RecordedEvent) => string[] {
  return (event) => {
    const id = event.data[field];
    return typeof id === 'string' ? [id] : [];
  };
}

/**
 * Applies a batch of events to the documents they change: load those documents, fold in the
 * events each has not seen (an event at or before a document's checkpoint is skipped, so a batch
 * delivered again changes nothing), save the changed ones in one write.
 */
export async function applyToDocuments<Doc>(store: DocumentStore, collection: string, projection: DocumentProjection<Doc>, events: readonly RecordedEvent[]): Promise<number> {
  const touched = events.map((event) => ({ event, ids: projection.documentIds(event) }));
  const loaded = await store.load<Doc>(collection, [...new Set(touched.flatMap(({ ids }) => ids))]);
  const working = new Map<string, { document: Doc | null; checkpoint: Checkpoint | null; changed: boolean }>();
  for (const [id, stored] of loaded) working.set(id, { ...stored, changed: false });

  for (const { event, ids } of touched) {
    for (const id of ids) {
      const entry = working.get(id) ?? { document: null, checkpoint: null, changed: false };
      if (entry.checkpoint && compareCheckpoints(event.checkpoint, entry.checkpoint) <= 0) continue;
      working.set(id, { document: projection.evolve(entry.document, event), checkpoint: event.checkpoint, changed: true });
    }
  }
  const changes = [...working].filter(([, entry]) => entry.changed).map(([id, entry]) => ({ id, document: entry.document, checkpoint: entry.checkpoint! }));
  await store.save(collection, changes);
  return changes.length;
}
