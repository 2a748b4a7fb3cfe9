import { categoryDecider } from '../../domain/catalog/category';
import { priceBookDecider, priceBookId, type Discount, type RuleScope } from '../../domain/pricing/price-book';
import { invalidReference } from '../../domain/shared/domain-error';
import { streamName } from '../../domain/stream-names';
import { vendorDecider } from '../../domain/vendors/vendor';
import type { EventStore } from '../../event-store/event-store';
import { handleCommand, newIdFor, type CommandContext } from '../command-handler';
import { loadProduct, loadState } from './catalog-handlers';

export interface PriceRuleInput {
  readonly name: string;
  readonly scope: RuleScope;
  readonly discount: Discount;
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly minQuantity?: number;
}

/** The price book (stream pricebook-shop): rules defined and ended by the staff. */
export function pricingHandlers(eventStore: EventStore) {
  const stream = streamName('pricebook', priceBookId);

  /** A rule names something that is there: a rule for nothing would silently never apply. */
  async function ensureScopeExists(scope: RuleScope): Promise<void> {
    const missing = (what: string, id: string) => invalidReference(`unknown-${what}`, `There is no ${what} ${id}`, { [`${what}Id`]: id });
    if (scope.kind === 'product' && (await loadProduct(eventStore, scope.productCode)).status === 'absent') throw missing('product', scope.productCode);
    if (scope.kind === 'category' && (await loadState(eventStore, streamName('category', scope.categoryId), categoryDecider)).status !== 'defined') throw missing('category', scope.categoryId);
    if (scope.kind === 'vendor' && (await loadState(eventStore, streamName('vendor', scope.vendorId), vendorDecider)).status === 'none') throw missing('vendor', scope.vendorId);
  }

  return {
    async definePriceRule(input: PriceRuleInput, context: CommandContext) {
      await ensureScopeExists(input.scope);
      const ruleId = newIdFor(context, 'price-rule');
      const rule = { ruleId, name: input.name, scope: input.scope, discount: input.discount, validFrom: input.validFrom ?? null, validUntil: input.validUntil ?? null, minQuantity: input.minQuantity ?? 1 };
      const result = await handleCommand(eventStore, stream, priceBookDecider, { type: 'DefinePriceRule', data: { rule, by: context.actor, now: context.now } }, context);
      return { ...result, ruleId };
    },

    endPriceRule(input: { ruleId: string; reason: string }, context: CommandContext) {
      return handleCommand(eventStore, stream, priceBookDecider, { type: 'EndPriceRule', data: { ...input, by: context.actor, now: context.now } }, context);
    },
  };
}
