/** An amount in integer minor units (cents) of an ISO 4217 currency. Never a float. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amounts are integer minor units, got ${amount}`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`Currencies are ISO 4217 codes, got ${currency}`);
  return { amount, currency };
}

export function multiply(price: Money, quantity: number): Money {
  return money(price.amount * quantity, price.currency);
}

export function sum(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce((total, next) => {
    if (next.currency !== currency) throw new RangeError(`Cannot add ${next.currency} to ${currency}`);
    return money(total.amount + next.amount, currency);
  }, money(0, currency));
}

export const sameMoney = (a: Money, b: Money): boolean => a.amount === b.amount && a.currency === b.currency;
