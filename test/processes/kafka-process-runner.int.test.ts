import { inMemoryVault } from '../support/vault';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { CommandContext } from '../../src/commands/command-handler';
import { catalogHandlers } from '../../src/commands/handlers/catalog-handlers';
import { customerHandlers } from '../../src/commands/handlers/customer-handlers';
import { inventoryHandlers } from '../../src/commands/handlers/inventory-handlers';
import { notificationHandlers } from '../../src/commands/handlers/notification-handlers';
import { orderHandlers } from '../../src/commands/handlers/order-handlers';
import { paymentHandlers } from '../../src/commands/handlers/payment-handlers';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { toKafkaRecord } from '../../src/integration/cloud-events';
import { startMailCatcher, type MailCatcher } from '../../src/mail/mail-catcher';
import { SmtpMailer } from '../../src/mail/smtp-mailer';
import { KafkaBus } from '../../src/messaging/kafka/kafka-bus';
import { KafkaProcessRunner } from '../../src/processes/kafka-process-runner';
import { mailSenderProcess } from '../../src/processes/mail-sender';
import { notificationsProcess } from '../../src/processes/notifications';
import { PostgresParkedEventStore } from '../../src/processes/postgres-parked-event-store';
import { ProcessRunner, type ProcessManager } from '../../src/processes/process-runner';
import { IntegrationRelay } from '../../src/relay/integration-relay';
import { silentLogger } from '../../src/shared/logger';
import { readTopics, uniqueTopicPrefix } from '../support/kafka-messages';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { describeWithServer } from '../support/test-servers';

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

describeWithServer('KAFKA_BROKERS', 'process managers fed from Kafka', (brokers) => {
  const bus = (prefix: string) => new KafkaBus({ brokers: brokers.split(','), clientId: 'runner-test', topicPrefix: prefix, partitions: 4 }, silentLogger);

  it('parks one poison message among 1,000 on the dead-letter topic, handles the 999 others, and does not loop', async () => {
    const prefix = uniqueTopicPrefix('poison');
    const events = Array.from({ length: 1_000 }, (_, i) => ({ id: randomUUID(), code: `P-${i % 37}`, available: i % 5, threshold: 5 }));
    const poison = events[417]!;
    const handled = new Set<string>();
    let poisonAttempts = 0;
    const manager: ProcessManager = {
      name: 'low-stock-watcher',
      filter: { eventTypes: ['LowStockReached'] },
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      async handle(event) {
        if (event.id === poison.id) {
          poisonAttempts++;
          throw new Error('cannot handle this one');
        }
        handled.add(event.id);
      },
    };
    const producer = new Kafka({ clientId: 'poison-writer', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    const runner = new KafkaProcessRunner(bus(prefix), silentLogger);
    await runner.start([manager]);
    await producer.connect();
    try {
      const records = events.map(({ id, code, available, threshold }) =>
        toKafkaRecord({ id, name: 'stock_low', key: code, subject: `product/${code}`, time: new Date().toISOString(), data: { productId: code, available, threshold, timestamp: new Date().toISOString() } }),
      );
      for (let i = 0; i < records.length; i += 250) {
        await producer.send({ topic: `${prefix}stock`, acks: -1, messages: records.slice(i, i + 250).map((record) => ({ key: record.key, value: record.value, headers: record.headers })) });
      }
      await until(() => handled.size === 999 && runner.status()[0]!.deadLettered === 1, 60_000);
      // Given time to loop, it does not: the poison was tried as often as its policy says, and parked once.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect({ handled: handled.size, poisonAttempts, status: runner.status() }).toEqual({
        handled: 999,
        poisonAttempts: 3,
        status: [{ name: 'low-stock-watcher', state: 'running', handled: 999, deadLettered: 1 }],
      });
      expect(handled.has(poison.id)).toBe(false);
      const parked = await readTopics(brokers, [`${prefix}dead-letter`], (read) => read.length >= 1, 30_000);
      expect(parked).toHaveLength(1);
      expect(parked[0]).toMatchObject({
        key: poison.code,
        headers: { ce_id: poison.id, dead_letter_source: 'low-stock-watcher', dead_letter_topic: `${prefix}stock`, dead_letter_error: 'cannot handle this one', dead_letter_attempts: '3' },
      });
    } finally {
      await producer.disconnect();
      await runner.stop();
    }
  }, 120_000);

  describe('500 payments while consumers of the notifications group join and leave', () => {
    let db: TestDatabase;
    let eventStore: PostgresEventStore;
    let catcher: MailCatcher;
    beforeAll(async () => {
      db = await createTestDatabase();
      eventStore = new PostgresEventStore(db.pool);
      catcher = await startMailCatcher();
    });
    afterAll(async () => {
      await catcher.close();
      await eventStore.close();
      await db.drop();
    });

    it('sends exactly 500 emails, one per payment', async () => {
      const context = (): CommandContext => ({ now: new Date(), actor: { id: 'test', role: 'system' }, correlationId: randomUUID() });
      await catalogHandlers(eventStore).defineCategory({ name: 'Tea', description: '' }, context());
      await catalogHandlers(eventStore).addProduct({ code: 'TEA', name: 'Tea', description: '', categoryId: 'tea', price: { amount: 450, currency: 'EUR' }, lowStockThreshold: 0 }, context());
      await inventoryHandlers(eventStore).receiveStock({ code: 'TEA', quantity: 10_000 }, context());
      const customers = customerHandlers(eventStore, silentLogger, inMemoryVault());
      const customerIds: string[] = [];
      for (let i = 0; i < 10; i++) {
        const registered = await customers.registerCustomer({ firstName: `C${i}`, lastName: 'Buyer', email: `buyer${i}@example.org`, shippingAddress: { line1: '1 Road', city: 'Leeds', postalCode: 'LS1', country: 'GB' } }, context());
        customerIds.push(registered.streamId.slice('customer-'.length));
      }
      const orders = orderHandlers(eventStore);
      const payments = paymentHandlers(eventStore);
      for (let i = 0; i < 500; i++) {
        const placed = await orders.placeOrder({ customerId: customerIds[i % 10]!, lines: [{ productCode: 'TEA', quantity: 1 }], paymentMethod: 'card' }, context());
        const requested = await payments.requestPayment({ orderId: placed.streamId.slice('order-'.length) }, context());
        const outcome = i % 4 === 0 ? { status: 'failed' as const, reason: 'declined' } : { status: 'succeeded' as const, gatewayReference: `gw-${i}` };
        await payments.recordOutcome({ paymentId: requested.streamId.slice('payment-'.length), outcome }, context());
      }

      const prefix = uniqueTopicPrefix('emails');
      const relay = new IntegrationRelay(eventStore, bus(prefix), silentLogger);
      const notifications = notificationHandlers(eventStore);
      const consumerOf = () => new KafkaProcessRunner(bus(prefix), silentLogger, { partitionsConsumedConcurrently: 2, sessionTimeoutMs: 10_000 });
      const handledBy = (runners: KafkaProcessRunner[]) => runners.reduce((sum, runner) => sum + (runner.status()[0]?.handled ?? 0), 0);
      const mailSender = new ProcessRunner(eventStore, new PostgresParkedEventStore(db.pool), silentLogger);
      const mailer = new SmtpMailer(catcher.smtpUrl);
      const all: KafkaProcessRunner[] = [];
      const start = async () => {
        const runner = consumerOf();
        all.push(runner);
        await runner.start([notificationsProcess({ eventStore, notifications, staffEmail: 'staff@example.org', clock: () => new Date(), logger: silentLogger })]);
        return runner;
      };
      try {
        await relay.start();
        const first = await start();
        await until(() => handledBy(all) >= 100, 60_000);
        const second = await start();
        await until(() => handledBy(all) >= 200, 60_000);
        await first.stop();
        const third = await start();
        await until(() => handledBy(all) >= 350, 60_000);
        await second.stop();
        await mailSender.start([mailSenderProcess({ eventStore, mailer, notifications, from: 'Shop <shop@example.org>', clock: () => new Date(), logger: silentLogger })]);
        await until(() => catcher.messages().length >= 500, 90_000);
        // Time for a duplicate to show, were there one.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const sent = catcher.messages();
        expect(sent).toHaveLength(500);
        expect(new Set(sent.map((message) => message.messageId)).size).toBe(500);
        expect(sent.filter((message) => message.subject.endsWith("payment received")).length).toBe(375);
        await third.stop();
        process.stdout.write(`kafka group test: handled ${handledBy(all)} messages over three consumers for 500 payments\n`);
      } finally {
        await mailSender.stop();
        await mailer.close();
        for (const runner of all) await runner.stop().catch(() => undefined);
        await relay.stop();
      }
    }, 240_000);
  });
});
