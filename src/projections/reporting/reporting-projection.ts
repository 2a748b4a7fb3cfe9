import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { ProductEvent } from '../../domain/catalog/product';
import type { InventoryEvent } from '../../domain/inventory/inventory';
import type { OrderEvent } from '../../domain/orders/order';
import type { PaymentEvent } from '../../domain/payments/payment';
import { streamPrefix } from '../../domain/stream-names';
import { compareCheckpoints, type RecordedEvent } from '../../event-store/event-store';
import type { PostgresCheckpointStore } from '../../event-store/postgres/postgres-event-store';
import type { Projection } from '../projection';

/**
 * Reporting tables for the staff, in a PostgreSQL schema of their own ("reporting"). Each batch
 * is written with the projection's checkpoint in one transaction, so a crash can neither lose nor
 * double-count a sale. Sales count when an order is paid, on the UTC day it was paid.
 */
export const liveReportingSchema = 'reporting';

function reportingTables(schema: string): string {
  return `
create schema ${schema};
create table ${schema}.order_lines (
  order_id uuid not null, product_code text not null, quantity integer not null, line_total bigint not null, currency text not null,
  primary key (order_id, product_code));
create table ${schema}.sales_daily (
  day date not null, currency text not null, orders integer not null, units integer not null, revenue bigint not null,
  primary key (day, currency));
create table ${schema}.sales_daily_product (
  day date not null, product_code text not null, currency text not null, units integer not null, revenue bigint not null,
  primary key (day, product_code, currency));
create table ${schema}.payment_outcomes (
  method text primary key, succeeded integer not null, failed integer not null);
create table ${schema}.stock (
  code text primary key, name text not null, status text not null, on_hand integer not null, reserved integer not null, threshold integer not null);
`;
}

interface StockRow {
  code: string;
  name: string;
  status: string;
  on_hand: number;
  reserved: number;
  threshold: number;
}

export function reportingProjection(pool: Pool, checkpoints: PostgresCheckpointStore): Projection {
  const createSchema = async (schema: string, onlyIfMissing: boolean) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(7003, hashtext($1))', [schema]);
      const { rows } = await client.query<{ exists: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as exists', [schema]);
      if (!onlyIfMissing || !rows[0]!.exists) await client.query(reportingTables(schema));
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    name: 'reporting',
    filter: { streamPrefixes: [streamPrefix('order'), streamPrefix('payment'), streamPrefix('product'), streamPrefix('inventory')] },
    checkpointing: 'handler',
    liveTarget: liveReportingSchema,
    prepare: () => createSchema(liveReportingSchema, true),
    async handle(events, batch) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        // The checkpoint row, locked, says which of these events this target has counted already:
        // a batch delivered twice (or by two instances at once) is counted once.
        const { rows } = await client.query<{ transaction_id: string; position: string }>(
          'select transaction_id, position from subscription_checkpoints where subscription_id = $1 for update',
          [batch.subscriptionId],
        );
        const counted = rows[0] ? { commit: Number(rows[0].transaction_id), position: Number(rows[0].position) } : null;
        const fresh = counted ? events.filter((event) => compareCheckpoints(event.checkpoint, counted) > 0) : events;
        await applyReportingBatch(client, batch.target, fresh);
        await checkpoints.save(batch.subscriptionId, batch.checkpoint, client);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async createShadow() {
      const shadow = `${liveReportingSchema}_shadow_${randomBytes(4).toString('hex')}`;
      await createSchema(shadow, false);
      return shadow;
    },
    async swap(shadow) {
      const retired = `${liveReportingSchema}_retired_${randomBytes(4).toString('hex')}`;
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(`alter schema ${liveReportingSchema} rename to ${retired}`);
        await client.query(`alter schema ${shadow} rename to ${liveReportingSchema}`);
        await client.query(`drop schema ${retired} cascade`);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** One batch in a handful of statements, whatever its size: rebuilding from a million events must not take a million round trips. */
async function applyReportingBatch(client: PoolClient, schema: string, recorded: readonly RecordedEvent[]): Promise<void> {
  if (!/^reporting(_shadow_[0-9a-f]{8})?$/.test(schema)) throw new RangeError(`Not a reporting schema: ${schema}`);
  const events = recorded as unknown as (OrderEvent | PaymentEvent | ProductEvent | InventoryEvent)[];

  const lines = events.flatMap((event) =>
    event.type === 'OrderPlaced' ? event.data.lines.map((line) => ({ orderId: event.data.orderId, code: line.productCode, quantity: line.quantity, total: line.lineTotal.amount, currency: line.lineTotal.currency })) : [],
  );
  if (lines.length > 0) {
    await client.query(
      `insert into ${schema}.order_lines (order_id, product_code, quantity, line_total, currency)
       select * from unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[], $5::text[]) on conflict do nothing`,
      [lines.map((l) => l.orderId), lines.map((l) => l.code), lines.map((l) => l.quantity), lines.map((l) => l.total), lines.map((l) => l.currency)],
    );
  }

  const paid = events.flatMap((event) => (event.type === 'OrderPaid' ? [{ orderId: event.data.orderId, day: event.data.paidAt.slice(0, 10) }] : []));
  if (paid.length > 0) {
    const parameters = [paid.map((p) => p.orderId), paid.map((p) => p.day)];
    await client.query(
      `insert into ${schema}.sales_daily (day, currency, orders, units, revenue)
       select paid.day, l.currency, count(distinct l.order_id), sum(l.quantity), sum(l.line_total)
         from unnest($1::uuid[], $2::date[]) as paid(order_id, day) join ${schema}.order_lines l using (order_id)
        group by paid.day, l.currency
       on conflict (day, currency) do update set orders = sales_daily.orders + excluded.orders,
         units = sales_daily.units + excluded.units, revenue = sales_daily.revenue + excluded.revenue`,
      parameters,
    );
    await client.query(
      `insert into ${schema}.sales_daily_product (day, product_code, currency, units, revenue)
       select paid.day, l.product_code, l.currency, sum(l.quantity), sum(l.line_total)
         from unnest($1::uuid[], $2::date[]) as paid(order_id, day) join ${schema}.order_lines l using (order_id)
        group by paid.day, l.product_code, l.currency
       on conflict (day, product_code, currency) do update set units = sales_daily_product.units + excluded.units,
         revenue = sales_daily_product.revenue + excluded.revenue`,
      parameters,
    );
  }

  const outcomes = new Map<string, { succeeded: number; failed: number }>();
  for (const event of events) {
    if (event.type !== 'PaymentSucceeded' && event.type !== 'PaymentFailed') continue;
    const counts = outcomes.get(event.data.method) ?? { succeeded: 0, failed: 0 };
    if (event.type === 'PaymentSucceeded') counts.succeeded++;
    else counts.failed++;
    outcomes.set(event.data.method, counts);
  }
  if (outcomes.size > 0) {
    const entries = [...outcomes];
    await client.query(
      `insert into ${schema}.payment_outcomes (method, succeeded, failed)
       select * from unnest($1::text[], $2::int[], $3::int[])
       on conflict (method) do update set succeeded = payment_outcomes.succeeded + excluded.succeeded, failed = payment_outcomes.failed + excluded.failed`,
      [entries.map(([method]) => method), entries.map(([, c]) => c.succeeded), entries.map(([, c]) => c.failed)],
    );
  }

  const stockEvents = recorded
    .filter((event) => event.streamId.startsWith(streamPrefix('product')) || event.streamId.startsWith(streamPrefix('inventory')))
    .map((event) => event as unknown as ProductEvent | InventoryEvent);
  if (stockEvents.length > 0) {
    const codes = [...new Set(stockEvents.map((event) => event.data.code))];
    const { rows } = await client.query<StockRow>(`select code, name, status, on_hand, reserved, threshold from ${schema}.stock where code = any($1::text[])`, [codes]);
    const stock = new Map(rows.map((row) => [row.code, row]));
    for (const event of stockEvents) {
      const row = stock.get(event.data.code) ?? { code: event.data.code, name: '', status: 'active', on_hand: 0, reserved: 0, threshold: 0 };
      stock.set(row.code, evolveStock(row, event));
    }
    const rowsOut = [...stock.values()];
    await client.query(
      `insert into ${schema}.stock (code, name, status, on_hand, reserved, threshold)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[])
       on conflict (code) do update set name = excluded.name, status = excluded.status, on_hand = excluded.on_hand,
         reserved = excluded.reserved, threshold = excluded.threshold`,
      [rowsOut.map((r) => r.code), rowsOut.map((r) => r.name), rowsOut.map((r) => r.status), rowsOut.map((r) => r.on_hand), rowsOut.map((r) => r.reserved), rowsOut.map((r) => r.threshold)],
    );
  }
}

function evolveStock(row: StockRow, event: ProductEvent | InventoryEvent): StockRow {
  switch (event.type) {
    case 'ProductAdded':
      return { ...row, name: event.data.name, status: 'active', threshold: event.data.lowStockThreshold };
    case 'ProductDetailsUpdated':
      return { ...row, name: event.data.changes.name ?? row.name, threshold: event.data.changes.lowStockThreshold ?? row.threshold };
    case 'ProductDiscontinued':
      return { ...row, status: 'discontinued' };
    case 'StockReceived':
    case 'StockAdjusted':
      return { ...row, on_hand: event.data.onHand };
    case 'StockReserved':
      return { ...row, reserved: row.reserved + event.data.quantity };
    case 'ReservationReleased':
      return { ...row, reserved: row.reserved - event.data.quantity };
    case 'ReservationCommitted':
      return { ...row, on_hand: event.data.onHand, reserved: row.reserved - event.data.quantity };
    default:
      return row;
  }
}
