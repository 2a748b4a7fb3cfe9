import { compareCheckpoints } from '../event-store/event-store';
import { valueAt, type CollectionSpec, type DocumentChange, type DocumentStore, type FindQuery, type SortKey, type StoredDocument } from './document-store';

/** For pure unit tests of projections. */
export class InMemoryDocumentStore implements DocumentStore {
  private readonly collections = new Map<string, Map<string, StoredDocument<unknown>>>();
  private shadows = 0;

  private collection(name: string): Map<string, StoredDocument<unknown>> {
    let collection = this.collections.get(name);
    if (!collection) this.collections.set(name, (collection = new Map<string, StoredDocument<unknown>>()));
    return collection;
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    this.collection(spec.name);
  }

  async load<Doc>(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument<Doc>>> {
    const documents = this.collection(collection);
    return new Map(ids.flatMap((id) => (documents.has(id) ? [[id, structuredClone(documents.get(id)) as StoredDocument<Doc>]] : [])));
  }

  async save<Doc>(collection: string, changes: readonly DocumentChange<Doc>[]): Promise<void> {
    const documents = this.collection(collection);
    for (const change of changes) {
      const current = documents.get(change.id);
      if (current && compareCheckpoints(current.checkpoint, change.checkpoint) >= 0) continue;
      documents.set(change.id, structuredClone({ document: change.document, checkpoint: change.checkpoint }));
    }
  }

  async get<Doc>(collection: string, id: string): Promise<Doc | null> {
    return (structuredClone(this.collection(collection).get(id)?.document) as Doc | undefined) ?? null;
  }

  async countBy(collection: string, path: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { document } of this.collection(collection).values()) {
      const value = document === null ? undefined : valueAt(document, path);
      if (typeof value === 'string') counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
  }

  async find<Doc>(collection: string, query: FindQuery): Promise<Doc[]> {
    const compare = (a: unknown, b: unknown) => {
      for (const [i, key] of query.sort.entries()) {
        const order = compareValues(key, valueAt(a, key.path), Array.isArray(b) ? b[i] : valueAt(b, key.path));
        if (order !== 0) return key.direction === 'asc' ? order : -order;
      }
      return 0;
    };
    return [...this.collection(collection).values()]
      .map((stored) => stored.document)
      .filter((document) => document !== null)
      .filter((document) => Object.entries(query.where ?? {}).every(([path, value]) => String(valueAt(document, path)) === String(value)))
      .filter((document) => !query.anyOf || query.anyOf.values.includes(String(valueAt(document, query.anyOf.path))))
      .filter((document) => !query.contains || textAt(document, query.contains.path).includes(query.contains.text.toLowerCase()))
      .filter((document) => !query.after || compare(document, query.after) > 0)
      .sort(compare)
      .slice(0, query.limit)
      .map((document) => structuredClone(document) as Doc);
  }

  async createShadow(spec: CollectionSpec): Promise<string> {
    const shadow = `${spec.name}__shadow_${++this.shadows}`;
    this.collections.set(shadow, new Map());
    return shadow;
  }

  async swap(collection: string, shadow: string): Promise<void> {
    this.collections.set(collection, this.collection(shadow));
    this.collections.delete(shadow);
  }

  async dump<Doc>(collection: string): Promise<Map<string, Doc>> {
    return new Map([...this.collection(collection)].flatMap(([id, stored]) => (stored.document === null ? [] : [[id, structuredClone(stored.document) as Doc]])));
  }
}

function textAt(document: unknown, path: string): string {
  const value = valueAt(document, path);
  return typeof value === 'string' ? value : '';
}

function compareValues(key: SortKey, a: unknown, b: unknown): number {
  if (key.type === 'number') return Number(a) - Number(b);
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
