import type { Pool } from 'pg';

/**
 * What the server spent on each statement during a phase, from pg_stat_statements: available when
 * the bench server was started with it (BENCH_PG_SETTINGS='{"shared_preload_libraries":
 * "pg_stat_statements","pg_stat_statements.track_planning":"on"}'), and undefined otherwise.
 * Complements statement-counter.ts, which counts what the app sends but not what each costs the server.
 */
export async function serverStatements(pool: Pool): Promise<{ top(count: number, perOrders: number): Promise<string[]> } | undefined> {
  const { rows } = await pool.query<{ loaded: boolean }>("select 'pg_stat_statements' = any(string_to_array(current_setting('shared_preload_libraries'), ',')) as loaded");
  if (!rows[0]!.loaded) return undefined;
  await pool.query('create extension if not exists pg_stat_statements');
  await pool.query('select pg_stat_statements_reset()');
  return {
    async top(count, orders) {
      const { rows: statements } = await pool.query<{ calls: string; exec_ms: number; plan_ms: number; query: string }>(
        `select calls, total_exec_time as exec_ms, total_plan_time as plan_ms, regexp_replace(query, '\\s+', ' ', 'g') as query
           from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
          order by total_exec_time + total_plan_time desc limit $1`,
        [count],
      );
      const per = (value: number) => (value / orders).toFixed(3).padStart(7);
      return statements.map(({ calls, exec_ms, plan_ms, query }) => `${per(exec_ms)} ms run ${per(plan_ms)} ms planned ${per(Number(calls))} calls  ${query.slice(0, 110)}`);
    },
  };
}
