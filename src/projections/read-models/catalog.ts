import type { CategoryEvent } from '../../domain/catalog/category';
import { afterApplied, withScheduled, type ProductEvent, type ScheduledPrice } from '../../domain/catalog/product';
import type { InventoryEvent } from '../../domain/inventory/inventory';
import type { Money } from '../../domain/shared/money';
import { streamPrefix } from '../../domain/stream-names';
import type { RecordedEvent } from '../../event-store/event-store';
import type { VendorEvent } from '../../domain/vendors/vendor';
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
  /** Packed, per unit; absent when not recorded (shipping then counts defaultWeightGrams). */
  readonly weightGrams?: number;
  readonly status: 'active' | 'discontinued';
  /** Who sells it (none: the shop itself); a suspended vendor's products cannot be ordered meanwhile. */
  readonly vendor: CatalogVendor | null;
  /** List prices to come, earliest first (absent on products projected before they existed). */
  readonly scheduled?: readonly ScheduledPrice[];
  /** For case-insensitive sorting and search; not shown. */
  readonly nameKey: string;
  readonly searchText: string;
}

export interface CatalogVendor {
  readonly id: string;
  readonly name: string;
  readonly status: 'active' | 'suspended';
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

/** Stock moves far more often than anything else about a product, and changes none of its text. */
function restocked(product: CatalogProduct, onHand: number, reserved: number): CatalogProduct {
  const available = onHand - reserved;
  return { ...product, onHand, reserved, available, lowStock: available <= product.lowStockThreshold };
}

export const catalogProjection: DocumentProjection<CatalogProduct> = {
  name: 'catalog',
  collection: {
    name: 'products',
    indexes: [
      [{ path: 'category.id', type: 'text' }, { path: 'nameKey', type: 'text' }],
      [{ path: 'nameKey', type: 'text' }, { path: 'code', type: 'text' }],
      [{ path: 'price.amount', type: 'number' }, { path: 'code', type: 'text' }],
      [{ path: 'vendor.id', type: 'text' }, { path: 'nameKey', type: 'text' }, { path: 'code', type: 'text' }],
    ],
  },
  filter: { streamPrefixes: [streamPrefix('product'), streamPrefix('inventory'), streamPrefix('vendor')] },
  documentIds: documentNamedBy('code'),
  // A vendor's new name or standing shows on every product of theirs.
  documentsWhere: (event) => (event.type.startsWith('Vendor') && typeof event.data.vendorId === 'string' ? { path: 'vendor.id', value: event.data.vendorId, idPath: 'code' } : null),
  evolve(product, recorded: RecordedEvent) {
    const event = recorded as unknown as ProductEvent | InventoryEvent | VendorEvent;
    if (event.type === 'ProductAdded') {
      const { code, name, description, categoryId, categoryName, price, lowStockThreshold, weightGrams, vendorId, vendorName } = event.data;
      const stock = product ? { onHand: product.onHand, reserved: product.reserved } : emptyStock;
      const vendor: CatalogVendor | null = vendorId !== undefined ? { id: vendorId, name: vendorName ?? '', status: 'active' } : null;
      return withStock({ code, name, description, category: { id: categoryId, name: categoryName }, price, lowStockThreshold, ...(weightGrams !== undefined ? { weightGrams } : {}), status: 'active', vendor, ...stock });
    }
    if (event.type.startsWith('Vendor')) return product && vendorChange(product, event as VendorEvent);
    const stockEvent = event as ProductEvent | InventoryEvent;
    // Stock events of a product added later still count once it is (the events' order is commit order).
    const current =
      product ?? withStock({ code: stockEvent.data.code, name: '', description: '', category: { id: '', name: '' }, price: { amount: 0, currency: 'XXX' }, lowStockThreshold: 0, status: 'active', vendor: null, ...emptyStock });
    switch (stockEvent.type) {
      case 'ProductPriceChanged': {
        const scheduled = afterApplied(current.scheduled, stockEvent.data.scheduleId);
        return withStock({ ...current, price: stockEvent.data.price, ...(scheduled ? { scheduled } : {}) });
      }
      case 'ProductPriceChangeScheduled': {
        const { scheduleId, price, effectiveAt } = stockEvent.data;
        return withStock({ ...current, scheduled: withScheduled(current.scheduled, { scheduleId, price, effectiveAt }) });
      }
      case 'ScheduledPriceCancelled':
        return withStock({ ...current, scheduled: (current.scheduled ?? []).filter((change) => change.scheduleId !== stockEvent.data.scheduleId) });
      case 'ProductDetailsUpdated': {
        const { categoryId, categoryName, ...rest } = stockEvent.data.changes;
        return withStock({ ...current, ...rest, category: categoryId ? { id: categoryId, name: categoryName ?? '' } : current.category });
      }
      case 'ProductDiscontinued':
        return withStock({ ...current, status: 'discontinued' });
      case 'StockReceived':
        return restocked(current, stockEvent.data.onHand, current.reserved);
      case 'StockReserved':
        return restocked(current, current.onHand, current.reserved + stockEvent.data.quantity);
      case 'ReservationReleased':
        return restocked(current, current.onHand, current.reserved - stockEvent.data.quantity);
      case 'ReservationCommitted':
        return restocked(current, stockEvent.data.onHand, current.reserved - stockEvent.data.quantity);
      case 'StockAdjusted':
        return restocked(current, stockEvent.data.onHand, current.reserved);
      default:
        return current;
    }
  },
};

function vendorChange(product: CatalogProduct, event: VendorEvent): CatalogProduct {
  if (!product.vendor) return product;
  switch (event.type) {
    case 'VendorProfileUpdated':
      return { ...product, vendor: { ...product.vendor, name: event.data.name } };
    case 'VendorSuspended':
      return { ...product, vendor: { ...product.vendor, status: 'suspended' } };
    case 'VendorReinstated':
      return { ...product, vendor: { ...product.vendor, status: 'active' } };
    default:
      return product;
  }
}

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
