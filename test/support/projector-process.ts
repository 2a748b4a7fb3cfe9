/**
 * A projector as its own process, for the crash test: runs every projection against the database
 * given as argument (batch size, a pause after each batch, and a MongoDB URL for the read models may
 * follow), prints "caught-up"
 * whenever it has reached the head of the log, and keeps going until it is killed.
 */
import { MongoClient } from 'mongodb';
import { Pool } from 'pg';
import { allProjections } from '../../src/app/composition-root';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { MongoDocumentStore } from '../../src/projections/mongodb/mongo-document-store';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { silentLogger } from '../../src/shared/logger';

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.argv[2], max: 10 });
  const eventStore = new PostgresEventStore(pool);
  const runner = new ProjectionRunner(eventStore, silentLogger, { batchSize: Number(process.argv[3] ?? 50) });
  // Optionally slowed down, so that a test can be sure to kill it part-way.
  const pauseMs = Number(process.argv[4] ?? 0);
  const mongoUrl = process.argv[5];
  const documents = mongoUrl ? new MongoDocumentStore((await new MongoClient(mongoUrl).connect()).db()) : undefined;
  const projections = allProjections(pool, eventStore, documents).map((projection) => ({
    ...projection,
    handle: async (...args: Parameters<typeof projection.handle>) => {
      await projection.handle(...args);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    },
  }));
  await runner.start(projections);
  process.stdout.write('started\n');
  for (;;) {
    const head = await eventStore.headCheckpoint();
    if (head && (await runner.waitFor(projections.map((p) => p.name), head, 60_000))) process.stdout.write(`caught-up ${head.commit}.${head.position}\n`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`projector failed: ${String(error)}\n`);
  process.exit(1);
});
