import { alreadyExists, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import { sameMoney, type Money } from '../shared/money';

/** The category a product belongs to, as the command handler found it in the catalog. */
export interface CategoryRef {
  readonly id: string;
  readonly name: string;
}

/** The vendor who sells a product, as the command handler found it (an active one). */
export type VendorRef = CategoryRef;

export interface ProductDetails {
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly categoryName: string;
  /** Staff are alerted when the available stock falls to this level. */
  readonly lowStockThreshold: number;
  /** Packed, per unit: what shipping is quoted on. Unrecorded, a unit ships as `defaultWeightGrams`. */
  readonly weightGrams?: number;
}

/** The weight a unit ships as when none was recorded for its product. */
export const defaultWeightGrams = 500;

export type ProductCommand =
  | {
      type: 'AddProduct';
      /** `vendor`: who sells it; none for the shop's own products. */
      data: { code: string; name: string; description: string; category: CategoryRef; price: Money; lowStockThreshold: number; weightGrams?: number; vendor?: VendorRef; now: Date };
    }
  | { type: 'ChangeProductPrice'; data: { code: string; price: Money; now: Date } }
  /** A new list price from a moment on; a timer applies it then (ApplyScheduledPrice). */
  | { type: 'SchedulePriceChange'; data: { code: string; scheduleId: string; price: Money; effectiveAt: Date; now: Date } }
  | { type: 'CancelScheduledPrice'; data: { code: string; scheduleId: string; now: Date } }
  | { type: 'ApplyScheduledPrice'; data: { code: string; scheduleId: string; now: Date } }
  | {
      type: 'UpdateProductDetails';
      data: { code: string; name?: string; description?: string; category?: CategoryRef; lowStockThreshold?: number; weightGrams?: number; now: Date };
    }
  | { type: 'DiscontinueProduct'; data: { code: string; reason: string; now: Date } };

export type ProductEvent =
  | { type: 'ProductAdded'; data: { code: string; price: Money; vendorId?: string; vendorName?: string; addedAt: string } & ProductDetails }
  /** `scheduleId`: the scheduled change it carried out, if it was one. */
  | { type: 'ProductPriceChanged'; data: { code: string; previousPrice: Money; price: Money; changedAt: string; scheduleId?: string } }
  | { type: 'ProductPriceChangeScheduled'; data: { code: string; scheduleId: string; price: Money; effectiveAt: string; scheduledAt: string } }
  | { type: 'ScheduledPriceCancelled'; data: { code: string; scheduleId: string; cancelledAt: string } }
  | { type: 'ProductDetailsUpdated'; data: { code: string; changes: Partial<ProductDetails>; updatedAt: string } }
  | { type: 'ProductDiscontinued'; data: { code: string; reason: string; discontinuedAt: string } };

export type ProductState =
  | { status: 'absent' }
  /**
   * A product keeps the vendor it was added for: its sales, stock and history are that vendor's.
   * `scheduled`: list prices to come, earliest first, until applied or cancelled.
   */
  | ({ status: 'active' | 'discontinued'; code: string; price: Money; vendorId?: string; scheduled?: readonly ScheduledPrice[] } & ProductDetails);

export interface ScheduledPrice {
  readonly scheduleId: string;
  readonly price: Money;
  readonly effectiveAt: string;
}

/** The list prices to come with one more, earliest first. */
export const withScheduled = (scheduled: readonly ScheduledPrice[] | undefined, change: ScheduledPrice): ScheduledPrice[] =>
  [...(scheduled ?? []), change].sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));

/** What is still to come once a scheduled change is applied: it supersedes any due before it that a late timer has not applied. */
export function afterApplied(scheduled: readonly ScheduledPrice[] | undefined, scheduleId: string | undefined): readonly ScheduledPrice[] | undefined {
  const applied = scheduled?.find((change) => change.scheduleId === scheduleId);
  return applied ? scheduled!.filter((change) => Date.parse(change.effectiveAt) > Date.parse(applied.effectiveAt)) : scheduled;
}

/**
 * The list price at a moment: the last scheduled price due by then, if its timer has not applied
 * it yet, or the price. So an order placed just after the moment pays the new price, however late
 * the timer runs.
 */
export function listPriceAt(product: { price: Money; scheduled?: readonly ScheduledPrice[] }, at: Date): Money {
  const due = (product.scheduled ?? []).filter((change) => Date.parse(change.effectiveAt) <= at.getTime());
  return due.length > 0 ? due[due.length - 1]!.price : product.price;
}

export const initialProductState: ProductState = { status: 'absent' };

type Existing = Exclude<ProductState, { status: 'absent' }>;

function existing(state: ProductState, code: string): Existing {
  if (state.status === 'absent') throw notFound('product-not-found', `There is no product ${code}`, { code });
  return state;
}

function active(state: ProductState, code: string): Existing {
  const product = existing(state, code);
  if (product.status === 'discontinued') throw ruleViolated('product-discontinued', `Product ${code} is discontinued`, { code });
  return product;
}

export function addProduct(command: Extract<ProductCommand, { type: 'AddProduct' }>, state: ProductState): ProductEvent[] {
  const { code, name, description, category, price, lowStockThreshold, weightGrams, vendor, now } = command.data;
  if (state.status !== 'absent') throw alreadyExists('product-code-taken', `Product code ${code} is taken`, { code });
  return [
    {
      type: 'ProductAdded',
      data: { code, name, description, categoryId: category.id, categoryName: category.name, price, lowStockThreshold, ...(weightGrams !== undefined ? { weightGrams } : {}), ...(vendor ? { vendorId: vendor.id, vendorName: vendor.name } : {}), addedAt: now.toISOString() },
    },
  ];
}

export function changeProductPrice(command: Extract<ProductCommand, { type: 'ChangeProductPrice' }>, state: ProductState): ProductEvent[] {
  const { code, price, now } = command.data;
  const product = active(state, code);
  if (sameMoney(product.price, price)) return [];
  return [{ type: 'ProductPriceChanged', data: { code, previousPrice: product.price, price, changedAt: now.toISOString() } }];
}

export function schedulePriceChange(command: Extract<ProductCommand, { type: 'SchedulePriceChange' }>, state: ProductState): ProductEvent[] {
  const { code, scheduleId, price, effectiveAt, now } = command.data;
  const product = active(state, code);
  if ((product.scheduled ?? []).some((change) => change.scheduleId === scheduleId)) return [];
  if (effectiveAt.getTime() <= now.getTime()) throw ruleViolated('schedule-in-past', 'A price change is scheduled for a moment to come; change the price now instead', { code });
  if ((product.scheduled ?? []).some((change) => Date.parse(change.effectiveAt) === effectiveAt.getTime())) {
    throw ruleViolated('schedule-taken', 'A price change is scheduled for that moment already; cancel it first', { code });
  }
  return [{ type: 'ProductPriceChangeScheduled', data: { code, scheduleId, price, effectiveAt: effectiveAt.toISOString(), scheduledAt: now.toISOString() } }];
}

export function cancelScheduledPrice(command: Extract<ProductCommand, { type: 'CancelScheduledPrice' }>, state: ProductState): ProductEvent[] {
  const { code, scheduleId, now } = command.data;
  const product = existing(state, code);
  if (!(product.scheduled ?? []).some((change) => change.scheduleId === scheduleId)) throw notFound('scheduled-price-not-found', `No price change ${scheduleId} is to come for ${code}`, { code, scheduleId });
  return [{ type: 'ScheduledPriceCancelled', data: { code, scheduleId, cancelledAt: now.toISOString() } }];
}

/** The timer's command: applied once, at or after its moment; cancelled or applied already, nothing. */
export function applyScheduledPrice(command: Extract<ProductCommand, { type: 'ApplyScheduledPrice' }>, state: ProductState): ProductEvent[] {
  const { code, scheduleId, now } = command.data;
  if (state.status === 'absent') return [];
  const change = (state.scheduled ?? []).find((pending) => pending.scheduleId === scheduleId);
  if (!change) return [];
  if (Date.parse(change.effectiveAt) > now.getTime()) throw ruleViolated('schedule-not-due', `The price change ${scheduleId} is due at ${change.effectiveAt}`, { code, scheduleId });
  return [{ type: 'ProductPriceChanged', data: { code, previousPrice: state.price, price: change.price, changedAt: now.toISOString(), scheduleId } }];
}

export function updateProductDetails(command: Extract<ProductCommand, { type: 'UpdateProductDetails' }>, state: ProductState): ProductEvent[] {
  const { code, name, description, category, lowStockThreshold, weightGrams, now } = command.data;
  const product = active(state, code);
  const changes: { -readonly [K in keyof ProductDetails]?: ProductDetails[K] } = {};
  if (name !== undefined && name !== product.name) changes.name = name;
  if (description !== undefined && description !== product.description) changes.description = description;
  if (category !== undefined && category.id !== product.categoryId) {
    changes.categoryId = category.id;
    changes.categoryName = category.name;
  }
  if (lowStockThreshold !== undefined && lowStockThreshold !== product.lowStockThreshold) changes.lowStockThreshold = lowStockThreshold;
  if (weightGrams !== undefined && weightGrams !== product.weightGrams) changes.weightGrams = weightGrams;
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'ProductDetailsUpdated', data: { code, changes, updatedAt: now.toISOString() } }];
}

export function discontinueProduct(command: Extract<ProductCommand, { type: 'DiscontinueProduct' }>, state: ProductState): ProductEvent[] {
  const { code, reason, now } = command.data;
  active(state, code);
  return [{ type: 'ProductDiscontinued', data: { code, reason, discontinuedAt: now.toISOString() } }];
}

export function decideProduct(command: ProductCommand, state: ProductState): ProductEvent[] {
  switch (command.type) {
    case 'AddProduct':
      return addProduct(command, state);
    case 'ChangeProductPrice':
      return changeProductPrice(command, state);
    case 'SchedulePriceChange':
      return schedulePriceChange(command, state);
    case 'CancelScheduledPrice':
      return cancelScheduledPrice(command, state);
    case 'ApplyScheduledPrice':
      return applyScheduledPrice(command, state);
    case 'UpdateProductDetails':
      return updateProductDetails(command, state);
    case 'DiscontinueProduct':
      return discontinueProduct(command, state);
    default:
      return unreachable(command);
  }
}

export function evolveProduct(state: ProductState, event: ProductEvent): ProductState {
  switch (event.type) {
    case 'ProductAdded': {
      const { code, name, description, categoryId, categoryName, price, lowStockThreshold, weightGrams, vendorId } = event.data;
      return { status: 'active', code, name, description, categoryId, categoryName, price, lowStockThreshold, ...(weightGrams !== undefined ? { weightGrams } : {}), ...(vendorId !== undefined ? { vendorId } : {}) };
    }
    case 'ProductPriceChanged': {
      if (state.status === 'absent') return state;
      const scheduled = afterApplied(state.scheduled, event.data.scheduleId);
      return { ...state, price: event.data.price, ...(scheduled ? { scheduled } : {}) };
    }
    case 'ProductPriceChangeScheduled': {
      if (state.status === 'absent') return state;
      const { scheduleId, price, effectiveAt } = event.data;
      return { ...state, scheduled: withScheduled(state.scheduled, { scheduleId, price, effectiveAt }) };
    }
    case 'ScheduledPriceCancelled':
      return state.status === 'absent' ? state : { ...state, scheduled: (state.scheduled ?? []).filter((change) => change.scheduleId !== event.data.scheduleId) };
    case 'ProductDetailsUpdated':
      return state.status === 'absent' ? state : { ...state, ...event.data.changes };
    case 'ProductDiscontinued':
      return state.status === 'absent' ? state : { ...state, status: 'discontinued' };
    default:
      return unreachable(event);
  }
}

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: initialProductState,
  decide: decideProduct,
  evolve: evolveProduct,
};
