import { alreadyExists, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import { sameMoney, type Money } from '../shared/money';

/** The category a product belongs to, as the command handler found it in the catalog. */
export interface CategoryRef {
  readonly id: string;
  readonly name: string;
}

export interface ProductDetails {
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly categoryName: string;
  /** Staff are alerted when the available stock falls to this level. */
  readonly lowStockThreshold: number;
}

export type ProductCommand =
  | {
      type: 'AddProduct';
      data: { code: string; name: string; description: string; category: CategoryRef; price: Money; lowStockThreshold: number; now: Date };
    }
  | { type: 'ChangeProductPrice'; data: { code: string; price: Money; now: Date } }
  | {
      type: 'UpdateProductDetails';
      data: { code: string; name?: string; description?: string; category?: CategoryRef; lowStockThreshold?: number; now: Date };
    }
  | { type: 'DiscontinueProduct'; data: { code: string; reason: string; now: Date } };

export type ProductEvent =
  | { type: 'ProductAdded'; data: { code: string; price: Money; addedAt: string } & ProductDetails }
  | { type: 'ProductPriceChanged'; data: { code: string; previousPrice: Money; price: Money; changedAt: string } }
  | { type: 'ProductDetailsUpdated'; data: { code: string; changes: Partial<ProductDetails>; updatedAt: string } }
  | { type: 'ProductDiscontinued'; data: { code: string; reason: string; discontinuedAt: string } };

export type ProductState =
  | { status: 'absent' }
  | ({ status: 'active' | 'discontinued'; code: string; price: Money } & ProductDetails);

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
  const { code, name, description, category, price, lowStockThreshold, now } = command.data;
  if (state.status !== 'absent') throw alreadyExists('product-code-taken', `Product code ${code} is taken`, { code });
  return [
    {
      type: 'ProductAdded',
      data: { code, name, description, categoryId: category.id, categoryName: category.name, price, lowStockThreshold, addedAt: now.toISOString() },
    },
  ];
}

export function changeProductPrice(command: Extract<ProductCommand, { type: 'ChangeProductPrice' }>, state: ProductState): ProductEvent[] {
  const { code, price, now } = command.data;
  const product = active(state, code);
  if (sameMoney(product.price, price)) return [];
  return [{ type: 'ProductPriceChanged', data: { code, previousPrice: product.price, price, changedAt: now.toISOString() } }];
}

export function updateProductDetails(command: Extract<ProductCommand, { type: 'UpdateProductDetails' }>, state: ProductState): ProductEvent[] {
  const { code, name, description, category, lowStockThreshold, now } = command.data;
  const product = active(state, code);
  const changes: { -readonly [K in keyof ProductDetails]?: ProductDetails[K] } = {};
  if (name !== undefined && name !== product.name) changes.name = name;
  if (description !== undefined && description !== product.description) changes.description = description;
  if (category !== undefined && category.id !== product.categoryId) {
    changes.categoryId = category.id;
    changes.categoryName = category.name;
  }
  if (lowStockThreshold !== undefined && lowStockThreshold !== product.lowStockThreshold) changes.lowStockThreshold = lowStockThreshold;
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
      const { code, name, description, categoryId, categoryName, price, lowStockThreshold } = event.data;
      return { status: 'active', code, name, description, categoryId, categoryName, price, lowStockThreshold };
    }
    case 'ProductPriceChanged':
      return state.status === 'absent' ? state : { ...state, price: event.data.price };
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
