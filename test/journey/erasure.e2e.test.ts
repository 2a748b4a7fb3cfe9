import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import { findBrokenLink } from '../../src/event-store/event-integrity';
import type { EventStore } from '../../src/event-store/event-store';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { PostgresCheckpointStore } from '../../src/event-store/postgres/postgres-event-store';
import { erasedAddress, erasedText } from '../../src/privacy/personal-fields';
import { projectionNames } from '../../src/projections/projection-names';
import { silentLogger } from '../../src/shared/logger';
import { startStandIn, type StandInServer } from '../support/eventstoredb-stand-in/stand-in-server';
import { eventually, Journey } from '../support/journey';
import { eventStoreOccurrences, mongoOccurrences, postgresOccurrences } from '../support/personal-data-grep';
import { logIn, staffSignedIn } from '../support/principals';
import { openReadStore, readStoreKinds } from '../support/read-stores';
import { createTestDatabase } from '../support/test-database';
import { KafkaBus } from '../../src/messaging/kafka/kafka-bus';
import { readTopics, uniqueTopicPrefix } from '../support/kafka-messages';
import { describeWithServer } from '../support/test-servers';

/**
 * GDPR erasure by crypto-shredding, end to end, on both event stores and both read stores: a
 * customer orders, pays and is emailed; then erases themselves. Their name, email and address must
 * be found nowhere afterwards (the databases are searched, table by table, collection by
 * collection, event by event), even after every read model is rebuilt from the log, while the
 * order, its total and the log's hash chains stay as they were.
 */
type Stores = { name: string; kind: 'postgres' | 'eventstoredb+mongodb' };
const stores: Stores[] = [
  { name: 'PostgreSQL events and read models', kind: 'postgres' },
  ...(readStoreKinds().includes('mongodb') ? [{ name: 'EventStoreDB events (the stand-in, unless EVENTSTORE_URL) and MongoDB read models', kind: 'eventstoredb+mongodb' as const }] : []),
];

describe.each(stores)('erasing a customer: $name', ({ kind }) => {
  let shop: Journey;
  let written: EventStore;
  let admin: string;
  let standIn: StandInServer | undefined;
  let mongoUrl: string | undefined;
  const closing: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    if (kind === 'postgres') {
      shop = await Journey.start();
      written = shop.app.app.eventLog;
    } else {
      const db = await createTestDatabase();
      const url = process.env.EVENTSTORE_URL ?? (standIn = await startStandIn()).url;
      const eventStore = EventStoreDbEventStore.connect(url, { namespace: `erasure-${randomUUID().slice(0, 8)}-`, checkpoints: new PostgresCheckpointStore(db.pool), logger: silentLogger });
      const readStore = await openReadStore('mongodb');
      closing.push(() => readStore.close());
      mongoUrl = readStore.url;
      shop = await Journey.start({ db, eventStore, documents: readStore.documents! });
      written = eventStore;
    }
    admin = (await staffSignedIn(shop.app, 'admin')).token;
  });
  afterAll(async () => {
    await shop.close();
    for (const close of closing) await close();
    await standIn?.stop();
  });

  /** Every place the person could still be written: the databases as a whole, and the log as written. */
  const foundAnywhere = async (texts: readonly string[]) => [
    ...(await postgresOccurrences(shop.app.db.pool, texts)),
    ...(mongoUrl ? await mongoOccurrences(mongoUrl, texts) : []),
    ...(await eventStoreOccurrences(written, texts)),
  ];

  it('leaves nothing of the person anywhere, even after a rebuild, and the orders, totals and hash chains intact', async () => {
    const tag = randomUUID().slice(0, 8);
    const profile = {
      firstName: `Zelda${tag}`,
      lastName: `Quist${tag}`,
      email: `zelda.${tag}@example.org`,
      shippingAddress: { line1: `${tag} Shredder Lane`, city: `Oslo${tag}`, postalCode: `N${tag}`, country: 'NO' },
    };
    const texts = [profile.firstName, profile.lastName, profile.email, profile.shippingAddress.line1, profile.shippingAddress.city, profile.shippingAddress.postalCode];
    const customer = await shop.customer(profile);
    const code = await shop.product(10);
    const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 2 }]);
    await eventually('the confirmation email', async () => shop.mail.messages().filter((message) => message.to.includes(profile.email)).length, (count) => count === 1);
    const before = await eventually('the order paid in the query API', async () => (await shop.app.request('GET', `/api/orders/${orderId}`, { token: shop.staff })).body, (order) => order.status === 'paid');
    const sent = await eventually(
      'the email sent in the query API',
      async () => (await shop.app.request<{ items: { notificationId: string; customerId?: string; to: string }[] }>('GET', '/api/notifications?status=sent', { token: shop.staff })).body.items.find((item) => item.customerId === customer.customerId),
      (item) => item?.to === profile.email,
    );

    // Before: the read models show the person (so the search below can find them), the log never did;
    // an auditor who asks sees them, opened from the log.
    expect((await foundAnywhere(texts)).length).toBeGreaterThan(0);
    expect(await eventStoreOccurrences(written, texts)).toEqual([]);
    const auditor = (await staffSignedIn(shop.app, 'auditor')).token;
    const audited = async () => {
      const paths = [`/api/audit/customer/${customer.customerId}/history?showPersonalData=true`, `/api/audit/order/${orderId}/history?showPersonalData=true`];
      // The trace reads the PostgreSQL log straight from its table.
      if (kind === 'postgres') paths.push(`/api/audit/trace/${orderId}?showPersonalData=true`);
      const answers = await Promise.all(paths.map((path) => shop.app.request('GET', path, { token: auditor })));
      expect(answers.map((answer) => answer.status)).toEqual(paths.map(() => 200));
      const shown = JSON.stringify(answers.map((answer) => answer.body));
      return texts.filter((text) => shown.includes(text));
    };
    expect(await audited()).toEqual(texts);

    const erased = await shop.app.request('POST', `/api/customers/${customer.customerId}/erase`, { body: { confirmation: 'erase' }, token: customer.token });
    expect(erased.status).toBe(200);
    // Asked again, by an admin: done already, nothing new recorded.
    const again = await shop.app.request('POST', `/api/customers/${customer.customerId}/erase`, { body: { confirmation: 'erase' }, token: admin });
    expect(again.status).toBe(200);
    expect((await written.readStream(`customer-${customer.customerId}`)).filter((event) => event.type === 'CustomerErased')).toHaveLength(1);

    // Nobody signs in as them any more.
    expect((await shop.app.request('POST', '/api/auth/login', { body: { email: profile.email, password: 'correct horse battery staple' } })).status).toBe(401);
    expect((await shop.app.request('GET', '/api/auth/me', { token: customer.token })).status).toBe(401);

    // The read models show the person erased; the order is still the order.
    const shown = await eventually('the customer erased in the query API', async () => (await shop.app.request('GET', `/api/customers/${customer.customerId}`, { token: shop.staff })).body, (body) => typeof body.erasedAt === 'string');
    expect(shown).toMatchObject({ firstName: erasedText, lastName: erasedText, email: erasedText, shippingAddress: erasedAddress, orders: { count: 1 } });
    const after = await eventually('the order without its address', async () => (await shop.app.request('GET', `/api/orders/${orderId}`, { token: shop.staff })).body, (order) => isDeepStrictEqual(order.shippingAddress, erasedAddress));
    const { shippingAddress: _before, ...keptBefore } = before;
    const { shippingAddress: _after, ...keptAfter } = after;
    expect(keptAfter).toEqual(keptBefore);
    const sentEmail = async () => (await shop.app.request<{ items: { notificationId: string; to: string; status: string }[] }>('GET', '/api/notifications?status=sent', { token: shop.staff })).body.items.find((item) => item.notificationId === sent!.notificationId);
    expect(await eventually('the email, to nobody now', sentEmail, (item) => item?.to === erasedText)).toMatchObject({ status: 'sent' });
    expect(await foundAnywhere(texts)).toEqual([]);
    // The log itself, as the shop and its auditors read it, holds them no more: their key is gone.
    expect(await audited()).toEqual([]);

    // Every read model rebuilt from the first event: still nothing of them.
    expect((await shop.app.request('POST', '/api/admin/projections/rebuild', { body: { projections: [...projectionNames] }, token: admin })).status).toBe(202);
    type Health = { checks: { projections: { projections: { rebuilding: boolean; lastRebuild?: { outcome: string } }[] } } };
    const health = await eventually('the rebuilds done', async () => (await shop.app.request<Health>('GET', '/health')).body.checks.projections.projections, (all) => all.every((projection) => !projection.rebuilding), 60_000);
    expect(health.map((projection) => projection.lastRebuild?.outcome)).toEqual(projectionNames.map(() => 'succeeded'));
    expect(await foundAnywhere(texts)).toEqual([]);
    expect((await shop.app.request('GET', `/api/customers/${customer.customerId}`, { token: shop.staff })).body).toMatchObject({ firstName: erasedText, orders: { count: 1 } });
    expect((await shop.app.request('GET', `/api/orders/${orderId}`, { token: shop.staff })).body).toMatchObject({ status: 'paid', total: before.total, lines: before.lines });

    // The log is as it was written: every hash chain of theirs verifies.
    for (const stream of [`customer-${customer.customerId}`, `account-${customer.customerId}`, `order-${orderId}`, `notification-${sent!.notificationId}`]) {
      const events = await written.readStream(stream);
      expect({ stream, events: events.length > 0, broken: findBrokenLink(events) }).toEqual({ stream, events: true, broken: null });
    }

    // Their address is free again: someone (them, anew) can sign up with it.
    expect((await shop.app.request('POST', '/api/auth/signup', { body: { ...profile, password: 'correct horse battery staple' } })).status).toBe(201);
    expect(await logIn(shop.app, profile.email)).toEqual(expect.any(String));
  });
});

describeWithServer('KAFKA_BROKERS', 'erasing a customer, with Kafka between the roles', (brokers) => {
  let shop: Journey;
  const topicPrefix = uniqueTopicPrefix('erasure');
  beforeAll(async () => {
    const kafka = new KafkaBus({ brokers: brokers.split(','), clientId: 'erasure-test', topicPrefix, partitions: 1 }, silentLogger);
    shop = await Journey.start({ kafka });
  }, 60_000);
  afterAll(async () => {
    await shop.close();
  });

  it('tells other systems to forget the customer, by id only, and never told them who it was', async () => {
    const tag = randomUUID().slice(0, 8);
    const profile = { firstName: `Yara${tag}`, lastName: `Kettle${tag}`, email: `yara.${tag}@example.org`, shippingAddress: { line1: `${tag} Forget Street`, city: `Turku${tag}`, postalCode: `F${tag}`, country: 'FI' } };
    const texts = [profile.firstName, profile.lastName, profile.email, profile.shippingAddress.line1, profile.shippingAddress.city, profile.shippingAddress.postalCode];
    const customer = await shop.customer(profile);
    const orderId = await shop.placeOrder(customer, [{ productCode: await shop.product(5), quantity: 1 }]);
    await eventually('the order paid, through Kafka', () => shop.orderStatus(orderId), (status) => status === 'paid');
    expect((await shop.app.request('POST', `/api/customers/${customer.customerId}/erase`, { body: { confirmation: 'erase' }, token: customer.token })).status).toBe(200);

    // The topics are read side by side: wait for the erasure and for the order's last message (paid) both.
    const paidMessage = (message: { key: string; value: string; headers: Record<string, string> }) =>
      message.key === orderId && message.headers.ce_type === 'emporium.order_status_changed.v1' && (JSON.parse(message.value) as { status: string }).status === 'paid';
    const messages = await readTopics(brokers, ['orders', 'payments', 'stock', 'customers'].map((topic) => topicPrefix + topic), (read) => read.some((message) => message.headers.ce_type === 'emporium.customer_erased.v1') && read.some(paidMessage));
    const erased = messages.filter((message) => message.headers.ce_type === 'emporium.customer_erased.v1');
    expect(erased.map((message) => ({ topic: message.topic, key: message.key, subject: message.headers.ce_subject, data: Object.keys(JSON.parse(message.value) as object).sort() }))).toEqual([
      { topic: `${topicPrefix}customers`, key: customer.customerId, subject: `customer/${customer.customerId}`, data: ['timestamp', 'userId'] },
    ]);
    expect(JSON.parse(erased[0]!.value)).toMatchObject({ userId: customer.customerId });
    // Every message about their order went out too, and none of them ever carried the person.
    expect(messages.filter((message) => message.key === orderId).length).toBeGreaterThan(0);
    expect(messages.flatMap((message) => texts.filter((text) => `${message.value} ${JSON.stringify(message.headers)}`.includes(text)))).toEqual([]);
  });
});
