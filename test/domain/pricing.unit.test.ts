import { priceBookDecider, type PriceBookEvent, type PriceRule } from '../../src/domain/pricing/price-book';
import { priceHoldsUntil, priceOf, type PricedItem } from '../../src/domain/pricing/pricing';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-26T10:00:00.000Z');
const at = now.toISOString();
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const admin = { id: 'admin-1', role: 'admin' };
const rule = (overrides: Partial<PriceRule> = {}): PriceRule => ({
  ruleId: 'r-1',
  name: 'Winter sale',
  scope: { kind: 'category', categoryId: 'green-tea' },
  discount: { kind: 'percentage', percent: 20 },
  validFrom: null,
  validUntil: null,
  minQuantity: 1,
  ...overrides,
});

describe('price book', () => {
  const spec = deciderSpec(priceBookDecider);
  const defined = (r: PriceRule = rule()): PriceBookEvent => ({ type: 'PriceRuleDefined', data: { ...r, definedBy: admin, definedAt: at } });

  it('defines a rule, recording who did', () => {
    spec.given([]).when({ type: 'DefinePriceRule', data: { rule: rule({ name: '  Winter sale ' }), by: { ...admin, vendorId: 'x' } as typeof admin, now } }).then([defined()]);
  });
  it('refuses a second rule under the same id, even one ended', () => {
    spec.given([defined()]).when({ type: 'DefinePriceRule', data: { rule: rule(), by: admin, now } }).thenRefused('already-exists', 'price-rule-exists');
    const ended: PriceBookEvent = { type: 'PriceRuleEnded', data: { ruleId: 'r-1', reason: 'over', endedBy: admin, endedAt: at } };
    spec.given([defined(), ended]).when({ type: 'DefinePriceRule', data: { rule: rule(), by: admin, now } }).thenRefused('already-exists', 'price-rule-exists');
  });
  it.each([
    ['a 0 % discount', { discount: { kind: 'percentage', percent: 0 } }, 'invalid-discount'],
    ['a 100 % discount', { discount: { kind: 'percentage', percent: 100 } }, 'invalid-discount'],
    ['a fractional percentage', { discount: { kind: 'percentage', percent: 12.5 } }, 'invalid-discount'],
    ['nothing off', { discount: { kind: 'fixed', amount: eur(0) } }, 'invalid-discount'],
    ['a quantity break of 0', { minQuantity: 0 }, 'invalid-quantity-break'],
    ['an end before its start', { validFrom: '2026-12-02T00:00:00.000Z', validUntil: '2026-12-01T00:00:00.000Z' }, 'invalid-window'],
    ['an end as it starts', { validFrom: '2026-12-01T00:00:00.000Z', validUntil: '2026-12-01T00:00:00.000Z' }, 'invalid-window'],
    ['an end in the past', { validUntil: '2026-11-26T09:59:59.999Z' }, 'window-over'],
  ] as const)('refuses %s', (_case, overrides, code) => {
    spec.given([]).when({ type: 'DefinePriceRule', data: { rule: rule(overrides), by: admin, now } }).thenRefused('rule-violated', code);
  });
  it('ends a rule once; ending it again changes nothing; an unknown rule is not found', () => {
    const ended: PriceBookEvent = { type: 'PriceRuleEnded', data: { ruleId: 'r-1', reason: 'sold out', endedBy: admin, endedAt: at } };
    spec.given([defined()]).when({ type: 'EndPriceRule', data: { ruleId: 'r-1', reason: 'sold out', by: admin, now } }).then([ended]);
    spec.given([defined(), ended]).when({ type: 'EndPriceRule', data: { ruleId: 'r-1', reason: 'again', by: admin, now } }).thenNothingNew();
    spec.given([]).when({ type: 'EndPriceRule', data: { ruleId: 'r-9', reason: 'x', by: admin, now } }).thenRefused('not-found', 'price-rule-not-found');
    expect(priceBookDecider.evolve(priceBookDecider.evolve(priceBookDecider.initialState, defined()), ended)).toEqual({ rules: {}, ended: ['r-1'] });
  });
});

describe('pricing', () => {
  const sencha: PricedItem = { productCode: 'SENCHA', categoryId: 'green-tea', listPrice: eur(850), quantity: 1 };
  const mug: PricedItem = { productCode: 'MUG', categoryId: 'teaware', vendorId: 'v-potter', listPrice: eur(1_200), quantity: 1 };

  it('is the list price when no rule applies, saying so', () => {
    expect(priceOf(mug, [rule()], now)).toEqual({ unitPrice: eur(1_200), listPrice: eur(1_200), rule: null });
  });
  it('takes a percentage off, rounding half a cent to the customer', () => {
    expect(priceOf(sencha, [rule()], now)).toEqual({ unitPrice: eur(680), listPrice: eur(850), rule: { ruleId: 'r-1', name: 'Winter sale' } });
    // 15 % of 8.50 is 1.275: 1.28 off.
    expect(priceOf(sencha, [rule({ discount: { kind: 'percentage', percent: 15 } })], now).unitPrice).toEqual(eur(722));
  });
  it('takes a fixed amount off each unit, never below zero, and only in its own currency', () => {
    expect(priceOf(mug, [rule({ scope: { kind: 'vendor', vendorId: 'v-potter' }, discount: { kind: 'fixed', amount: eur(200) } })], now).unitPrice).toEqual(eur(1_000));
    expect(priceOf(mug, [rule({ scope: { kind: 'product', productCode: 'MUG' }, discount: { kind: 'fixed', amount: eur(5_000) } })], now).unitPrice).toEqual(eur(0));
    expect(priceOf(mug, [rule({ scope: { kind: 'all' }, discount: { kind: 'fixed', amount: { amount: 200, currency: 'GBP' } } })], now).rule).toBeNull();
  });
  it('applies in its window only: from its start, up to but not at its end', () => {
    const window = rule({ validFrom: '2026-11-26T10:00:00.000Z', validUntil: '2026-11-27T00:00:00.000Z' });
    expect(priceOf(sencha, [window], new Date('2026-11-26T09:59:59.999Z')).rule).toBeNull();
    expect(priceOf(sencha, [window], new Date('2026-11-26T10:00:00.000Z')).rule).not.toBeNull();
    expect(priceOf(sencha, [window], new Date('2026-11-26T23:59:59.999Z')).rule).not.toBeNull();
    expect(priceOf(sencha, [window], new Date('2026-11-27T00:00:00.000Z')).rule).toBeNull();
  });
  it('applies a quantity break from its quantity on', () => {
    const dozen = rule({ scope: { kind: 'product', productCode: 'MUG' }, minQuantity: 12, discount: { kind: 'percentage', percent: 10 } });
    expect(priceOf({ ...mug, quantity: 11 }, [dozen], now).unitPrice).toEqual(eur(1_200));
    expect(priceOf({ ...mug, quantity: 12 }, [dozen], now).unitPrice).toEqual(eur(1_080));
  });
  it('takes the one rule that takes most off: rules do not stack; a tie goes to the rule defined first', () => {
    const rules = [rule({ ruleId: 'a', scope: { kind: 'all' }, discount: { kind: 'percentage', percent: 10 } }), rule({ ruleId: 'b', discount: { kind: 'fixed', amount: eur(200) } }), rule({ ruleId: 'c', discount: { kind: 'percentage', percent: 5 } })];
    expect(priceOf(sencha, rules, now)).toMatchObject({ unitPrice: eur(650), rule: { ruleId: 'b' } });
    const tie = [rule({ ruleId: 'z', discount: { kind: 'fixed', amount: eur(85) } }), rule({ ruleId: 'a', discount: { kind: 'percentage', percent: 10 } })];
    expect(priceOf(sencha, tie, now).rule?.ruleId).toBe('z');
  });
  it('says until when a price holds: the next start or end of a rule that could touch the item', () => {
    const rules = [
      rule({ ruleId: 'ends', validUntil: '2026-11-30T00:00:00.000Z' }),
      rule({ ruleId: 'starts', validFrom: '2026-11-28T00:00:00.000Z' }),
      rule({ ruleId: 'other', scope: { kind: 'vendor', vendorId: 'v-potter' }, validFrom: '2026-11-27T00:00:00.000Z' }),
      rule({ ruleId: 'started', validFrom: '2026-11-01T00:00:00.000Z' }),
    ];
    expect(priceHoldsUntil(sencha, rules, now)).toEqual(new Date('2026-11-28T00:00:00.000Z'));
    expect(priceHoldsUntil(mug, rules, now)).toEqual(new Date('2026-11-27T00:00:00.000Z'));
    expect(priceHoldsUntil(sencha, [], now)).toBeNull();
  });
});
