import { existsSync, lstatSync, mkdtempSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Kafka, logLevel } from 'kafkajs';
import { runDemo, startApp, type AppProcess } from '../support/app-process';
import { readTopics, uniqueTopicPrefix } from '../support/kafka-messages';
import { describeWithServer } from '../support/test-servers';

type AsyncApi = {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, { headers: object; payload: object }> };
};

/** KAFKA_BROKERS: payments and emails go through Kafka, and what is published matches /api/asyncapi.json. */
describeWithServer('KAFKA_BROKERS', 'the shop with Kafka between its roles', (brokers) => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'emporium-kafka-')), 'data');
  const prefix = uniqueTopicPrefix('journey');
  let app: AppProcess | undefined;

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.interrupt();
      await app.exited;
    }
    const cluster = path.join(dataDir, 'postgres');
    if (existsSync(cluster) && lstatSync(cluster).isSymbolicLink()) await rm(path.dirname(realpathSync(cluster)), { recursive: true, force: true });
    await rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('pays an order and emails its customer through Kafka, publishing only what the AsyncAPI document describes', async () => {
    app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir, KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS: '3' });
    const base = await app.url;
    expect(app.output()).toContain('integration events go to Kafka');
    const demo = await runDemo(base);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/order [0-9a-f-]{36}: paid/);
    expect(demo.stdout).toMatch(/order [0-9a-f-]{36}: payment-failed/);
    expect(demo.stdout).toContain('payment received');
    expect(demo.stdout).toContain('your payment did not go through');

    // The saga and the notifications heard of the payments from Kafka, not from the log.
    type Health = { checks: { kafka: { status: string; relay: { published: number }; consumers: { name: string; handled: number; deadLettered: number }[] } } };
    const health = (await (await fetch(`${base}/health`)).json()) as Health;
    expect(health.checks.kafka.status).toBe('up');
    expect(health.checks.kafka.relay.published).toBeGreaterThan(0);
    const consumers = Object.fromEntries(health.checks.kafka.consumers.map((consumer) => [consumer.name, consumer]));
    expect(consumers.fulfilment!.handled).toBeGreaterThanOrEqual(4);
    expect(consumers.notifications!.handled).toBeGreaterThanOrEqual(2);
    expect(consumers.fulfilment!.deadLettered + consumers.notifications!.deadLettered).toBe(0);

    // Every message on the topics is one the AsyncAPI document describes, headers and data.
    const asyncApi = (await (await fetch(`${base}/api/asyncapi.json`)).json()) as AsyncApi;
    const ajv = addFormats(new Ajv({ allErrors: true }));
    const channels = Object.values(asyncApi.channels);
    const messages = await readTopics(brokers, channels.map((channel) => channel.address), (read) => read.length >= health.checks.kafka.relay.published, 30_000);
    expect(messages.length).toBeGreaterThanOrEqual(health.checks.kafka.relay.published);
    const kinds = new Set<string>();
    for (const message of messages) {
      const channel = channels.find((candidate) => candidate.address === message.topic)!;
      const name = /^emporium\.([a-z_]+)\.v1$/.exec(message.headers.ce_type ?? '')?.[1] ?? '';
      expect({ topic: message.topic, type: message.headers.ce_type, inChannel: name in channel.messages }).toEqual({ topic: message.topic, type: message.headers.ce_type, inChannel: true });
      const described = asyncApi.components.messages[name]!;
      const headersValid = ajv.validate(described.headers, message.headers);
      const payloadValid = ajv.validate(described.payload, JSON.parse(message.value));
      expect({ name, headersValid, payloadValid, errors: ajv.errors ?? null }).toEqual({ name, headersValid: true, payloadValid: true, errors: null });
      kinds.add(name);
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['order_created', 'order_status_changed', 'payment_processed', 'stock_changed']));

    // The topics were made at start with the partitions configured.
    const admin = new Kafka({ clientId: 'journey-admin', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [...channels.map((channel) => channel.address), `${prefix}dead-letter`] });
    await admin.disconnect();
    expect(topics.map((topic) => [topic.name, topic.partitions.length]).sort()).toEqual([...channels.map((channel) => channel.address), `${prefix}dead-letter`].sort().map((name) => [name, 3]));

    app.interrupt();
    expect((await app.exited).code).toBe(0);
  }, 180_000);
});
