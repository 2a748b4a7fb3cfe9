import { alreadyExists, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import type { Money } from '../shared/money';

/**
 * The shop's price rules (seed 002's dynamic pricing), in one stream, `pricebook-shop`: every
 * order is priced against all of them, so they are read together, and they change seldom.
 * A rule is a discount on the list price: of some products, for a time, from some quantity on.
 * Rules are never edited: one is ended and another defined, so every price an order captured
 * can be traced to the rule, as it was, that made it.
 */
export const priceBookId = 'shop';
export const maxActiveRules = 500;

export type RuleScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'product'; readonly productCode: string }
  | { readonly kind: 'category'; readonly categoryId: string }
  | { readonly kind: 'vendor'; readonly vendorId: string };

/** `fixed`: this much off each unit, in the product's currency (a rule in another currency does not apply). */
export type Discount = { readonly kind: 'percentage'; readonly percent: number } | { readonly kind: 'fixed'; readonly amount: Money };

export interface PriceRule {
  readonly ruleId: string;
  readonly name: string;
  readonly scope: RuleScope;
  readonly discount: Discount;
  /** The window it applies in, [validFrom, validUntil); null: open on that side. */
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  /** A quantity break: it applies to order lines of at least this many units. */
  readonly minQuantity: number;
}

interface Actor {
  readonly id: string;
  readonly role: string;
}

export type PriceBookCommand =
  | { type: 'DefinePriceRule'; data: { rule: PriceRule; by: Actor; now: Date } }
  | { type: 'EndPriceRule'; data: { ruleId: string; reason: string; by: Actor; now: Date } };

export type PriceBookEvent =
  | { type: 'PriceRuleDefined'; data: PriceRule & { definedBy: Actor; definedAt: string } }
  | { type: 'PriceRuleEnded'; data: { ruleId: string; reason: string; endedBy: Actor; endedAt: string } };

/** The rules in force or to come; ended ones are gone from it (they stay in the log). */
export interface PriceBookState {
  readonly rules: Readonly<Record<string, PriceRule>>;
  readonly ended: readonly string[];
}

export const initialPriceBookState: PriceBookState = { rules: {}, ended: [] };

const recorded = (by: Actor): Actor => ({ id: by.id, role: by.role });

function refuseUnsound(rule: PriceRule, now: Date): void {
  const { discount, minQuantity, validFrom, validUntil, ruleId } = rule;
  const refuse = (code: string, message: string): never => {
    throw ruleViolated(code, message, { ruleId });
  };
  if (discount.kind === 'percentage' && !(Number.isInteger(discount.percent) && discount.percent >= 1 && discount.percent <= 99)) refuse('invalid-discount', 'A percentage discount is a whole 1 to 99 %');
  if (discount.kind === 'fixed' && !(Number.isSafeInteger(discount.amount.amount) && discount.amount.amount >= 1)) refuse('invalid-discount', 'A fixed discount is at least one minor unit off each unit');
  if (!Number.isSafeInteger(minQuantity) || minQuantity < 1) refuse('invalid-quantity-break', 'A rule applies from a quantity of at least 1');
  if (validFrom !== null && validUntil !== null && Date.parse(validUntil) <= Date.parse(validFrom)) refuse('invalid-window', 'A rule ends after it starts');
  if (validUntil !== null && Date.parse(validUntil) <= now.getTime()) refuse('window-over', 'A rule cannot end in the past');
}

export function decidePriceBook(command: PriceBookCommand, state: PriceBookState): PriceBookEvent[] {
  const at = command.data.now.toISOString();
  switch (command.type) {
    case 'DefinePriceRule': {
      const { rule, by, now } = command.data;
      if (state.rules[rule.ruleId] || state.ended.includes(rule.ruleId)) throw alreadyExists('price-rule-exists', `A price rule ${rule.ruleId} exists already`, { ruleId: rule.ruleId });
      refuseUnsound(rule, now);
      if (Object.keys(state.rules).length >= maxActiveRules) throw ruleViolated('too-many-price-rules', `At most ${maxActiveRules} price rules are in force; end some first`);
      return [{ type: 'PriceRuleDefined', data: { ...rule, name: rule.name.trim(), definedBy: recorded(by), definedAt: at } }];
    }
    case 'EndPriceRule': {
      const { ruleId, reason, by } = command.data;
      if (state.ended.includes(ruleId)) return [];
      if (!state.rules[ruleId]) throw notFound('price-rule-not-found', `There is no price rule ${ruleId}`, { ruleId });
      return [{ type: 'PriceRuleEnded', data: { ruleId, reason, endedBy: recorded(by), endedAt: at } }];
    }
    default:
      return unreachable(command);
  }
}

export function evolvePriceBook(state: PriceBookState, event: PriceBookEvent): PriceBookState {
  switch (event.type) {
    case 'PriceRuleDefined': {
      const { definedBy: _by, definedAt: _at, ...rule } = event.data;
      return { ...state, rules: { ...state.rules, [rule.ruleId]: rule } };
    }
    case 'PriceRuleEnded': {
      const { [event.data.ruleId]: _ended, ...rules } = state.rules;
      return { rules, ended: [...state.ended, event.data.ruleId] };
    }
    default:
      return unreachable(event);
  }
}

export const priceBookDecider: Decider<PriceBookCommand, PriceBookEvent, PriceBookState> = {
  initialState: initialPriceBookState,
  decide: decidePriceBook,
  evolve: evolvePriceBook,
};
