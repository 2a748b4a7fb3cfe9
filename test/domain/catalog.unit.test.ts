import { categoryDecider, categoryIdFor, type CategoryEvent } from '../../src/domain/catalog/category';
import { productDecider, type ProductEvent } from '../../src/domain/catalog/product';
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
