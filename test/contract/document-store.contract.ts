import type { CollectionSpec, DocumentStore } from '../../src/projections/document-store';

interface Product {
  id: string;
  name: string;
  nameKey: string;
  category: string;
  price: { amount: number };
  searchText: string;
}

const spec: CollectionSpec = {
  name: 'contract_products',
  indexes: [[{ path: 'category', type: 'text' }], [{ path: 'price.amount', type: 'number' }, { path: 'id', type: 'text' }]],
};
const checkpoint = (position: number) => ({ commit: position, position });
const ids = (documents: Product[]) => documents.map((d) => d.id);
const product = (id: string, name: string, category: string, amount: number): Product => ({
  id,
  name,
  nameKey: name.toLowerCase(),
  category,
  price: { amount },
  searchText: `${id} ${name}`.toLowerCase(),
});

/** The read-store port's contract: every adapter passes it unchanged. */
export function documentStoreContract(adapter: string, create: () => Promise<DocumentStore>): void {
  describe(`DocumentStore contract: ${adapter}`, () => {
    let store: DocumentStore;
    beforeEach(async () => {
      store = await create();
      await store.ensureCollection(spec);
    });
    /** Saves these documents as of checkpoint 1. */
    const saved = (...documents: Product[]) => store.save(spec.name, documents.map((document) => ({ id: document.id, document, checkpoint: checkpoint(1) })));

    it('saves documents with their checkpoints and loads them back', async () => {
      await store.save(spec.name, [{ id: 'A', document: product('A', 'Sencha', 'green', 450), checkpoint: checkpoint(3) }]);
      const loaded = await store.load<Product>(spec.name, ['A', 'missing']);
      expect([...loaded.keys()]).toEqual(['A']);
      expect(loaded.get('A')).toEqual({ document: product('A', 'Sencha', 'green', 450), checkpoint: checkpoint(3) });
      expect(await store.get(spec.name, 'A')).toEqual(product('A', 'Sencha', 'green', 450));
      expect(await store.get(spec.name, 'missing')).toBeNull();
    });

    it('ignores a change older than or as old as the one the document has', async () => {
      await store.save(spec.name, [{ id: 'A', document: product('A', 'New', 'green', 2), checkpoint: checkpoint(5) }]);
      await store.save(spec.name, [
        { id: 'A', document: product('A', 'Older', 'green', 1), checkpoint: checkpoint(4) },
        { id: 'B', document: product('B', 'Fresh', 'green', 3), checkpoint: checkpoint(4) },
      ]);
      await store.save(spec.name, [{ id: 'A', document: product('A', 'Same age', 'green', 1), checkpoint: checkpoint(5) }]);
      expect((await store.get<Product>(spec.name, 'A'))!.name).toBe('New');
      expect((await store.get<Product>(spec.name, 'B'))!.name).toBe('Fresh');
    });

    it('keeps a deleted document as a tombstone that older changes cannot revive', async () => {
      await store.save(spec.name, [{ id: 'A', document: product('A', 'Gone soon', 'green', 1), checkpoint: checkpoint(1) }]);
      await store.save(spec.name, [{ id: 'A', document: null, checkpoint: checkpoint(2) }]);
      await store.save(spec.name, [{ id: 'A', document: product('A', 'Zombie', 'green', 1), checkpoint: checkpoint(1) }]);
      expect(await store.get(spec.name, 'A')).toBeNull();
      expect((await store.load(spec.name, ['A'])).get('A')).toEqual({ document: null, checkpoint: checkpoint(2) });
      expect((await store.dump(spec.name)).size).toBe(0);
      expect(await store.find(spec.name, { sort: [{ path: 'id', type: 'text', direction: 'asc' }], limit: 10 })).toEqual([]);
    });

    it('finds by equality and by a case-insensitive part of a text, sorted', async () => {
      await saved(product('T1', 'Sencha', 'green', 450), product('T2', 'Assam', 'black', 390), product('T3', 'Gyokuro', 'green', 1200), product('T4', 'Genmaicha', 'green', 300));
      expect(ids(await store.find(spec.name, { where: { category: 'green' }, sort: [{ path: 'nameKey', type: 'text', direction: 'asc' }], limit: 10 }))).toEqual(['T4', 'T3', 'T1']);
      expect(ids(await store.find(spec.name, { sort: [{ path: 'price.amount', type: 'number', direction: 'desc' }], limit: 2 }))).toEqual(['T3', 'T1']);
      expect(ids(await store.find(spec.name, { contains: { path: 'searchText', text: 'CHA' }, sort: [{ path: 'id', type: 'text', direction: 'asc' }], limit: 10 }))).toEqual(['T1', 'T4']);
      expect(ids(await store.find(spec.name, { contains: { path: 'searchText', text: '100%_' }, sort: [{ path: 'id', type: 'text', direction: 'asc' }], limit: 10 }))).toEqual([]);
    });

    it('finds those whose text at a path is any of several, and pages through them', async () => {
      await saved(product('U1', 'Sencha', 'green', 450), product('U2', 'Assam', 'black', 390), product('U3', 'Rooibos', 'herbal', 250), product('U4', 'Genmaicha', 'green', 300));
      await store.save(spec.name, [{ id: 'U4', document: null, checkpoint: checkpoint(2) }]);
      const sort = [{ path: 'id', type: 'text' as const, direction: 'asc' as const }];
      expect(ids(await store.find(spec.name, { anyOf: { path: 'category', values: ['green', 'herbal', 'white'] }, sort, limit: 10 }))).toEqual(['U1', 'U3']);
      expect(ids(await store.find(spec.name, { anyOf: { path: 'category', values: ['green', 'black', 'herbal'] }, sort, limit: 2, after: ['U1'] }))).toEqual(['U2', 'U3']);
      expect(await store.find(spec.name, { anyOf: { path: 'category', values: [] }, sort, limit: 10 })).toEqual([]);
    });

    it('counts live documents by the text value at a path, leaving out tombstones', async () => {
      await saved(product('C1', 'Sencha', 'green', 450), product('C2', 'Assam', 'black', 390), product('C3', 'Gyokuro', 'green', 1200), product('C4', 'Hojicha', 'green', 300));
      await store.save(spec.name, [{ id: 'C4', document: null, checkpoint: checkpoint(2) }]);
      expect(await store.countBy(spec.name, 'category')).toEqual({ green: 2, black: 1 });
    });

    it('pages with a keyset cursor, ties broken by the last key, in either direction', async () => {
      const prices = [500, 300, 500, 100, 300, 500, 200];
      await store.save(
        spec.name,
        prices.map((amount, i) => ({ id: `P${i}`, document: product(`P${i}`, `Tea ${i}`, 'any', amount), checkpoint: checkpoint(1) })),
      );
      for (const direction of ['asc', 'desc'] as const) {
        const sort = [
          { path: 'price.amount', type: 'number' as const, direction },
          { path: 'id', type: 'text' as const, direction: 'asc' as const },
        ];
        const everything = await store.find<Product>(spec.name, { sort, limit: 100 });
        const paged: Product[] = [];
        let after: (string | number)[] | undefined;
        for (;;) {
          const page = await store.find<Product>(spec.name, { sort, limit: 3, ...(after ? { after } : {}) });
          paged.push(...page);
          if (page.length < 3) break;
          const last = page.at(-1)!;
          after = [last.price.amount, last.id];
        }
        expect(paged.map((p) => p.id)).toEqual(everything.map((p) => p.id));
        expect(everything.map((p) => p.price.amount)).toEqual([...prices].sort((a, b) => (direction === 'asc' ? a - b : b - a)));
      }
    });

    it('rebuilds into a shadow that replaces the collection at once; until then the old one serves', async () => {
      await store.save(spec.name, [{ id: 'OLD', document: product('OLD', 'Old', 'x', 1), checkpoint: checkpoint(1) }]);
      const shadow = await store.createShadow(spec);
      await store.save(shadow, [{ id: 'NEW', document: product('NEW', 'New', 'x', 1), checkpoint: checkpoint(9) }]);
      expect([...(await store.dump(spec.name)).keys()]).toEqual(['OLD']);
      await store.swap(spec.name, shadow);
      expect([...(await store.dump(spec.name)).keys()]).toEqual(['NEW']);
      expect((await store.load(spec.name, ['NEW'])).get('NEW')!.checkpoint).toEqual(checkpoint(9));
      // The next rebuild works the same way.
      const again = await store.createShadow(spec);
      await store.swap(spec.name, again);
      expect((await store.dump(spec.name)).size).toBe(0);
    });

    it('applies the same age rules in a shadow: a batch delivered again, older or as old, changes nothing', async () => {
      const shadow = await store.createShadow(spec);
      const first = [
        { id: 'A', document: product('A', 'A at 5', 'x', 1), checkpoint: checkpoint(5) },
        { id: 'B', document: product('B', 'B at 2', 'x', 1), checkpoint: checkpoint(2) },
        { id: 'C', document: product('C', 'C at 3', 'x', 1), checkpoint: checkpoint(3) },
      ];
      await store.save(shadow, first);
      await store.save(shadow, [{ id: 'C', document: null, checkpoint: checkpoint(6) }]);
      await store.save(shadow, first);
      // One batch: an older change (A), a newer one (B), an older one for the deleted C, a new document (D).
      await store.save(shadow, [
        { id: 'A', document: product('A', 'A at 4', 'x', 1), checkpoint: checkpoint(4) },
        { id: 'B', document: product('B', 'B at 7', 'x', 1), checkpoint: checkpoint(7) },
        { id: 'C', document: product('C', 'C revived', 'x', 1), checkpoint: checkpoint(4) },
        { id: 'D', document: product('D', 'D at 4', 'x', 1), checkpoint: checkpoint(4) },
      ]);
      await store.swap(spec.name, shadow);
      const names = [...(await store.dump<Product>(spec.name)).values()].map((p) => p.name).sort();
      expect(names).toEqual(['A at 5', 'B at 7', 'D at 4']);
      expect((await store.load(spec.name, ['C'])).get('C')).toEqual({ document: null, checkpoint: checkpoint(6) });
    });

    it('ensures a collection without touching what is in it', async () => {
      await store.save(spec.name, [{ id: 'A', document: product('A', 'Kept', 'x', 1), checkpoint: checkpoint(1) }]);
      await store.ensureCollection(spec);
      expect(await store.get(spec.name, 'A')).toEqual(product('A', 'Kept', 'x', 1));
    });
  });
}
