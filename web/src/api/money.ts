/*
 * Money as the API carries it, integer minor units of an ISO 4217 currency, shown and typed in the
 * currency's own unit: its minor unit has 2 digits for EUR (cents), none for JPY, 3 for BHD (fils).
 * The digits come from the browser's currency data.
 */

interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Digits of a currency's minor unit. */
export function minorUnitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // Not a currency code (a form half typed): the common case.
    return 2;
  }
}

/** An amount in minor units as typed in a form: 1250 EUR → "12.50", 1500 JPY → "1500". */
export function inMajorUnits(money: Money): string {
  const digits = minorUnitsOf(money.currency);
  return (money.amount / 10 ** digits).toFixed(digits);
}

/** "12.50" EUR → 1250, "1500" JPY → 1500, "1.5" BHD → 1500; null when it is no amount of that currency. */
export function toMinorUnits(text: string, currency: string): number | null {
  const digits = minorUnitsOf(currency);
  const shape = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+([.,]\\d{1,${digits}})?$`);
  if (!shape.test(text.trim())) return null;
  const [whole = '0', fraction = ''] = text.trim().replace(',', '.').split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** 5349 EUR → €53.49 (in the browser's locale), 1500 JPY → ¥1,500. */
export function formatMoney(money: Money | undefined): string {
  if (!money) return '';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency }).format(money.amount / 10 ** minorUnitsOf(money.currency));
}
