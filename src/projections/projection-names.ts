/**
 * Every projection of the shop, by name: what an admin may ask to rebuild, and what the OpenAPI
 * document offers. allProjections runs exactly these (test/projections/projection-runner.int.test.ts).
 */
export const projectionNames = ['catalog', 'categories', 'customers', 'order-history', 'payments', 'emails', 'staff-accounts', 'vendors', 'vendor-order-lines', 'price-rules', 'sales-report', 'payments-report', 'stock-report'] as const;
export type ProjectionName = (typeof projectionNames)[number];
