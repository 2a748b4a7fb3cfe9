import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { PostgresCheckpointStore, PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store';
import { toIntegrationEvent } from '../../src/integration/from-domain-events';
import { KafkaBus } from '../../src/messaging/kafka/kafka-bus';
import { IntegrationRelay } from '../../src/relay/integration-relay';
import { silentLogger } from '../../src/shared/logger';
import { readTopics, uniqueTopicPrefix, type ReadMessage } from '../support/kafka-messages';
import { writeShopHistory } from '../support/shop-history';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { describeWithServer } from '../support/test-servers';

const repositoryRoot = path.resolve(__dirname, '../..');

function startRelayProcess(connectionString: string, brokers: string, prefix: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/relay-process.ts', connectionString, brokers, prefix, '40'], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const published = () => Math.max(0, ...[...output.matchAll(/published (\d+)/g)].map((match) => Number(match[1])));
  return { child, published, output: () => output };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describeWithServer('KAFKA_BROKERS', 'the integration relay on a real broker', (brokers) => {
  let db: TestDatabase;
  let eventStore: PostgresEventStore;
  let published: RecordedEvent[];
  beforeAll(async () => {
    db = await createTestDatabase();
    eventStore = new PostgresEventStore(db.pool);
    await writeShopHistory(eventStore, { products: 12, customers: 20, orders: 380 });
    published = [];
    for await (const batch of eventStore.readAll()) published.push(...batch.filter((event) => toIntegrationEvent(event)));
  }, 120_000);
  afterAll(async () => {
    await eventStore.close();
    await db.drop();
  });

  it('killed (SIGKILL) part-way through 2,000 events and restarted, puts every one on its topic, again only as the same CloudEvent', async () => {
    expect(published.length).toBeGreaterThanOrEqual(2_000);
    const prefix = uniqueTopicPrefix('crash');
    const first = startRelayProcess(db.connectionString, brokers, prefix);
    await until(() => first.published() >= published.length / 3, 60_000);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const killedAt = first.published();
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(published.length);

    const second = startRelayProcess(db.connectionString, brokers, prefix);
    try {
      const expected = new Set(published.map((event) => event.id));
      const messages = await readTopics(brokers, ['orders', 'payments', 'stock'].map((topic) => prefix + topic), (read) => new Set(read.map((m) => m.headers.ce_id)).size >= expected.size, 90_000);
      const ids = new Set(messages.map((message) => message.headers.ce_id));
      expect(ids).toEqual(expected);
      // Sent again after the crash: the very same message, never a new id or other content.
      const firstSeen = new Map<string, ReadMessage>();
      for (const message of messages) {
        const earlier = firstSeen.get(message.headers.ce_id!);
        if (earlier) expect({ key: message.key, value: message.value, headers: message.headers, topic: message.topic }).toEqual({ key: earlier.key, value: earlier.value, headers: earlier.headers, topic: earlier.topic });
        else firstSeen.set(message.headers.ce_id!, message);
      }
      // Per entity, the events come in the order of the log.
      const logOrder = new Map(published.map((event, index) => [event.id, index]));
      const byKey = new Map<string, number[]>();
      for (const message of firstSeen.values()) byKey.set(`${message.topic}/${message.key}`, [...(byKey.get(`${message.topic}/${message.key}`) ?? []), logOrder.get(message.headers.ce_id!)!]);
      for (const [key, order] of byKey) expect({ key, order }).toEqual({ key, order: [...order].sort((a, b) => a - b) });
      process.stdout.write(`relay crash test: ${published.length} events, killed after ${killedAt} published, ${messages.length - expected.size} sent twice\n`);
    } finally {
      second.child.kill('SIGKILL');
    }
  }, 180_000);

  it('sends an event it cannot map to the dead-letter topic with the reason, and goes on with the rest', async () => {
    const prefix = uniqueTopicPrefix('unmappable');
    const orderId = randomUUID();
    const bad = { id: randomUUID(), type: 'OrderPlaced', data: { orderId, customerId: 'c', lines: [], total: { amount: 0, currency: 'EUR' }, placedAt: 'now' } };
    const good = { id: randomUUID(), type: 'OrderCancelled', data: { orderId, customerId: 'c', reason: 'test', cancelledAt: '2026-01-01T00:00:00.000Z' } };
    await eventStore.appendToStream(`order-${orderId}`, [bad, good]);
    const relay = new IntegrationRelay(eventStore, new KafkaBus({ brokers: brokers.split(','), clientId: 'relay-test', topicPrefix: prefix, partitions: 1 }, silentLogger), silentLogger);
    await relay.start();
    try {
      const messages = await readTopics(brokers, [`${prefix}dead-letter`, `${prefix}orders`], (read) => read.some((m) => m.headers.ce_id === good.id) && read.some((m) => m.headers.ce_id === bad.id), 60_000);
      const parked = messages.filter((message) => message.topic === `${prefix}dead-letter`);
      expect(parked).toHaveLength(1);
      expect(parked[0]).toMatchObject({ key: `order-${orderId}`, headers: { ce_id: bad.id, dead_letter_error: `OrderPlaced ${bad.id} has no lines` } });
      expect(messages.filter((message) => message.headers.ce_id === good.id)).toEqual([expect.objectContaining({ topic: `${prefix}orders`, key: orderId })]);
    } finally {
      await relay.stop();
    }
  }, 120_000);

  it('follows an EventStoreDB log the same way (on the stand-in unless EVENTSTORE_URL names a server)', async () => {
    const url = process.env.EVENTSTORE_URL ?? process.env.EVENTSTORE_STAND_IN_URL;
    if (!url) {
      if (process.env.CI === 'true') throw new Error('No EventStoreDB (nor its stand-in) to relay from: scripts/test-servers.sh up');
      process.stderr.write('Skipping the EventStoreDB relay test: EVENTSTORE_URL and EVENTSTORE_STAND_IN_URL are not set\n');
      return;
    }
    // Its progress in a database of its own: the other tests' relay saved theirs (in PostgreSQL log positions) in db.
    const progress = await createTestDatabase();
    const esdb = EventStoreDbEventStore.connect(url, { namespace: `t${randomUUID().slice(0, 8)}-`, checkpoints: new PostgresCheckpointStore(progress.pool) });
    const prefix = uniqueTopicPrefix('esdb');
    const relay = new IntegrationRelay(esdb, new KafkaBus({ brokers: brokers.split(','), clientId: 'relay-esdb', topicPrefix: prefix, partitions: 2 }, silentLogger), silentLogger);
    try {
      await writeShopHistory(esdb, { products: 3, customers: 2, orders: 6 });
      const expected: string[] = [];
      for await (const batch of esdb.readAll()) expected.push(...batch.filter((event) => toIntegrationEvent(event)).map((event) => event.id));
      await relay.start();
      const messages = await readTopics(brokers, ['orders', 'payments', 'stock'].map((topic) => prefix + topic), (read) => new Set(read.map((m) => m.headers.ce_id)).size >= expected.length, 60_000);
      expect(new Set(messages.map((message) => message.headers.ce_id))).toEqual(new Set(expected));
    } finally {
      await relay.stop();
      await esdb.close();
      await progress.drop();
    }
  }, 120_000);
});
