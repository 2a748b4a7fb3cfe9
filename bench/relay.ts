/**
 * npm run bench:relay — the integration relay publishing a generated shop log to Kafka, against a
 * raw kafkajs producer (idempotent, acks -1, same batch size) sending the very same messages to the
 * same broker, measured in the same run. The relay does more on purpose: it reads the log, maps each
 * domain event, and saves its checkpoint after every acknowledged batch.
 *
 * Needs KAFKA_BROKERS (scripts/test-servers.sh up; eval "$(scripts/test-servers.sh env)").
 * BENCH_EVENTS sets the log size (default 100,000), BENCH_BATCH the relay's batch (default 500).
 */
import { randomBytes } from 'node:crypto';
import type { Message } from 'kafkajs';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { toKafkaRecord } from '../src/integration/cloud-events';
import { toIntegrationEvent } from '../src/integration/from-domain-events';
import { KafkaBus } from '../src/messaging/kafka/kafka-bus';
import { IntegrationRelay } from '../src/relay/integration-relay';
import { silentLogger } from '../src/shared/logger';
import { benchServer } from './bench-database';
import { writeShopLog } from './rebuild-fixture';

const totalEvents = Number(process.env.BENCH_EVENTS ?? 100_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 500);
const target = 0.5;

async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: scripts/test-servers.sh up, then eval "$(scripts/test-servers.sh env)"');
  const server = await benchServer();
  const { pool, drop } = await server.database(8);
  try {
    await writeShopLog(pool, totalEvents);
    const eventStore = new PostgresEventStore(pool, { notifyOtherProcesses: false });
    const bus = (name: string) => new KafkaBus({ brokers: brokers.split(','), clientId: 'bench-relay', topicPrefix: `bench${randomBytes(3).toString('hex')}.${name}.`, partitions: 6 }, silentLogger);

    // The messages the relay will send, made beforehand for the baseline.
    const records: { topic: string; message: Message }[] = [];
    for await (const batch of eventStore.readAll({ batchSize: 5_000 })) {
      for (const event of batch) {
        const made = toIntegrationEvent(event);
        if (!made) continue;
        const record = toKafkaRecord(made);
        records.push({ topic: record.topic, message: { key: record.key, value: record.value, headers: record.headers } });
      }
    }

    const raw = bus('raw');
    await raw.ensureTopics();
    const producer = raw.producer();
    await producer.connect();
    let started = performance.now();
    for (let i = 0; i < records.length; i += batchSize) {
      const byTopic = new Map<string, Message[]>();
      for (const { topic, message } of records.slice(i, i + batchSize)) byTopic.set(raw.topic(topic as 'orders'), [...(byTopic.get(raw.topic(topic as 'orders')) ?? []), message]);
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    }
    const rawRate = records.length / ((performance.now() - started) / 1000);
    await producer.disconnect();

    const relayBus = bus('relay');
    await relayBus.ensureTopics();
    const relay = new IntegrationRelay(eventStore, relayBus, silentLogger, { batchSize });
    started = performance.now();
    await relay.start();
    while ((relay.status()?.published ?? 0) < records.length) await new Promise((resolve) => setTimeout(resolve, 5));
    const relayRate = records.length / ((performance.now() - started) / 1000);
    await relay.stop();
    await eventStore.close();

    const ratio = relayRate / rawRate;
    console.log(`PostgreSQL ${server.version}; Kafka at ${brokers}; ${totalEvents.toLocaleString('en')} events in the log, ${records.length.toLocaleString('en')} of them published; batches of ${batchSize}`);
    console.log('measure                                               | messages/s');
    console.log(`baseline: raw kafkajs producer, same messages, acks -1 | ${Math.round(rawRate).toLocaleString('en').padStart(10)}`);
    console.log(`relay: read log, map, publish, checkpoint               | ${Math.round(relayRate).toLocaleString('en').padStart(10)}`);
    console.log(`target: relay >= ${target} of the raw kafkajs producer: ${ratio.toFixed(2)}, ${ratio >= target ? 'met' : 'MISSED'}`);
  } finally {
    await drop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
