import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { describeWithServer } from '../support/test-servers';

describeWithServer('KAFKA_BROKERS', 'Kafka test server (smoke)', (brokers) => {
  const kafka = new Kafka({ clientId: 'emporium-smoke', brokers: brokers.split(','), logLevel: logLevel.ERROR });

  it('creates a topic, produces 1,000 keyed messages idempotently, and a consumer group reads them all in per-key order', async () => {
    const topic = `smoke-${randomBytes(4).toString('hex')}`;
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(true);
    expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions).toHaveLength(3);
    await admin.disconnect();

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const keys = Array.from({ length: 20 }, (_, i) => `order-${i}`);
    const sent = new Map(keys.map((key) => [key, 0]));
    for (let batch = 0; batch < 10; batch++) {
      const messages = Array.from({ length: 100 }, (_, i) => {
        const key = keys[(batch * 100 + i) % keys.length]!;
        const sequence = sent.get(key)!;
        sent.set(key, sequence + 1);
        return { key, value: JSON.stringify({ key, sequence }) };
      });
      await producer.send({ topic, acks: -1, messages });
    }
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `${topic}-readers` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Map<string, number[]>();
    let count = 0;
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const { key, sequence } = JSON.parse(message.value!.toString()) as { key: string; sequence: number };
          expect(message.key!.toString()).toBe(key);
          received.set(key, [...(received.get(key) ?? []), sequence]);
          if (++count === 1_000) resolve();
        },
      });
    });
    await allReceived;
    await consumer.disconnect();

    expect(count).toBe(1_000);
    for (const key of keys) expect(received.get(key)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
