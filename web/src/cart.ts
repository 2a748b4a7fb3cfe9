import { useSyncExternalStore } from 'react';
import type { Money } from './api/client';

/**
 * The cart lives in this browser (localStorage) until the order is placed. Its prices are those the
 * shop showed; the order is sent with them, and refused with the new one if a price has changed.
 */
export interface CartLine {
  productCode: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  /** Lower unit prices from a quantity on, as shown with the product. */
  quantityPrices?: readonly { minQuantity: number; price: Money }[];
}

/** The unit price the shop showed for the line's quantity. */
export function unitPriceFor(line: CartLine): Money {
  const applying = (line.quantityPrices ?? []).filter((offer) => offer.minQuantity <= line.quantity);
  return applying.length > 0 ? applying[applying.length - 1]!.price : line.unitPrice;
}

const key = 'emporium.cart';
const listeners = new Set<() => void>();
let cached: CartLine[] | null = null;

function read(): CartLine[] {
  if (cached) return cached;
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    cached = Array.isArray(parsed) ? (parsed as CartLine[]) : [];
  } catch {
    cached = [];
  }
  return cached;
}

function write(lines: CartLine[]): void {
  cached = lines;
  localStorage.setItem(key, JSON.stringify(lines));
  for (const listener of listeners) listener();
}

export const cart = {
  add(line: Omit<CartLine, 'quantity'>, quantity: number) {
    const lines = read();
    const existing = lines.find((l) => l.productCode === line.productCode);
    write(existing ? lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + quantity } : l)) : [...lines, { ...line, quantity }]);
  },
  setQuantity(productCode: string, quantity: number) {
    write(read().flatMap((l) => (l.productCode !== productCode ? [l] : quantity > 0 ? [{ ...l, quantity }] : [])));
  },
  /** The shop priced a line otherwise (the order was refused with the new price): the cart takes the new one. */
  reprice(productCode: string, price: Money) {
    write(read().map((l) => (l.productCode === productCode ? { productCode: l.productCode, name: l.name, quantity: l.quantity, unitPrice: price } : l)));
  },
  clear() {
    write([]);
  },
};

export function useCart(): CartLine[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
  );
}

/** The cart's total at the prices it was filled with (one currency: the shop's). */
export function cartTotal(lines: readonly CartLine[]): Money | undefined {
  const first = lines[0];
  return first ? { amount: lines.reduce((sum, line) => sum + unitPriceFor(line).amount * line.quantity, 0), currency: first.unitPrice.currency } : undefined;
}
