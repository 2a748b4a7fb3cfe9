import type { Pool } from 'pg';
import { reportingSchemas } from './reporting-projection';

export interface SalesReport {
  readonly from: string;
  readonly to: string;
  readonly days: readonly { day: string; currency: string; orders: number; units: number; revenue: number }[];
  readonly products: readonly { productCode: string; currency: string; units: number; revenue: number }[];
  /** `vendorId` null: the shop's own products. An order with several vendors' lines counts once for each. */
  readonly vendors: readonly { vendorId: string | null; currency: string; orders: number; units: number; revenue: number }[];
}

/** Paid sales per UTC day and per product, between two days inclusive. */
export async function salesReport(pool: Pool, from: string, to: string): Promise<SalesReport> {
  const [days, products, vendors] = await Promise.all([
    pool.query<{ day: string; currency: string; orders: number; units: number; revenue: string }>(
      `select to_char(day, 'YYYY-MM-DD') as day, currency, orders, units, revenue from ${reportingSchemas.sales}.sales_daily where day between $1 and $2 order by day, currency`,
      [from, to],
    ),
    pool.query<{ product_code: string; currency: string; units: string; revenue: string }>(
      `select product_code, currency, sum(units) as units, sum(revenue) as revenue from ${reportingSchemas.sales}.sales_daily_product
        where day between $1 and $2 group by product_code, currency order by sum(revenue) desc, product_code`,
      [from, to],
    ),
    pool.query<{ vendor_id: string; currency: string; orders: string; units: string; revenue: string }>(
      `select vendor_id, currency, sum(orders) as orders, sum(units) as units, sum(revenue) as revenue from ${reportingSchemas.sales}.sales_daily_vendor
        where day between $1 and $2 group by vendor_id, currency order by sum(revenue) desc, vendor_id`,
      [from, to],
    ),
  ]);
  return {
    from,
    to,
    days: days.rows.map((row) => ({ ...row, revenue: Number(row.revenue) })),
    products: products.rows.map((row) => ({ productCode: row.product_code, currency: row.currency, units: Number(row.units), revenue: Number(row.revenue) })),
    vendors: vendors.rows.map((row) => ({ vendorId: row.vendor_id === '' ? null : row.vendor_id, currency: row.currency, orders: Number(row.orders), units: Number(row.units), revenue: Number(row.revenue) })),
  };
}

export async function paymentOutcomesReport(pool: Pool) {
  const { rows } = await pool.query<{ method: string; succeeded: number; failed: number }>(`select method, succeeded, failed from ${reportingSchemas.payments}.payment_outcomes order by method`);
  return rows.map((row) => ({ ...row, successRate: row.succeeded + row.failed === 0 ? null : Math.round((row.succeeded / (row.succeeded + row.failed)) * 10_000) / 10_000 }));
}

/** Active products whose available stock is at or below their threshold, scarcest first. */
export async function lowStockReport(pool: Pool) {
  const { rows } = await pool.query<{ code: string; name: string; on_hand: number; reserved: number; threshold: number }>(
    `select code, name, on_hand, reserved, threshold from ${reportingSchemas.stock}.stock
      where status = 'active' and on_hand - reserved <= threshold order by on_hand - reserved, code`,
  );
  return rows.map((row) => ({ code: row.code, name: row.name, onHand: row.on_hand, reserved: row.reserved, available: row.on_hand - row.reserved, threshold: row.threshold }));
}
