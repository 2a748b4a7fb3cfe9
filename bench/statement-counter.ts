import type { Pool, PoolClient } from 'pg';

/** What a pool sent PostgreSQL: statements, transactions begun, NOTIFYs, and connections checked out. */
export interface StatementCounts {
  statements: number;
  transactions: number;
  notifies: number;
  checkouts: number;
}

/**
 * Counts every statement the app sends through `pool` (pool.query goes through pool.connect in
 * connectionPool, so one hook sees both). For the per-order table of bench/README.md.
 */
export function countStatements(pool: Pool): { counts: StatementCounts; snapshot: () => StatementCounts } {
  const counts: StatementCounts = { statements: 0, transactions: 0, notifies: 0, checkouts: 0 };
  const counted = new WeakSet<PoolClient>();
  const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
  pool.connect = (async () => {
    const client = await connect();
    counts.checkouts++;
    if (!counted.has(client)) {
      counted.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const first = args[0] as string | { text?: string } | undefined;
        const text = typeof first === 'string' ? first : (first?.text ?? '');
        counts.statements++;
        if (/^\s*begin\b/i.test(text)) counts.transactions++;
        if (/pg_notify|^\s*notify\b/i.test(text)) counts.notifies++;
        return query(...args);
      }) as PoolClient['query'];
    }
    return client;
  }) as Pool['connect'];
  return { counts, snapshot: () => ({ ...counts }) };
}

export function perOrder(from: StatementCounts, to: StatementCounts, orders: number): string {
  const each = (key: keyof StatementCounts) => ((to[key] - from[key]) / orders).toFixed(1);
  return `${each('statements')} statements, ${each('transactions')} transactions, ${each('notifies')} NOTIFYs, ${each('checkouts')} connection checkouts per order`;
}
