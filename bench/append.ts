/**
 * npm run bench:append — appends of one event per command through PostgresEventStore at
 * concurrency 1, 8 and 32, against the same server's raw single-row INSERT rate of a comparable
 * row, measured in the same run and interleaved with it so that a noisy neighbour hits both.
 *
 * BENCH_DATABASE_URL points it at your own server (a database is created and dropped there);
 * otherwise it starts the embedded one under .test-servers/. BENCH_SECONDS sets each measurement's
 * length (default 3).
 *
 * With EVENTSTORE_URL set, it also measures EventStoreDbEventStore against the same server's raw
 * client append (one event to a new stream) in the same run. The adapter does more per append on
 * purpose: an id claim (unique ids across the store) and a read of the stream's tail (the hash
 * chain), so its target is lower.
 *
 * Each row is followed by the CPU an operation cost this process and the embedded server together:
 * where that times the rate is well under the two cores, the rates were bound by waiting (for the
 * WAL to reach the disk, mostly), and swing with the machine's disk rather than with our work.
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EventStoreDbEventStore } from '../src/event-store/eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { benchServer } from './bench-database';
import { cpuTimes } from './process-cpu';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const concurrencies = [1, 8, 32];
const rounds = 2;
const target = 0.7;

const data = { orderId: '', customerId: 'c-42', lines: [{ productCode: 'TEA-001', quantity: 2, unitPrice: { amount: 450, currency: 'EUR' } }], total: { amount: 900, currency: 'EUR' } };
const metadata = { correlationId: '', causationId: '', actor: { id: 'c-42', role: 'customer' }, occurredAt: '2026-11-24T12:00:00.000Z', schemaVersion: 1, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };

/** The benchmark server's cluster, to read the CPU its processes spend; set once it is up. */
let clusterDir: string | undefined;

/**
 * Runs `operation` from `concurrency` workers for `seconds`; returns operations per second, and the
 * CPU each cost this process and the server together (µs; NaN on a server of your own, and not printed).
 */
async function measure(concurrency: number, operation: (worker: number, i: number) => Promise<void>): Promise<{ rate: number; cpu: number }> {
  const until = performance.now() + seconds * 1000;
  const before = cpuTimes(clusterDir);
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < until; i++) {
        await operation(worker, i);
        done++;
      }
    }),
  );
  const rate = done / ((performance.now() - started) / 1000);
  const after = cpuTimes(clusterDir);
  const server = before.postgres !== undefined && after.postgres !== undefined ? after.postgres - before.postgres : NaN;
  return { rate, cpu: (1000 * (after.thisProcess - before.thisProcess + server)) / done };
}

async function main(): Promise<void> {
  const server = await benchServer();
  clusterDir = server.clusterDir;
  const { pool, drop } = await server.database(Math.max(...concurrencies) + 4);
  try {
    // The baseline row carries what an event row carries, minus what makes it an event store.
    await pool.query(`create table raw_inserts (
      position bigint generated always as identity primary key, stream_id text not null, revision bigint not null,
      event_id uuid not null unique, type text not null, data jsonb not null, metadata jsonb not null,
      recorded_at timestamptz not null default now())`);
    const store = new PostgresEventStore(pool);
    const withoutNotify = new PostgresEventStore(pool, { notifyOtherProcesses: false });
    console.log(`PostgreSQL ${server.version}; ${seconds} s per measurement, ${rounds} interleaved rounds; one event per append; rates in operations/s`);
    console.log('concurrency | raw INSERT | append | ratio | append, no NOTIFY | ratio');
    const results: { concurrency: number; raw: number; append: number; quiet: number }[] = [];
    let run = 0;
    for (const concurrency of concurrencies) {
      const totals = { raw: 0, append: 0, quiet: 0 };
      const cpu = { raw: 0, append: 0, quiet: 0 };
      const add = (to: keyof typeof totals, measured: { rate: number; cpu: number }) => {
        totals[to] += measured.rate;
        cpu[to] += measured.cpu / rounds;
      };
      for (let round = 0; round < rounds; round++) {
        run++;
        add('raw', await measure(concurrency, (worker, i) =>
          pool
            .query('insert into raw_inserts (stream_id, revision, event_id, type, data, metadata) values ($1, $2, $3, $4, $5, $6)', [
              `order-${run}-${worker}-${i}`,
              0,
              randomUUID(),
              'OrderPlaced',
              data,
              metadata,
            ])
            .then(() => undefined),
        ));
        // Each command appends to its own order's stream at the revision it read, as a handler does.
        const revisions = new Map<string, number>();
        const append = (eventStore: PostgresEventStore, label: string) => async (worker: number, i: number) => {
          const stream = `order-${label}${run}-${worker}-${i % 50}`;
          const expected = revisions.get(stream);
          const result = await eventStore.appendToStream(stream, [{ id: randomUUID(), type: 'OrderPlaced', data, metadata }], { expectedRevision: expected ?? 'no_stream' });
          revisions.set(stream, result.nextExpectedRevision);
        };
        add('append', await measure(concurrency, append(store, 'a')));
        add('quiet', await measure(concurrency, append(withoutNotify, 'q')));
      }
      const row = { concurrency, raw: totals.raw / rounds, append: totals.append / rounds, quiet: totals.quiet / rounds };
      results.push(row);
      console.log(
        `${String(concurrency).padStart(11)} | ${row.raw.toFixed(0).padStart(10)} | ${row.append.toFixed(0).padStart(6)} | ${(row.append / row.raw).toFixed(2).padStart(5)} | ${row.quiet.toFixed(0).padStart(17)} | ${(row.quiet / row.raw).toFixed(2).padStart(5)}`,
      );
      // Where the two cores are not kept busy, the rates are bound by waiting (for the WAL to be
      // flushed, mostly), and they swing with the machine's disk, not with the work done.
      if (clusterDir) console.log(`            CPU per operation, this process and the server: raw ${cpu.raw.toFixed(0)} µs, append ${cpu.append.toFixed(0)} µs, append without NOTIFY ${cpu.quiet.toFixed(0)} µs`);
    }
    for (const r of results.filter((r) => r.concurrency >= 8)) {
      console.log(`target: append/raw >= ${target} at concurrency ${r.concurrency}: ${(r.append / r.raw).toFixed(2)}, ${r.append / r.raw >= target ? 'met' : 'MISSED'}`);
    }
    await store.close();
    await withoutNotify.close();
    if (process.env.EVENTSTORE_URL) await eventStoreDb(process.env.EVENTSTORE_URL);
  } finally {
    await drop();
    await server.stop();
  }
}

const eventStoreDbTarget = 0.25;

async function eventStoreDb(url: string): Promise<void> {
  const client = EventStoreDBClient.connectionString(url);
  const store = EventStoreDbEventStore.connect(url, { namespace: `bench-${randomUUID().slice(0, 8)}-` });
  console.log(`\nEventStoreDB at ${url.replace(/\/\/[^@/]*@/, '//***@')}; ${seconds} s per measurement; one event per append to a new stream`);
  console.log('concurrency | raw client append | adapter append | ratio');
  const ratios: number[] = [];
  for (const concurrency of [1, 8]) {
    const totals = { raw: 0, adapter: 0 };
    for (let round = 0; round < rounds; round++) {
      totals.raw += (
        await measure(concurrency, async () => {
          await client.appendToStream(`bench-raw-${randomUUID()}`, jsonEvent({ type: 'OrderPlaced', data, metadata }), { expectedRevision: 'no_stream' });
        })
      ).rate;
      totals.adapter += (
        await measure(concurrency, async () => {
          await store.appendToStream(`order-${randomUUID()}`, [{ id: randomUUID(), type: 'OrderPlaced', data, metadata }], { expectedRevision: 'no_stream' });
        })
      ).rate;
    }
    const ratio = totals.adapter / totals.raw;
    ratios.push(ratio);
    console.log(`${String(concurrency).padStart(11)} | ${(totals.raw / rounds).toFixed(0).padStart(17)} | ${(totals.adapter / rounds).toFixed(0).padStart(14)} | ${ratio.toFixed(2).padStart(5)}`);
  }
  console.log(`target: adapter/raw >= ${eventStoreDbTarget} (an id claim and a tail read per append, by design): ${ratios.every((ratio) => ratio >= eventStoreDbTarget) ? 'met' : 'MISSED'}`);
  await store.close();
  await client.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
