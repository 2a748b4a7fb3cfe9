import { money, type Money } from '../shared/money';
import type { PriceRule } from './price-book';

/** What a price is worked out for: a product as the catalog has it, and how many of it. */
export interface PricedItem {
  readonly productCode: string;
  readonly categoryId: string;
  readonly vendorId?: string;
  readonly listPrice: Money;
  readonly quantity: number;
}

export interface Price {
  readonly unitPrice: Money;
  readonly listPrice: Money;
  /** The rule that made it, when one did. */
  readonly rule: { readonly ruleId: string; readonly name: string } | null;
}

const inScope = (rule: PriceRule, item: Pick<PricedItem, 'productCode' | 'categoryId' | 'vendorId'>): boolean => {
  const { scope } = rule;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'product':
      return scope.productCode === item.productCode;
    case 'category':
      return scope.categoryId === item.categoryId;
    case 'vendor':
      return scope.vendorId === item.vendorId;
  }
};

const inWindow = (rule: PriceRule, at: Date): boolean =>
  (rule.validFrom === null || Date.parse(rule.validFrom) <= at.getTime()) && (rule.validUntil === null || at.getTime() < Date.parse(rule.validUntil));

/** The unit price under one rule; null when the rule cannot apply (another currency). Never below zero. */
function discounted(rule: PriceRule, listPrice: Money): Money | null {
  const { discount } = rule;
  if (discount.kind === 'fixed') {
    if (discount.amount.currency !== listPrice.currency) return null;
    return money(Math.max(0, listPrice.amount - discount.amount.amount), listPrice.currency);
  }
  // Half a cent off or more rounds to the customer's favour.
  const off = Math.round((listPrice.amount * discount.percent) / 100);
  return money(listPrice.amount - off, listPrice.currency);
}

/**
 * The price of an item at a moment: its list price, less the one applicable rule that takes the
 * most off it. Rules do not stack, so that a price is always explained by a single rule. Ties go
 * to the rule defined first (the lower id never decides: the order of the book does).
 */
export function priceOf(item: PricedItem, rules: readonly PriceRule[], at: Date): Price {
  let best: Price = { unitPrice: item.listPrice, listPrice: item.listPrice, rule: null };
  for (const rule of rules) {
    if (!inScope(rule, item) || !inWindow(rule, at) || item.quantity < rule.minQuantity) continue;
    const unitPrice = discounted(rule, item.listPrice);
    if (unitPrice && unitPrice.amount < best.unitPrice.amount) best = { unitPrice, listPrice: item.listPrice, rule: { ruleId: rule.ruleId, name: rule.name } };
  }
  return best;
}

/**
 * Until when an item's price worked out at `at` holds: the next moment a rule that could touch it
 * starts or ends (null: no change is coming). A price shown now is the price charged if ordered
 * before then, at any quantity the shown price was worked out for.
 */
export function priceHoldsUntil(item: Omit<PricedItem, 'quantity' | 'listPrice'>, rules: readonly PriceRule[], at: Date): Date | null {
  const moments = rules
    .filter((rule) => inScope(rule, item))
    .flatMap((rule) => [rule.validFrom, rule.validUntil])
    .flatMap((moment) => (moment !== null && Date.parse(moment) > at.getTime() ? [Date.parse(moment)] : []));
  return moments.length > 0 ? new Date(Math.min(...moments)) : null;
}
