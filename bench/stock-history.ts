/*
 * bench:stock-history — what one more order costs a product's stock as its history grows. Each order
 * folds a reservation and its commit into the stock's state and decides on it (the command handler
 * does this for every order on the state it keeps); the state remembers every order that reserved
 * the product, so that a retried commit finds it done.
 * Baseline, in the same run: the same work on a product with a short history (1,000 orders).
 * Target: the cost per order at 100,000 orders within 3 times the baseline's (a cost that grows with
 * the history, as when each event copied the state's record of reservations, is 10 to 100 times it).
 */
import { evolveInventory, inventoryDecider, type InventoryEvent, type InventoryState } from '../src/domain/inventory/inventory';

/** BENCH_STOCK_ORDERS (default 100,000): the long history's length. */
const orders = Number(process.env.BENCH_STOCK_ORDERS ?? 100_000);
const code = 'BENCH-1';
const now = new Date();
const at = now.toISOString();

/** A product's stock after `orders` orders, each reserved and committed. */
function history(orders: number): InventoryState {
  let state = inventoryDecider.evolve(inventoryDecider.initialState, { type: 'StockReceived', data: { code, quantity: 10_000_000, onHand: 10_000_000, receivedAt: at } });
  for (let i = 0; i < orders; i++) state = placeAndPay(state, `past-${i}`);
  return state;
}

/** What the command handler does for one order's stock: decide the reservation, fold it, decide the commit, fold it. */
function placeAndPay(state: InventoryState, orderId: string): InventoryState {
  const reserved = inventoryDecider.decide({ type: 'ReserveStock', data: { code, orderId, quantity: 1, lowStockThreshold: 0, now } }, state);
  const afterReserve = reserved.reduce(evolveInventory, state);
  const committed: InventoryEvent[] = inventoryDecider.decide({ type: 'CommitReservation', data: { code, orderId, now } }, afterReserve);
  return committed.reduce(evolveInventory, afterReserve);
}

/** Microseconds per order for `count` more orders on top of `state`, best of three rounds. */
function costPerOrder(state: InventoryState, count: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    let folded = state;
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) folded = placeAndPay(folded, `new-${round}-${i}`);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1_000 / count);
  }
  return best;
}

function main(): void {
  const short = history(1_000);
  const long = history(orders);
  const baseline = costPerOrder(short, 2_000);
  const measured = costPerOrder(long, 2_000);
  console.log(`bench:stock-history, one product's stock, orders reserved and committed`);
  console.log(`after 1,000 orders: ${baseline.toFixed(2)} µs per order (baseline)`);
  console.log(`after ${orders.toLocaleString('en')} orders: ${measured.toFixed(2)} µs per order`);
  const ratio = measured / baseline;
  console.log(`target: cost per order at ${orders.toLocaleString('en')} orders <= 3 x at 1,000: ${ratio.toFixed(2)}, ${ratio <= 3 ? 'met' : 'MISSED'}`);
}

main();
