import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

const insertBatch = 5_000;

interface Row {
  stream: string;
  revision: number;
  type: string;
  data: unknown;
}

/** A shop's history as rows: products with stock, then orders that are paid, or fail and release their stock. */
function* shopHistory(limit: number): Generator<Row> {
  const revisions = new Map<string, number>();
  const row = (stream: string, type: string, data: unknown): Row => {
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    return { stream, revision, type, data };
  };
  const at = '2026-11-24T10:00:00.000Z';
  const products = 1_000;
  const onHand = new Array<number>(products).fill(0);
  let emitted = 0;
  for (let p = 0; p < products && emitted < limit; p++, emitted += 2) {
    const code = `P-${p}`;
    yield row(`product-${code}`, 'ProductAdded', { code, name: `Tea ${p}`, description: 'Leaves', categoryId: 'tea', categoryName: 'Tea', price: { amount: 100 + p, currency: 'EUR' }, lowStockThreshold: 5, addedAt: at });
    onHand[p] = 1_000_000;
    yield row(`inventory-${code}`, 'StockReceived', { code, quantity: 1_000_000, onHand: 1_000_000, receivedAt: at });
  }
  for (let n = 0; emitted < limit; n++) {
    const orderId = randomUUID();
    const paymentId = randomUUID();
    const customerId = `00000000-0000-4000-8000-${String(n % 20_000).padStart(12, '0')}`;
    const picked = [(n * 7) % products, (n * 13 + 1) % products];
    const lines = picked.map((p, i) => ({ productCode: `P-${p}`, name: `Tea ${p}`, quantity: i + 1, unitPrice: { amount: 100 + p, currency: 'EUR' }, lineTotal: { amount: (100 + p) * (i + 1), currency: 'EUR' } }));
    const total = { amount: lines.reduce((sum, line) => sum + line.lineTotal.amount, 0), currency: 'EUR' };
    const paid = n % 5 !== 4;
    const events: Row[] = [
      row(`order-${orderId}`, 'OrderPlaced', { orderId, customerId, lines, total, paymentMethod: 'card', shippingAddress: { line1: '1 Street', city: 'Leeds', postalCode: 'LS1', country: 'GB' }, placedAt: at }),
      ...lines.map((line) => row(`inventory-${line.productCode}`, 'StockReserved', { code: line.productCode, orderId, quantity: line.quantity, available: 0, reservedAt: at })),
      row(`payment-${paymentId}`, 'PaymentRequested', { paymentId, orderId, amount: total, method: 'card', requestedAt: at }),
      row(`order-${orderId}`, 'OrderAwaitingPayment', { orderId, customerId, paymentId, at }),
      paid
        ? row(`payment-${paymentId}`, 'PaymentSucceeded', { paymentId, orderId, amount: total, method: 'card', gatewayReference: `gw-${n}`, succeededAt: at })
        : row(`payment-${paymentId}`, 'PaymentFailed', { paymentId, orderId, amount: total, method: 'card', reason: 'declined', failedAt: at }),
      paid ? row(`order-${orderId}`, 'OrderPaid', { orderId, customerId, paymentId, total, paidAt: at }) : row(`order-${orderId}`, 'OrderPaymentFailed', { orderId, customerId, paymentId, reason: 'declined', failedAt: at }),
      ...lines.map((line, i) => {
        const p = picked[i]!;
        if (!paid) return row(`inventory-${line.productCode}`, 'ReservationReleased', { code: line.productCode, orderId, quantity: line.quantity, reason: 'payment failed', releasedAt: at });
        onHand[p]! -= line.quantity;
        return row(`inventory-${line.productCode}`, 'ReservationCommitted', { code: line.productCode, orderId, quantity: line.quantity, onHand: onHand[p], committedAt: at });
      }),
    ];
    for (const event of events) {
      if (emitted++ >= limit) return;
      yield event;
    }
  }
}

/**
 * Writes the log straight into the events table in large batches: a fixture, not appends. The hash
 * chain columns get a placeholder; no projection reads them.
 */
export async function writeShopLog(pool: Pool, limit: number): Promise<void> {
  const placeholder = Buffer.alloc(32);
  let batch: Row[] = [];
  const flush = async () => {
    await pool.query(
      `insert into events (transaction_id, stream_id, revision, event_id, type, data, metadata, hash)
       select pg_current_xact_id(), s, r, gen_random_uuid(), t, d, '{"schemaVersion":1}'::jsonb, $5
         from unnest($1::text[], $2::bigint[], $3::text[], $4::jsonb[]) as u(s, r, t, d)`,
      [batch.map((r) => r.stream), batch.map((r) => r.revision), batch.map((r) => r.type), batch.map((r) => JSON.stringify(r.data)), placeholder],
    );
    batch = [];
  };
  for (const row of shopHistory(limit)) {
    batch.push(row);
    if (batch.length === insertBatch) await flush();
  }
  if (batch.length) await flush();
}

