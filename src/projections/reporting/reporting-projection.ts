import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { ProductEvent } from '../../domain/catalog/product';
import type { InventoryEvent } from '../../domain/inventory/inventory';
import type { OrderEvent } from '../../domain/orders/order';
import type { PaymentEvent } from '../../domain/payments/payment';
import { streamPrefix } from '../../domain/stream-names';
import { compareCheckpoints, type EventFilter, type RecordedEvent } from '../../event-store/event-store';
import type { PostgresCheckpointStore } from '../../event-store/postgres/postgres-event-store';
import { inTransaction } from '../../postgres/transaction';
import type { Projection } from '../projection';

/**
 * Reporting for the staff: three projections, each into PostgreSQL tables of a schema of its own,
 * each batch written with the projection's checkpoint in one transaction, so a crash can neither
 * lose nor double-count a sale. Three rather than one so that they run (and rebuild) side by side.
 * Sales count when an order is paid, on the UTC day it was paid.
 */
export const reportingSchemas = { sales: 'report_sales', payments: 'report_payments', stock: 'report_stock' } as const;

interface SqlProjectionSpec {
  readonly name: string;
  readonly schema: string;
  readonly filter: EventFilter;
  tables(schema: string): string;
  /**
   * Brings a schema made by an earlier version up to `tables` (idempotent; run each start, and on a
   * fresh schema too, so both end alike).
   */
  upgrade?(client: PoolClient, schema: string): Promise<void>;
  /** Applies a batch in a handful of statements, whatever its size: a rebuild must not take a round trip per event. */
  apply(client: PoolClient, schema: string, events: readonly RecordedEvent[]): Promise<void>;
}

/**
 * How long a report gathers appends before counting them. A report is read by the staff, not at
 * every order: taken at each append, its transaction (begin, claim, a few writes, commit) cost
 * about a fifth of the statements of an order's journey. A reader that asks to read its writes is
 * not kept waiting: waitFor cuts the gathering short.
 */
const reportGatherMs = 250;

/** A projection into SQL tables of one schema, written transactionally with its checkpoint; rebuilt into a shadow schema. */
function sqlProjection(pool: Pool, checkpoints: PostgresCheckpointStore, spec: SqlProjectionSpec): Projection {
  const createSchema = (schema: string, onlyIfMissing: boolean) =>
    inTransaction(pool, async (client) => {
      await client.query('select pg_advisory_xact_lock(7003, hashtext($1))', [schema]);
      const { rows } = await client.query<{ exists: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as exists', [schema]);
      if (!onlyIfMissing || !rows[0]!.exists) await client.query(`create schema ${schema}; ${spec.tables(schema)}`);
      await spec.upgrade?.(client, schema);
    });
  const ownSchema = new RegExp(`^${spec.schema}(_shadow_[0-9a-f]{8})?$`);

  return {
    name: spec.name,
    filter: spec.filter,
    checkpointing: 'handler',
    liveTarget: spec.schema,
    gatherMs: reportGatherMs,
    prepare: () => createSchema(spec.schema, true),
    handle: (events, batch) =>
      inTransaction(pool, async (client) => {
        if (!ownSchema.test(batch.target)) throw new RangeError(`Not a schema of ${spec.name}: ${batch.target}`);
        // The checkpoint row, locked and moved on in the same statement, says which of these events
        // this target has counted already: a batch delivered twice (or by two instances at once) is
        // counted once. The counts and the new checkpoint commit together.
        const counted = await checkpoints.claim(batch.subscriptionId, batch.checkpoint, client);
        const fresh = counted ? events.filter((event) => compareCheckpoints(event.checkpoint, counted) > 0) : events;
        if (fresh.length > 0) await spec.apply(client, batch.target, fresh);
      }),
    async createShadow() {
      const shadow = `${spec.schema}_shadow_${randomBytes(4).toString('hex')}`;
      await createSchema(shadow, false);
      return shadow;
    },
    swap: (shadow) =>
      inTransaction(pool, async (client) => {
        const retired = `${spec.schema}_retired_${randomBytes(4).toString('hex')}`;
        await client.query(`alter schema ${spec.schema} rename to ${retired}`);
        await client.query(`alter schema ${shadow} rename to ${spec.schema}`);
        await client.query(`drop schema ${retired} cascade`);
      }),
  };
}

export function reportingProjections(pool: Pool, checkpoints: PostgresCheckpointStore): Projection[] {
  return [
    sqlProjection(pool, checkpoints, {
      name: 'sales-report',
      schema: reportingSchemas.sales,
      filter: { eventTypes: ['OrderPlaced', 'OrderPaid'] },
      tables: (schema) => `
        create table ${schema}.order_lines (
          order_id uuid not null, product_code text not null, quantity integer not null, line_total bigint not null, currency text not null,
          primary key (order_id, product_code));
        create table ${schema}.sales_daily (
          day date not null, currency text not null, orders integer not null, units integer not null, revenue bigint not null,
          primary key (day, currency));
        create table ${schema}.sales_daily_product (
          day date not null, product_code text not null, currency text not null, units integer not null, revenue bigint not null,
          primary key (day, product_code, currency));`,
      upgrade: upgradeSales,
      apply: applySales,
    }),
    sqlProjection(pool, checkpoints, {
      name: 'payments-report',
      schema: reportingSchemas.payments,
      filter: { eventTypes: ['PaymentSucceeded', 'PaymentFailed'] },
      tables: (schema) => `create table ${schema}.payment_outcomes (method text primary key, succeeded integer not null, failed integer not null);`,
      apply: applyPayments,
    }),
    sqlProjection(pool, checkpoints, {
      name: 'stock-report',
      schema: reportingSchemas.stock,
      filter: { streamPrefixes: [streamPrefix('product'), streamPrefix('inventory')] },
      tables: (schema) => `
        create table ${schema}.stock (
          code text primary key, name text not null, status text not null, on_hand integer not null, reserved integer not null, threshold integer not null);`,
      apply: applyStock,
    }),
  ];
}

export const reportingProjectionNames = ['sales-report', 'payments-report', 'stock-report'] as const;

/**
 * Sales by vendor (seed 002's marketplace) came after the first sales report. Every sale counted
 * before then was the shop's own, as there were no vendors: the shop's row per day is exactly the
 * day's total, so the breakdown is filled in from it, once, when its table is made.
 */
async function upgradeSales(client: PoolClient, schema: string): Promise<void> {
  await client.query(`alter table ${schema}.order_lines add column if not exists vendor_id text not null default ''`);
  const { rows } = await client.query<{ missing: boolean }>('select to_regclass($1) is null as missing', [`${schema}.sales_daily_vendor`]);
  if (!rows[0]!.missing) return;
  // vendor_id '' is the shop's own products.
  await client.query(`create table ${schema}.sales_daily_vendor (
      day date not null, vendor_id text not null, currency text not null, orders integer not null, units integer not null, revenue bigint not null,
      primary key (day, vendor_id, currency));
    insert into ${schema}.sales_daily_vendor (day, vendor_id, currency, orders, units, revenue) select day, '', currency, orders, units, revenue from ${schema}.sales_daily`);
}

async function applySales(client: PoolClient, schema: string, recorded: readonly RecordedEvent[]): Promise<void> {
  const events = recorded as unknown as OrderEvent[];
  const lines = events.flatMap((event) =>
    event.type === 'OrderPlaced'
      ? event.data.lines.map((line) => ({ orderId: event.data.orderId, code: line.productCode, quantity: line.quantity, total: line.lineTotal.amount, currency: line.lineTotal.currency, vendorId: line.vendorId ?? '' }))
      : [],
  );
  if (lines.length > 0) {
    await client.query(
      `insert into ${schema}.order_lines (order_id, product_code, quantity, line_total, currency, vendor_id)
       select * from unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[], $5::text[], $6::text[]) on conflict do nothing`,
      [lines.map((l) => l.orderId), lines.map((l) => l.code), lines.map((l) => l.quantity), lines.map((l) => l.total), lines.map((l) => l.currency), lines.map((l) => l.vendorId)],
    );
  }
  const paid = events.flatMap((event) => (event.type === 'OrderPaid' ? [{ orderId: event.data.orderId, day: event.data.paidAt.slice(0, 10) }] : []));
  if (paid.length === 0) return;
  // Both aggregates from one join of the paid orders with their lines.
  await client.query(
    `with paid_lines as (
       select paid.day, l.order_id, l.product_code, l.currency, l.quantity, l.line_total, l.vendor_id
         from unnest($1::uuid[], $2::date[]) as paid(order_id, day) join ${schema}.order_lines l using (order_id)
     ), per_day as (
       insert into ${schema}.sales_daily (day, currency, orders, units, revenue)
       select day, currency, count(distinct order_id), sum(quantity), sum(line_total) from paid_lines group by day, currency
       on conflict (day, currency) do update set orders = sales_daily.orders + excluded.orders,
         units = sales_daily.units + excluded.units, revenue = sales_daily.revenue + excluded.revenue
     ), per_vendor as (
       insert into ${schema}.sales_daily_vendor (day, vendor_id, currency, orders, units, revenue)
       select day, vendor_id, currency, count(distinct order_id), sum(quantity), sum(line_total) from paid_lines group by day, vendor_id, currency
       on conflict (day, vendor_id, currency) do update set orders = sales_daily_vendor.orders + excluded.orders,
         units = sales_daily_vendor.units + excluded.units, revenue = sales_daily_vendor.revenue + excluded.revenue
     )
     insert into ${schema}.sales_daily_product (day, product_code, currency, units, revenue)
     select day, product_code, currency, sum(quantity), sum(line_total) from paid_lines group by day, product_code, currency
     on conflict (day, product_code, currency) do update set units = sales_daily_product.units + excluded.units,
       revenue = sales_daily_product.revenue + excluded.revenue`,
    [paid.map((p) => p.orderId), paid.map((p) => p.day)],
  );
}

async function applyPayments(client: PoolClient, schema: string, recorded: readonly RecordedEvent[]): Promise<void> {
  const outcomes = new Map<string, { succeeded: number; failed: number }>();
  for (const event of recorded as unknown as PaymentEvent[]) {
    if (event.type !== 'PaymentSucceeded' && event.type !== 'PaymentFailed') continue;
    const counts = outcomes.get(event.data.method) ?? { succeeded: 0, failed: 0 };
    if (event.type === 'PaymentSucceeded') counts.succeeded++;
    else counts.failed++;
    outcomes.set(event.data.method, counts);
  }
  if (outcomes.size === 0) return;
  const entries = [...outcomes];
  await client.query(
    `insert into ${schema}.payment_outcomes (method, succeeded, failed)
     select * from unnest($1::text[], $2::int[], $3::int[])
     on conflict (method) do update set succeeded = payment_outcomes.succeeded + excluded.succeeded, failed = payment_outcomes.failed + excluded.failed`,
    [entries.map(([method]) => method), entries.map(([, c]) => c.succeeded), entries.map(([, c]) => c.failed)],
  );
}

interface StockRow {
  code: string;
  name: string;
  status: string;
  on_hand: number;
  reserved: number;
  threshold: number;
}

async function applyStock(client: PoolClient, schema: string, recorded: readonly RecordedEvent[]): Promise<void> {
  const events = recorded as unknown as (ProductEvent | InventoryEvent)[];
  const codes = [...new Set(events.map((event) => event.data.code))];
  const { rows } = await client.query<StockRow>(`select code, name, status, on_hand, reserved, threshold from ${schema}.stock where code = any($1::text[])`, [codes]);
  const stock = new Map(rows.map((row) => [row.code, row]));
  for (const event of events) {
    const row = stock.get(event.data.code) ?? { code: event.data.code, name: '', status: 'active', on_hand: 0, reserved: 0, threshold: 0 };
    stock.set(row.code, evolveStock(row, event));
  }
  const changed = [...stock.values()];
  await client.query(
    `insert into ${schema}.stock (code, name, status, on_hand, reserved, threshold)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[])
     on conflict (code) do update set name = excluded.name, status = excluded.status, on_hand = excluded.on_hand,
       reserved = excluded.reserved, threshold = excluded.threshold`,
    [changed.map((r) => r.code), changed.map((r) => r.name), changed.map((r) => r.status), changed.map((r) => r.on_hand), changed.map((r) => r.reserved), changed.map((r) => r.threshold)],
  );
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
