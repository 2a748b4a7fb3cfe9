import { SandboxSms } from '../../src/sms/sandbox-sms';
import { randomUUID } from 'node:crypto';
import type { ProcessOptions } from '../../src/app/composition-root';
import { foldEvents } from '../../src/domain/shared/decider';
import { inventoryDecider, type InventoryEvent } from '../../src/domain/inventory/inventory';
import { startMailCatcher, type MailCatcher } from '../../src/mail/mail-catcher';
import { SmtpMailer } from '../../src/mail/smtp-mailer';
import type { KafkaBus } from '../../src/messaging/kafka/kafka-bus';
import type { Logger } from '../../src/shared/logger';
import { SandboxGateway, type SandboxGatewayOptions } from '../../src/payments/sandbox/sandbox-gateway';
import { silentLogger } from '../../src/shared/logger';
import { customerSignedIn, staffSignedIn, type CustomerProfile } from './principals';
import type { EventStore } from '../../src/event-store/event-store';
import type { DocumentStore } from '../../src/projections/document-store';
import { startTestApp, testWebhookSecret, type TestApp } from './test-app';
import type { TestDatabase } from './test-database';
import type { Upcaster } from '../../src/event-store/upcasting';

export const staffEmail = 'staff@shop.example';

/** Polls until the condition holds, or fails the test saying what it waited for. */
export async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await probe();
  }
  return value;
}

/**
 * The whole shop as npm start runs it, but with the test's own parts around it: a real SMTP server
 * (the mail catcher) and the sandbox gateway, both of which outlive an app restart, as a real mail
 * server and payment provider would.
 */
export class Journey {
  app!: TestApp;
  staff!: string;
  private constructor(
    readonly mail: MailCatcher,
    readonly gateway: SandboxGateway,
    private readonly settings: { paymentDeadlineMs: number },
  ) {}

  static async start(
    options: { sandbox?: Partial<SandboxGatewayOptions>; paymentDeadlineMs?: number; logger?: Logger; kafka?: KafkaBus; eventStore?: EventStore; documents?: DocumentStore; db?: TestDatabase } = {},
  ): Promise<Journey> {
    const mail = await startMailCatcher();
    let url = '';
    const gateway = new SandboxGateway({ webhookUrl: () => `${url}/api/payments/webhook`, webhookSecret: testWebhookSecret, logger: silentLogger, answerAfterMs: 30, maxRedeliveryDelayMs: 300, ...options.sandbox });
    const journey = new Journey(mail, gateway, { paymentDeadlineMs: options.paymentDeadlineMs ?? 60_000 });
    const { logger, kafka, eventStore, documents, db } = options;
    journey.app = await startTestApp({ processes: journey.processOptions(), ...(db ? { db } : {}), ...(logger ? { logger } : {}), ...(kafka ? { kafka } : {}), ...(eventStore ? { eventStore } : {}), ...(documents ? { documents } : {}) });
    url = journey.app.url;
    journey.setUrl = (next) => (url = next);
    journey.staff = (await staffSignedIn(journey.app)).token;
    return journey;
  }

  private setUrl: (url: string) => void = () => undefined;

  private readonly mailers: SmtpMailer[] = [];
  /** The SMS sandbox: what the shop texted, across restarts. */
  readonly sms = new SandboxSms();

  processOptions(): ProcessOptions {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${this.mail.port}`);
    this.mailers.push(mailer);
    return {
      gateway: this.gateway,
      mailer,
      sms: this.sms,
      mailFrom: 'Emporium <shop@emporium.local>',
      staffEmail,
      paymentDeadlineMs: this.settings.paymentDeadlineMs,
      deadlineSweepMs: 100,
      mailRetryMaxDelayMs: 300,
    };
  }

  /** Stops the app and starts it again on the same database and port, as a process restart (or a deployment) would. */
  async restart(options: { upcasters?: readonly Upcaster[] } = {}): Promise<void> {
    const port = Number(new URL(this.app.url).port);
    const { db, accessTokens } = this.app;
    await this.app.stop();
    this.app = await startTestApp({ db, accessTokens, processes: this.processOptions(), port, ...options });
    this.setUrl(this.app.url);
  }

  /** Stops the app only, leaving the database, the mail server and the gateway. */
  async stopApp(): Promise<{ db: TestDatabase; port: number }> {
    const port = Number(new URL(this.app.url).port);
    await this.app.stop();
    return { db: this.app.db, port };
  }

  async close(): Promise<void> {
    await this.gateway.stop();
    await this.app.close();
    await Promise.all(this.mailers.map((mailer) => mailer.close()));
    await this.mail.close();
  }

  async command(method: string, path: string, body: unknown, token = this.staff): Promise<Record<string, unknown>> {
    const answer = await this.app.request(method, path, { body, token });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** A product with this much stock, under a fresh code. */
  async product(stock: number, options: { price?: number; lowStockThreshold?: number; name?: string } = {}): Promise<string> {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const categoryId = String((await this.command('POST', '/api/categories', { name: `Category ${tag}`, description: '' })).id);
    const code = `TEA-${tag}`;
    await this.command('POST', '/api/products', { code, name: options.name ?? `Tea ${tag}`, description: 'Leaves', categoryId, price: { amount: options.price ?? 450, currency: 'EUR' }, lowStockThreshold: options.lowStockThreshold ?? 0 });
    if (stock > 0) await this.command('POST', `/api/inventory/${code}/receipts`, { quantity: stock });
    return code;
  }

  customer(profile: Partial<CustomerProfile> = {}): Promise<{ customerId: string; token: string; email: string }> {
    return customerSignedIn(this.app, profile);
  }

  async placeOrder(customer: { token: string }, lines: { productCode: string; quantity: number }[], paymentToken = 'tok_success'): Promise<string> {
    return String((await this.command('POST', '/api/orders', { lines, paymentMethod: 'card', paymentToken }, customer.token)).id);
  }

  /** The order's events, straight from its stream. */
  async orderEvents(orderId: string) {
    return this.app.app.eventStore.readStream(`order-${orderId}`);
  }

  async orderStatus(orderId: string): Promise<string> {
    return (await this.orderStatuses([orderId]))[0]!;
  }

  /** Where each order stands, from the last event of its stream, in one query (polling must not starve the app). */
  async orderStatuses(orderIds: readonly string[]): Promise<string[]> {
    const { rows } = await this.app.db.pool.query<{ stream_id: string; type: string }>(
      `select distinct on (stream_id) stream_id, type from events where stream_id = any($1::text[]) order by stream_id, revision desc`,
      [orderIds.map((id) => `order-${id}`)],
    );
    const last = new Map(rows.map((row) => [row.stream_id, row.type]));
    const status: Record<string, string> = { OrderPlaced: 'placed', OrderAwaitingPayment: 'awaiting-payment', OrderPaid: 'paid', OrderPaymentFailed: 'payment-failed', OrderRejected: 'rejected', OrderCancelled: 'cancelled', OrderRefunded: 'refunded' };
    return orderIds.map((id) => status[last.get(`order-${id}`) ?? ''] ?? 'none');
  }

  /** Stock as the inventory stream has it, and the lowest availability it ever had. */
  async stock(code: string): Promise<{ onHand: number; reserved: number; available: number; lowestAvailable: number }> {
    const events = (await this.app.app.eventStore.readStream(`inventory-${code}`)) as unknown as InventoryEvent[];
    let lowest = Number.POSITIVE_INFINITY;
    let state = inventoryDecider.initialState;
    for (const event of events) {
      state = inventoryDecider.evolve(state, event);
      lowest = Math.min(lowest, state.onHand - state.reserved);
    }
    const final = foldEvents(inventoryDecider, events);
    return { onHand: final.onHand, reserved: final.reserved, available: final.onHand - final.reserved, lowestAvailable: lowest };
  }

  emailsTo(address: string) {
    return this.mail.messages().filter((message) => message.to === address);
  }
}
