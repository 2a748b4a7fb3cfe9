import type { CategoryEvent } from '../../domain/catalog/category';
import type { ProductEvent } from '../../domain/catalog/product';
import type { InventoryEvent } from '../../domain/inventory/inventory';
import type { Money } from '../../domain/shared/money';
import { streamPrefix } from '../../domain/stream-names';
import type { RecordedEvent } from '../../event-store/event-store';
import { documentNamedBy, type DocumentProjection } from '../document-projection';

/** A product as shoppers and staff browse it: catalog details and live stock. */
export interface CatalogProduct {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly category: { readonly id: string; readonly name: string };
  readonly price: Money;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  readonly lowStockThreshold: number;
  readonly lowStock: boolean;
  readonly status: 'active' | 'discontinued';
  /** For case-insensitive sorting and search; not shown. */
  readonly nameKey: string;
  readonly searchText: string;
}

const emptyStock = { onHand: 0, reserved: 0 };

function withStock(product: Omit<CatalogProduct, 'available' | 'lowStock' | 'nameKey' | 'searchText'>): CatalogProduct {
  const available = product.onHand - product.reserved;
  return {
    ...product,
    available,
    lowStock: available <= product.lowStockThreshold,
    nameKey: product.name.toLowerCase(),
    searchText: `${product.code} ${product.name} ${product.description}`.toLowerCase(),
  };
}

export const catalogProjection: DocumentProjection<CatalogProduct> = {
  name: 'catalog',
  collection: {
    name: 'products',
    indexes: [[{ path: 'category.id', type: 'text' }, { path: 'nameKey', type: 'text' }], [{ path: 'nameKey', type: 'text' }, { path: 'code', type: 'text' }], [{ path: 'price.amount', type: 'number' }, { path: 'code', type: 'text' }]],
  },
  filter: { streamPrefixes: [streamPrefix('product'), streamPrefix('inventory')] },
  documentIds: documentNamedBy('code'),
  evolve(product, recorded: RecordedEvent) {
    const event = recorded as unknown as ProductEvent | InventoryEvent;
    if (event.type === 'ProductAdded') {
      const { code, name, description, categoryId, categoryName, price, lowStockThreshold } = event.data;
      const stock = product ? { onHand: product.onHand, reserved: product.reserved } : emptyStock;
      return withStock({ code, name, description, category: { id: categoryId, name: categoryName }, price, lowStockThreshold, status: 'active', ...stock });
    }
    // Stock events of a product added later still count once it is (the events' order is commit order).
    const current = product ?? withStock({ code: event.data.code, name: '', description: '', category: { id: '', name: '' }, price: { amount: 0, currency: 'XXX' }, lowStockThreshold: 0, status: 'active', ...emptyStock });
    switch (event.type) {
      case 'ProductPriceChanged':
        return withStock({ ...current, price: event.data.price });
      case 'ProductDetailsUpdated': {
        const { categoryId, categoryName, ...rest } = event.data.changes;
        return withStock({ ...current, ...rest, category: categoryId ? { id: categoryId, name: categoryName ?? '' } : current.category });
      }
      case 'ProductDiscontinued':
        return withStock({ ...current, status: 'discontinued' });
      case 'StockReceived':
        return withStock({ ...current, onHand: event.data.onHand });
      case 'StockReserved':
        return withStock({ ...current, reserved: current.reserved + event.data.quantity });
      case 'ReservationReleased':
        return withStock({ ...current, reserved: current.reserved - event.data.quantity });
      case 'ReservationCommitted':
        return withStock({ ...current, onHand: event.data.onHand, reserved: current.reserved - event.data.quantity });
      case 'StockAdjusted':
        return withStock({ ...current, onHand: event.data.onHand });
      default:
        return current;
    }
  },
};

export interface CatalogCategory {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly nameKey: string;
}

export const categoriesProjection: DocumentProjection<CatalogCategory> = {
  name: 'categories',
  collection: { name: 'categories', indexes: [[{ path: 'nameKey', type: 'text' }]] },
  filter: { streamPrefixes: [streamPrefix('category')] },
  documentIds: documentNamedBy('categoryId'),
  evolve(category, recorded) {
    const event = recorded as unknown as CategoryEvent;
    if (event.type !== 'CategoryDefined') return category;
    return { id: event.data.categoryId, name: event.data.name, description: event.data.description, nameKey: event.data.name.toLowerCase() };
  },
};
