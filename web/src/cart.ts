import { useSyncExternalStore } from 'react';
import type { Money } from './api/client';

/** The cart lives in this browser (localStorage) until the order is placed; prices are the catalog's at checkout. */
export interface CartLine {
  productCode: string;
  name: string;
  unitPrice: Money;
  quantity: number;
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
  return first ? { amount: lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0), currency: first.unitPrice.currency } : undefined;
}
