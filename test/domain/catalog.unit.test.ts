import { categoryDecider, categoryIdFor, type CategoryEvent } from '../../src/domain/catalog/category';
import { listPriceAt, productDecider, type ProductEvent } from '../../src/domain/catalog/product';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-24T10:00:00.000Z');
const at = now.toISOString();
const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('category', () => {
  const spec = deciderSpec(categoryDecider);
  const defined: CategoryEvent = { type: 'CategoryDefined', data: { categoryId: 'green-tea', name: 'Green tea', description: 'Unfermented', definedAt: at } };

  it('is defined once', () => {
    spec.given([]).when({ type: 'DefineCategory', data: { categoryId: 'green-tea', name: 'Green tea', description: 'Unfermented', now } }).then([defined]);
  });
  it('refuses a second definition under the same id', () => {
    spec.given([defined]).when({ type: 'DefineCategory', data: { categoryId: 'green-tea', name: 'Green Tea', description: 'x', now } }).thenRefused('already-exists', 'category-exists');
  });
  it('takes its id from its name', () => {
    expect(categoryIdFor('  Thé vert & Matcha! ')).toBe('the-vert-matcha');
    // Names with no Latin letter or digit still get an id, the same for the same name.
    for (const name of ['Ɠ', 'ß', 'Чай']) expect(categoryIdFor(name)).toMatch(/^c-[0-9a-f]{12}$/);
    expect(categoryIdFor('Чай')).toBe(categoryIdFor('чай'));
    expect(categoryIdFor('Ɠ')).not.toBe(categoryIdFor('ß'));
  });
});

describe('product', () => {
  const spec = deciderSpec(productDecider);
  const category = { id: 'green-tea', name: 'Green tea' };
  const added: ProductEvent = {
    type: 'ProductAdded',
    data: { code: 'TEA-001', name: 'Sencha', description: 'Steamed', categoryId: 'green-tea', categoryName: 'Green tea', price: eur(450), lowStockThreshold: 5, addedAt: at },
  };
  const discontinued: ProductEvent = { type: 'ProductDiscontinued', data: { code: 'TEA-001', reason: 'supplier gone', discontinuedAt: at } };

  describe('when absent', () => {
    it('is added with its details, price and threshold', () => {
      spec
        .given([])
        .when({ type: 'AddProduct', data: { code: 'TEA-001', name: 'Sencha', description: 'Steamed', category, price: eur(450), lowStockThreshold: 5, now } })
        .then([added]);
    });
    it("is added for a vendor, and keeps that vendor", () => {
      const forVendor: ProductEvent = { type: 'ProductAdded', data: { ...added.data, vendorId: 'v-1', vendorName: 'Potter & Sons' } };
      spec
        .given([])
        .when({ type: 'AddProduct', data: { code: 'TEA-001', name: 'Sencha', description: 'Steamed', category, price: eur(450), lowStockThreshold: 5, vendor: { id: 'v-1', name: 'Potter & Sons' }, now } })
        .then([forVendor]);
      expect(productDecider.evolve(productDecider.initialState, forVendor)).toMatchObject({ vendorId: 'v-1' });
      expect(productDecider.evolve(productDecider.initialState, added)).not.toHaveProperty('vendorId');
    });
    it.each([
      ['ChangeProductPrice', { type: 'ChangeProductPrice', data: { code: 'TEA-001', price: eur(500), now } }],
      ['UpdateProductDetails', { type: 'UpdateProductDetails', data: { code: 'TEA-001', name: 'x', now } }],
      ['DiscontinueProduct', { type: 'DiscontinueProduct', data: { code: 'TEA-001', reason: 'x', now } }],
    ] as const)('refuses %s: no such product', (_name, command) => {
      spec.given([]).when(command).thenRefused('not-found', 'product-not-found', { code: 'TEA-001' });
    });
  });

  describe('when active', () => {
    it('refuses to be added again: the code is taken', () => {
      spec
        .given([added])
        .when({ type: 'AddProduct', data: { code: 'TEA-001', name: 'Other', description: '', category, price: eur(1), lowStockThreshold: 0, now } })
        .thenRefused('already-exists', 'product-code-taken');
    });
    it('changes its price, recording the previous one', () => {
      spec
        .given([added])
        .when({ type: 'ChangeProductPrice', data: { code: 'TEA-001', price: eur(495), now } })
        .then([{ type: 'ProductPriceChanged', data: { code: 'TEA-001', previousPrice: eur(450), price: eur(495), changedAt: at } }]);
    });
    it('records nothing for the price it already has', () => {
      spec.given([added]).when({ type: 'ChangeProductPrice', data: { code: 'TEA-001', price: eur(450), now } }).thenNothingNew();
    });
    it('records only the details that change', () => {
      spec
        .given([added])
        .when({ type: 'UpdateProductDetails', data: { code: 'TEA-001', name: 'Sencha', description: 'Steamed, first flush', category: { id: 'japanese', name: 'Japanese' }, lowStockThreshold: 5, now } })
        .then([
          {
            type: 'ProductDetailsUpdated',
            data: { code: 'TEA-001', changes: { description: 'Steamed, first flush', categoryId: 'japanese', categoryName: 'Japanese' }, updatedAt: at },
          },
        ]);
    });
    it('records nothing when no detail changes', () => {
      spec.given([added]).when({ type: 'UpdateProductDetails', data: { code: 'TEA-001', name: 'Sencha', lowStockThreshold: 5, now } }).thenNothingNew();
    });
    it('is discontinued with a reason', () => {
      spec.given([added]).when({ type: 'DiscontinueProduct', data: { code: 'TEA-001', reason: 'supplier gone', now } }).then([discontinued]);
    });
  });

  describe('when discontinued', () => {
    it.each([
      ['ChangeProductPrice', { type: 'ChangeProductPrice', data: { code: 'TEA-001', price: eur(500), now } }],
      ['UpdateProductDetails', { type: 'UpdateProductDetails', data: { code: 'TEA-001', name: 'x', now } }],
      ['DiscontinueProduct', { type: 'DiscontinueProduct', data: { code: 'TEA-001', reason: 'again', now } }],
    ] as const)('refuses %s', (_name, command) => {
      spec.given([added, discontinued]).when(command).thenRefused('rule-violated', 'product-discontinued');
    });
  });
});

describe('scheduled list prices', () => {
  const spec = deciderSpec(productDecider);
  const added: ProductEvent = {
    type: 'ProductAdded',
    data: { code: 'TEA-001', name: 'Sencha', description: 'Steamed', categoryId: 'green-tea', categoryName: 'Green tea', price: eur(450), lowStockThreshold: 5, addedAt: at },
  };
  const noon = new Date('2026-11-24T12:00:00.000Z');
  const scheduled = (scheduleId: string, amount: number, effectiveAt: string): ProductEvent => ({ type: 'ProductPriceChangeScheduled', data: { code: 'TEA-001', scheduleId, price: eur(amount), effectiveAt, scheduledAt: at } });

  it('schedules a price for a moment to come, once per schedule id', () => {
    spec.given([added]).when({ type: 'SchedulePriceChange', data: { code: 'TEA-001', scheduleId: 's-1', price: eur(500), effectiveAt: noon, now } }).then([scheduled('s-1', 500, noon.toISOString())]);
    spec.given([added, scheduled('s-1', 500, noon.toISOString())]).when({ type: 'SchedulePriceChange', data: { code: 'TEA-001', scheduleId: 's-1', price: eur(500), effectiveAt: noon, now } }).thenNothingNew();
  });
  it('refuses a moment past or now, a moment taken, and a discontinued product', () => {
    spec.given([added]).when({ type: 'SchedulePriceChange', data: { code: 'TEA-001', scheduleId: 's-1', price: eur(500), effectiveAt: now, now } }).thenRefused('rule-violated', 'schedule-in-past');
    spec.given([added, scheduled('s-1', 500, noon.toISOString())]).when({ type: 'SchedulePriceChange', data: { code: 'TEA-001', scheduleId: 's-2', price: eur(600), effectiveAt: noon, now } }).thenRefused('rule-violated', 'schedule-taken');
    const gone: ProductEvent = { type: 'ProductDiscontinued', data: { code: 'TEA-001', reason: 'x', discontinuedAt: at } };
    spec.given([added, gone]).when({ type: 'SchedulePriceChange', data: { code: 'TEA-001', scheduleId: 's-1', price: eur(500), effectiveAt: noon, now } }).thenRefused('rule-violated', 'product-discontinued');
  });
  it('is applied by its timer at or after its moment, once; not before; not once cancelled', () => {
    const pending = [added, scheduled('s-1', 500, noon.toISOString())];
    spec.given(pending).when({ type: 'ApplyScheduledPrice', data: { code: 'TEA-001', scheduleId: 's-1', now: new Date(noon.getTime() - 1) } }).thenRefused('rule-violated', 'schedule-not-due');
    const applied: ProductEvent = { type: 'ProductPriceChanged', data: { code: 'TEA-001', previousPrice: eur(450), price: eur(500), changedAt: noon.toISOString(), scheduleId: 's-1' } };
    spec.given(pending).when({ type: 'ApplyScheduledPrice', data: { code: 'TEA-001', scheduleId: 's-1', now: noon } }).then([applied]);
    spec.given([...pending, applied]).when({ type: 'ApplyScheduledPrice', data: { code: 'TEA-001', scheduleId: 's-1', now: noon } }).thenNothingNew();
    const cancelled: ProductEvent = { type: 'ScheduledPriceCancelled', data: { code: 'TEA-001', scheduleId: 's-1', cancelledAt: at } };
    spec.given(pending).when({ type: 'CancelScheduledPrice', data: { code: 'TEA-001', scheduleId: 's-1', now } }).then([cancelled]);
    spec.given([...pending, cancelled]).when({ type: 'ApplyScheduledPrice', data: { code: 'TEA-001', scheduleId: 's-1', now: noon } }).thenNothingNew();
    spec.given([...pending, applied]).when({ type: 'CancelScheduledPrice', data: { code: 'TEA-001', scheduleId: 's-1', now } }).thenRefused('not-found', 'scheduled-price-not-found');
  });
  it('prices at a moment by what is due then, however late the timer; a later change applied supersedes an earlier one not applied', () => {
    const state = [added, scheduled('s-2', 600, '2026-11-24T14:00:00.000Z'), scheduled('s-1', 500, noon.toISOString())].reduce((state, event) => productDecider.evolve(state, event), productDecider.initialState);
    expect(state.status === 'absent' ? [] : state.scheduled?.map((change) => change.scheduleId)).toEqual(['s-1', 's-2']);
    const product = state as Extract<typeof state, { status: 'active' }>;
    expect(listPriceAt(product, new Date('2026-11-24T11:59:59.999Z'))).toEqual(eur(450));
    expect(listPriceAt(product, noon)).toEqual(eur(500));
    expect(listPriceAt(product, new Date('2026-11-24T15:00:00.000Z'))).toEqual(eur(600));
    const laterFirst = productDecider.evolve(product, { type: 'ProductPriceChanged', data: { code: 'TEA-001', previousPrice: eur(450), price: eur(600), changedAt: 't', scheduleId: 's-2' } });
    expect(laterFirst).toMatchObject({ price: eur(600), scheduled: [] });
    spec.given([added, scheduled('s-2', 600, '2026-11-24T14:00:00.000Z'), scheduled('s-1', 500, noon.toISOString()), { type: 'ProductPriceChanged', data: { code: 'TEA-001', previousPrice: eur(450), price: eur(600), changedAt: 't', scheduleId: 's-2' } }])
      .when({ type: 'ApplyScheduledPrice', data: { code: 'TEA-001', scheduleId: 's-1', now: new Date('2026-11-24T15:00:00.000Z') } })
      .thenNothingNew();
  });
});

