import type { Pool, PoolClient } from 'pg';
import { workOf } from '../src/shared/work-context';

/** What a pool sent PostgreSQL: statements, transactions begun, NOTIFYs, and connections checked out. */
export interface StatementCounts {
  statements: number;
  transactions: number;
  notifies: number;
  checkouts: number;
  /** Statements by what they do (kindOf), to see where the journey's go. */
  byKind: Record<string, number>;
  /** Statements by the part of the shop that sent them (see src/shared/work-context.ts). */
  byWho: Record<string, number>;
}

/** A statement's kind: its prepared name, or its verb and first table. */
export function kindOf(text: string, name?: string): string {
  if (name) return name;
  // extract(epoch from …) is not the table read.
  const sql = text.trim().replace(/\s+/g, ' ').toLowerCase().replace(/extract\(epoch from [a-z_.]+\)/g, '');
  const control = /^(begin|commit|rollback|savepoint|release)\b/.exec(sql);
  if (control) return 'transaction control';
  if (sql.includes('pg_notify')) return 'notify';
  if (/^(listen|unlisten)\b/.test(sql)) return 'listen';
  const call = /\b(emporium_\w+)\s*\(/.exec(sql);
  if (call) return call[1]!;
  const verb = /^(with|select|insert|update|delete)\b/.exec(sql)?.[1] ?? sql.split(' ')[0]!;
  const table = /\b(?:into|update|from)\s+([a-z_][a-z0-9_.]*)/.exec(sql)?.[1] ?? '?';
  return `${verb} ${table}`;
}

/**
 * Counts every statement the app sends through `pool` (pool.query goes through pool.connect in
 * connectionPool, so one hook sees both). For the per-order table of bench/README.md.
 */
export function countStatements(pool: Pool): { counts: StatementCounts; snapshot: () => StatementCounts } {
  const counts: StatementCounts = { statements: 0, transactions: 0, notifies: 0, checkouts: 0, byKind: {}, byWho: {} };
  const counted = new WeakSet<PoolClient>();
  /** Whose work checked each client out: taken at the call, as a client given back may wake a waiter in another's context. */
  const checkedOutBy = new WeakMap<PoolClient, string>();
  const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
  pool.connect = (async () => {
    const who = workOf() ?? 'other (set-up, the bench itself)';
    const client = await connect();
    checkedOutBy.set(client, who);
    counts.checkouts++;
    if (!counted.has(client)) {
      counted.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const first = args[0] as string | { text?: string; name?: string } | undefined;
        const text = typeof first === 'string' ? first : (first?.text ?? '');
        counts.statements++;
        const kind = kindOf(text, typeof first === 'string' ? undefined : first?.name);
        counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
        const who = checkedOutBy.get(client)!;
        counts.byWho[who] = (counts.byWho[who] ?? 0) + 1;
        if (/^\s*begin\b/i.test(text)) counts.transactions++;
        if (/pg_notify|^\s*notify\b/i.test(text)) counts.notifies++;
        return query(...args);
      }) as PoolClient['query'];
    }
    return client;
  }) as Pool['connect'];
  return { counts, snapshot: () => ({ ...counts, byKind: { ...counts.byKind }, byWho: { ...counts.byWho } }) };
}

export function perOrder(from: StatementCounts, to: StatementCounts, orders: number): string {
  const each = (key: Exclude<keyof StatementCounts, 'byKind' | 'byWho'>) => ((to[key] - from[key]) / orders).toFixed(1);
  return `${each('statements')} statements, ${each('transactions')} transactions, ${each('notifies')} NOTIFYs, ${each('checkouts')} connection checkouts per order`;
}

/** What made up most of the cost, per order, largest first: by kind of statement, or by who sent it. */
export function topPerOrder(from: StatementCounts, to: StatementCounts, orders: number, top = 16, by: 'byKind' | 'byWho' = 'byKind'): string[] {
  return Object.entries(to[by])
    .map(([kind, count]) => [kind, (count - (from[by][kind] ?? 0)) / orders] as const)
    .filter(([, each]) => each >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([kind, each]) => `${each.toFixed(1).padStart(7)}  ${kind}`);
}
