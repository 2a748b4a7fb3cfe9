/**
 * npm run bench:rebuild — rebuilds the catalog, order history and reporting read models from the
 * first event of a generated log (100,000 then 1,000,000 events by default), and compares the rate with two
 * baselines measured in the same run on the same server:
 *   - reading every event with no handler (readAll in commit order), and
 *   - bulk-writing documents into the same document store (the rate its writes could reach).
 *
 * Each size is measured in BENCH_ROUNDS rounds (default 3) of the two baselines then the rebuild,
 * and judged by the median of the rounds' ratios: the machine is shared, and one pass of each moved
 * the ratio from 0.35 to 0.61 between runs.
 *
 * BENCH_EVENTS sets the log sizes (comma-separated: each is measured on a database of its own), BENCH_DOCS the documents of the write baseline, BENCH_DATABASE_URL
 * a server of your own (a database is created and dropped there); otherwise the embedded one under
 * .test-servers/ is started.
 *
 * With MONGO_URL set, it also rebuilds the document read models (catalog, order history) into
 * MongoDB (a database made and dropped there), against inserting the documents it made straight
 * into the same server with the driver's insertMany, in the same run.
 *
 * BENCH_CPU_PROFILE=prefix profiles each PostgreSQL rebuild (prefix-<events>.cpuprofile) and prints
 * where this process's CPU went.
 */
import { MongoClient } from 'mongodb';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import type { DocumentStore } from '../src/projections/document-store';
import { MongoDocumentStore } from '../src/projections/mongodb/mongo-document-store';
import { PostgresDocumentStore } from '../src/projections/postgres/postgres-document-store';
import { documentProjection } from '../src/projections/projection';
import { ProjectionRunner } from '../src/projections/projection-runner';
import { catalogProjection } from '../src/projections/read-models/catalog';
import { orderHistoryProjection } from '../src/projections/read-models/order-history';
import { reportingProjectionNames, reportingProjections } from '../src/projections/reporting/reporting-projection';
import { silentLogger } from '../src/shared/logger';
import { benchServer, type BenchServer } from './bench-database';
import { startCpuProfile } from './cpu-profile';
import { median } from './median';
import { cpuTimes } from './process-cpu';
import { writeShopLog } from './rebuild-fixture';

const logSizes = (process.env.BENCH_EVENTS ?? '100000,1000000').split(',').map(Number);
const baselineDocuments = Number(process.env.BENCH_DOCS ?? 200_000);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));

async function main(): Promise<void> {
  const server = await benchServer();
  try {
    for (const [i, totalEvents] of logSizes.entries()) {
      if (i > 0) console.log('');
      await measure(server, totalEvents);
    }
  } finally {
    await server.stop();
  }
}

async function measure(server: BenchServer, totalEvents: number): Promise<void> {
  const { pool, drop } = await server.database(12);
  try {
    const version = server.version;
    const started = performance.now();
    await writeShopLog(pool, totalEvents);
    await pool.query('vacuum analyze events');
    console.log(`PostgreSQL ${version}; generated ${totalEvents.toLocaleString('en')} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const ratios: number[] = [];
    const rebuildRates: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const { ratio, rebuildRate } = await measureRound(pool, totalEvents, server, round === 1);
      console.log(`round ${round} of ${rounds}: ${ratio.toFixed(2)} of the slower baseline`);
      ratios.push(ratio);
      rebuildRates.push(rebuildRate);
    }
    const ratio = median(ratios);
    const rebuildRate = median(rebuildRates);
    console.log(`target: rebuild of ${totalEvents.toLocaleString('en')} events >= 0.5 of the slower baseline (median of ${rounds} rounds): ${ratio.toFixed(3)}, ${ratio >= 0.5 ? 'met' : 'MISSED'}`);
    console.log(`target: rebuild of ${totalEvents.toLocaleString('en')} events >= 20,000 events/s (median of ${rounds} rounds): ${rebuildRate.toLocaleString('en')}, ${rebuildRate >= 20_000 ? 'met' : 'MISSED'}`);
    if (process.env.MONGO_URL) await mongoRebuild(process.env.MONGO_URL, pool, totalEvents);
  } finally {
    await drop();
  }
}

/** One round: the two baselines, then the rebuild, one right after the other. */
async function measureRound(pool: import('pg').Pool, totalEvents: number, server: BenchServer, profiled: boolean): Promise<{ ratio: number; rebuildRate: number }> {
  const eventStore = new PostgresEventStore(pool, { notifyOtherProcesses: false });
  let started = performance.now();
  let read = 0;
  for await (const batch of eventStore.readAll({ batchSize: 1_000 })) read += batch.length;
  const readRate = rate(read, performance.now() - started);

  const documents = new PostgresDocumentStore(pool);
  const spec = { name: `bench_bulk_${Date.now().toString(36)}`, indexes: [] };
  await documents.ensureCollection(spec);
  started = performance.now();
  for (let written = 0; written < baselineDocuments; written += 1_000) {
    await documents.save(
      spec.name,
      Array.from({ length: 1_000 }, (_, i) => ({ id: `d-${written + i}`, document: { orderId: `d-${written + i}`, status: 'paid', total: { amount: 1_234, currency: 'EUR' }, lines: [{ productCode: 'P-1', quantity: 1 }] }, checkpoint: { commit: 1, position: written + i } })),
    );
  }
  const writeRate = rate(baselineDocuments, performance.now() - started);

  // The live projections stand at the head of the log, as in a shop that has run for a while;
  // the rebuild reads everything from the first event into shadows and swaps them in.
  const head = (await eventStore.headCheckpoint())!;
  const names = ['catalog', 'order-history', ...reportingProjectionNames];
  for (const name of names) await eventStore.checkpoints.reset(name, head);
  const runner = new ProjectionRunner(eventStore, silentLogger, { rebuildBatchSize: Number(process.env.BENCH_BATCH ?? 10_000) });
  await runner.start([documentProjection(documents, catalogProjection), documentProjection(documents, orderHistoryProjection), ...reportingProjections(pool, eventStore.checkpoints)]);
  const profileFile = profiled && process.env.BENCH_CPU_PROFILE ? `${process.env.BENCH_CPU_PROFILE}-${totalEvents}.cpuprofile` : undefined;
  const profiler = profileFile ? await startCpuProfile() : undefined;
  const cpuBefore = cpuTimes(server.clusterDir);
  started = performance.now();
  await runner.rebuild(names);
  const rebuildMs = performance.now() - started;
  const cpuAfter = cpuTimes(server.clusterDir);
  const profile = profiler ? await profiler.stop(profileFile!) : undefined;
  const rebuildRate = rate(totalEvents, rebuildMs);
  await runner.stop();
  await eventStore.close();

  const orders = Number((await pool.query<{ n: string }>('select count(*) as n from rm_orders')).rows[0]!.n);
  const slower = Math.min(readRate, writeRate);
  console.log(`rebuilt catalog + order history + reporting: ${totalEvents.toLocaleString('en')} events in ${(rebuildMs / 1000).toFixed(1)} s (${orders.toLocaleString('en')} orders)`);
  console.log('measure                                   | per second');
  console.log(`baseline: read every event, no handler    | ${readRate.toLocaleString('en').padStart(10)} events`);
  console.log(`baseline: bulk-write documents, same store | ${writeRate.toLocaleString('en').padStart(10)} documents`);
  console.log(`rebuild                                    | ${rebuildRate.toLocaleString('en').padStart(10)} events`);
  // What the rebuild cost, less swayed by a busy machine than its rate; and how busy each side
  // kept its core over the rebuild's wall time.
  const spent = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? 'not ours to see' : `${((1_000 * (to - from)) / totalEvents).toFixed(1)} ms (${Math.round((100 * (to - from)) / rebuildMs)} % of a core)`;
  console.log(`rebuild CPU per 1,000 events: this process ${spent(cpuBefore.thisProcess, cpuAfter.thisProcess)}, PostgreSQL ${spent(cpuBefore.postgres, cpuAfter.postgres)}`);
  if (profile) console.log(`CPU profile of the rebuild in ${profileFile}; self time by place:\n${profile.byPlace.join('\n')}\nby function:\n${profile.byFunction.join('\n')}`);
  await pool.query(`drop table if exists rm_${spec.name}`);
  return { ratio: rebuildRate / slower, rebuildRate };
}

/** The document read models rebuilt into MongoDB, against bulk-writing as many documents straight into it. */
async function mongoRebuild(url: string, pool: import('pg').Pool, totalEvents: number): Promise<void> {
  const client = await new MongoClient(url).connect();
  const db = client.db(`emporium_bench_${Date.now().toString(36)}`);
  try {
    const documents: DocumentStore = new MongoDocumentStore(db);
    const eventStore = new PostgresEventStore(pool, { notifyOtherProcesses: false });
    const names = ['catalog', 'order-history'];
    const head = (await eventStore.headCheckpoint())!;
    for (const name of names) await eventStore.checkpoints.reset(name, head);
    const runner = new ProjectionRunner(eventStore, silentLogger, { rebuildBatchSize: Number(process.env.BENCH_BATCH ?? 10_000) });
    await runner.start([documentProjection(documents, catalogProjection), documentProjection(documents, orderHistoryProjection)]);
    let started = performance.now();
    await runner.rebuild(names);
    const rebuildMs = performance.now() - started;
    await runner.stop();
    await eventStore.close();
    // The baseline writes the very documents the rebuild made, straight into a new collection of
    // the same server with the driver's insertMany: what the server's writes could reach.
    const rebuilt = [...(await db.collection('rm_orders').find().toArray()), ...(await db.collection('rm_products').find().toArray())];
    const written = rebuilt.length;
    const copy = db.collection('bench_bulk');
    started = performance.now();
    for (let done = 0; done < written; done += 1_000) await copy.insertMany(rebuilt.slice(done, done + 1_000), { ordered: false });
    const writeMs = performance.now() - started;
    const ratio = writeMs / rebuildMs;
    console.log(`\nMongoDB read store (${url.replace(/\/\/[^@/]*@/, '//***@')}): catalog + order history, ${written.toLocaleString('en')} documents`);
    console.log(`rebuild from ${totalEvents.toLocaleString('en')} events: ${(rebuildMs / 1000).toFixed(1)} s (${rate(totalEvents, rebuildMs).toLocaleString('en')} events/s)`);
    console.log(`baseline: insertMany the same ${written.toLocaleString('en')} documents straight into the same server: ${(writeMs / 1000).toFixed(1)} s (${rate(written, writeMs).toLocaleString('en')} documents/s)`);
    console.log(`target: MongoDB rebuild of ${totalEvents.toLocaleString('en')} events >= 0.5 of insertMany (baseline time / rebuild time): ${ratio.toFixed(2)}, ${ratio >= 0.5 ? 'met' : 'MISSED'}`);
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
