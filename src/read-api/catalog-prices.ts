import { maxActiveRules, type PriceRule } from '../domain/pricing/price-book';
import { priceHoldsUntil, priceOf, type PricedItem } from '../domain/pricing/pricing';
import type { Money } from '../domain/shared/money';
import { listPriceAt } from '../domain/catalog/product';
import type { DocumentStore } from '../projections/document-store';
import type { CatalogProduct } from '../projections/read-models/catalog';
import { priceRulesProjection, type PriceRuleSummary } from '../projections/read-models/price-rules';

/** A product's price as shown: what it costs now, what made it, until when it holds, and any quantity breaks. */
export interface ShownPrice {
  readonly price: Money;
  readonly listPrice: Money;
  readonly priceRule: { readonly ruleId: string; readonly name: string } | null;
  /** Ordered before then, this is the price charged (an order sent with the price it was shown is refused, with the new one, after). */
  readonly priceValidUntil: string | null;
  /** Lower unit prices from a quantity on, by the rules in force. */
  readonly quantityPrices: readonly { readonly minQuantity: number; readonly price: Money; readonly priceRule: { readonly ruleId: string; readonly name: string } }[];
  /** The list price scheduled next, and from when. */
  readonly nextListPrice: { readonly price: Money; readonly effectiveAt: string } | null;
}

/**
 * The catalog's prices by the price book, worked out as products are read, with the same pure
 * function an order is priced with: a rule that starts or ends needs no event for the catalog to
 * show it at once. The rules are read once per change of the price-rules read model.
 */
export class CatalogPrices {
  private kept: { version: number; rules: PriceRule[] } | null = null;

  constructor(
    private readonly documents: DocumentStore,
    private readonly version: () => number | undefined,
  ) {}

  /** The rules not ended, in the order they were defined (which settles ties, as for orders). */
  async rules(): Promise<{ rules: PriceRule[]; version: number | undefined }> {
    const version = this.version();
    if (version !== undefined && this.kept?.version === version) return { rules: this.kept.rules, version };
    const found = await this.documents.find<PriceRuleSummary>(priceRulesProjection.collection.name, {
      where: { status: 'active' },
      sort: [{ path: 'definedAt', type: 'text', direction: 'asc' }, { path: 'ruleId', type: 'text', direction: 'asc' }],
      limit: maxActiveRules,
    });
    const rules = found.map(({ ruleId, name, scope, discount, validFrom, validUntil, minQuantity }) => ({ ruleId, name, scope, discount, validFrom, validUntil, minQuantity }));
    if (version !== undefined) this.kept = { version, rules };
    return { rules, version };
  }

  /** The first moment a price in a catalog answer (a product, a page of them, or none) changes; null: none is coming. */
  static earliestChange(answer: unknown): Date | null {
    const products = (answer && typeof answer === 'object' && 'items' in answer ? (answer as { items: ShownPrice[] }).items : answer ? [answer as ShownPrice] : []);
    const moments = products.flatMap((product) => (product.priceValidUntil ? [Date.parse(product.priceValidUntil)] : []));
    return moments.length > 0 ? new Date(Math.min(...moments)) : null;
  }

  static shown(product: CatalogProduct, rules: readonly PriceRule[], now: Date): ShownPrice {
    const item: PricedItem = { productCode: product.code, categoryId: product.category.id, ...(product.vendor ? { vendorId: product.vendor.id } : {}), listPrice: listPriceAt(product, now), quantity: 1 };
    const next = (product.scheduled ?? []).find((change) => Date.parse(change.effectiveAt) > now.getTime()) ?? null;
    const single = priceOf(item, rules, now);
    const breaks = [...new Set(rules.map((rule) => rule.minQuantity).filter((quantity) => quantity > 1))].sort((a, b) => a - b);
    const quantityPrices: ShownPrice['quantityPrices'][number][] = [];
    let lowest = single.unitPrice.amount;
    for (const minQuantity of breaks) {
      const price = priceOf({ ...item, quantity: minQuantity }, rules, now);
      if (price.rule && price.unitPrice.amount < lowest) {
        quantityPrices.push({ minQuantity, price: price.unitPrice, priceRule: price.rule });
        lowest = price.unitPrice.amount;
      }
    }
    const ruleChange = priceHoldsUntil(item, rules, now)?.getTime() ?? Number.POSITIVE_INFINITY;
    const until = Math.min(ruleChange, next ? Date.parse(next.effectiveAt) : Number.POSITIVE_INFINITY);
    return {
      price: single.unitPrice,
      listPrice: item.listPrice,
      priceRule: single.rule,
      priceValidUntil: Number.isFinite(until) ? new Date(until).toISOString() : null,
      quantityPrices,
      nextListPrice: next ? { price: next.price, effectiveAt: next.effectiveAt } : null,
    };
  }
}
