import type { PriceBookEvent, PriceRule } from '../../domain/pricing/price-book';
import { streamPrefix } from '../../domain/stream-names';
import { documentNamedBy, type DocumentProjection } from '../document-projection';

/** A price rule as the staff review it, and as the catalog prices products by it. */
export interface PriceRuleSummary extends PriceRule {
  /** `ended`: ended by hand; a rule past its validUntil stays `active`, and simply applies no more. */
  readonly status: 'active' | 'ended';
  readonly definedBy: { readonly id: string; readonly role: string };
  readonly definedAt: string;
  readonly ended: { readonly reason: string; readonly at: string } | null;
}

export const priceRulesProjection: DocumentProjection<PriceRuleSummary> = {
  name: 'price-rules',
  collection: {
    name: 'price_rules',
    indexes: [
      [{ path: 'status', type: 'text' }, { path: 'definedAt', type: 'text' }, { path: 'ruleId', type: 'text' }],
      [{ path: 'definedAt', type: 'text' }, { path: 'ruleId', type: 'text' }],
    ],
  },
  filter: { streamPrefixes: [streamPrefix('pricebook')] },
  documentIds: documentNamedBy('ruleId'),
  evolve(rule, recorded) {
    const event = recorded as unknown as PriceBookEvent;
    switch (event.type) {
      case 'PriceRuleDefined': {
        const { ruleId, name, scope, discount, validFrom, validUntil, minQuantity, definedBy, definedAt } = event.data;
        return { ruleId, name, scope, discount, validFrom, validUntil, minQuantity, status: 'active', definedBy, definedAt, ended: null };
      }
      case 'PriceRuleEnded':
        return rule ? { ...rule, status: 'ended', ended: { reason: event.data.reason, at: event.data.endedAt } } : null;
      default:
        return rule;
    }
  },
};
