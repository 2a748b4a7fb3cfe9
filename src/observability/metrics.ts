import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * What an operator graphs and alerts on, in Prometheus's text format at /metrics of every role
 * (deploy/prometheus/ and deploy/grafana/ use these names; test/observability checks they exist).
 * One registry per process: the counters count what this process did.
 */

export const registry = new Registry();

let processMetrics = false;
/**
 * The Node process's own metrics (memory, event loop delay, GC), collected from the first time a
 * process serves /metrics: a CLI or a test that only counts pays nothing for them.
 */
export function exposeProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
}

/** Seconds, from a fast request to a slow journey. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequestDuration = new Histogram({
  name: 'emporium_http_request_duration_seconds',
  help: 'HTTP requests by route template (not the path: ids would make a series each) and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: latencyBuckets,
  registers: [registry],
});

export const commandsHandled = new Counter({
  name: 'emporium_commands_total',
  help: 'Commands by type and outcome: ok, refused (a business rule said no), conflict (another writer or a stale revision), error',
  labelNames: ['type', 'outcome'] as const,
  registers: [registry],
});

export const appendDuration = new Histogram({
  name: 'emporium_append_duration_seconds',
  help: 'Appends to the event store, by outcome (ok, conflict, error)',
  labelNames: ['outcome'] as const,
  buckets: latencyBuckets,
  registers: [registry],
});

export const subscriptionEvents = new Counter({
  name: 'emporium_subscription_events_total',
  help: 'Events handed to each subscription (projections, process managers, the relay)',
  labelNames: ['subscription'] as const,
  registers: [registry],
});

export const subscriptionHandlerDuration = new Histogram({
  name: 'emporium_subscription_handler_duration_seconds',
  help: "A subscription's handling of one batch of events",
  labelNames: ['subscription'] as const,
  buckets: latencyBuckets,
  registers: [registry],
});

export const subscriptionRetries = new Counter({
  name: 'emporium_subscription_retries_total',
  help: 'Batches a subscription handled again after its handler failed',
  labelNames: ['subscription'] as const,
  registers: [registry],
});

export const eventsParked = new Counter({
  name: 'emporium_process_events_parked_total',
  help: 'Events a process manager parked (their handling kept failing, or they wait behind one that did)',
  labelNames: ['process', 'reason'] as const,
  registers: [registry],
});

export const paymentOutcomes = new Counter({
  name: 'emporium_payment_outcomes_total',
  help: 'Payment outcomes recorded from the gateway (redeliveries not counted again)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const emails = new Counter({
  name: 'emporium_emails_total',
  help: 'Emails by outcome: sent, retrying (the mail server failed for now), failed (refused for good)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const orderToEmail = new Histogram({
  name: 'emporium_order_to_email_seconds',
  help: 'From an order placed to the email about its payment sent',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [registry],
});

/** How far a subscription is, as whoever runs it reports (read at each scrape). */
export interface FollowerProgress {
  readonly subscription: string;
  /** `projection`, `process`, `relay`. */
  readonly kind: string;
  readonly state: string;
  readonly position: number | null;
  /** Positions behind the head of the log (positions may have gaps: roughly events). */
  readonly lagEvents: number;
  /** While behind, how old the last event it handled is; 0 when caught up. */
  readonly lagSeconds: number;
}

/** Who reports progress: the runners of this process add themselves while they run. */
const progressSources = new Set<() => Promise<readonly FollowerProgress[]>>();

/** Adds a source; the function returned takes it away (a teardown step). */
export function reportProgress(source: () => Promise<readonly FollowerProgress[]>): () => Promise<void> {
  progressSources.add(source);
  return async () => {
    progressSources.delete(source);
  };
}

async function allProgress(): Promise<FollowerProgress[]> {
  const reports = await Promise.all([...progressSources].map((source) => source().catch(() => [] as FollowerProgress[])));
  return reports.flat();
}

/** Scrapes read progress once, whichever of the gauges below asks first. */
let pending: Promise<FollowerProgress[]> | null = null;
function progressOnce(): Promise<FollowerProgress[]> {
  pending ??= allProgress().finally(() => setImmediate(() => (pending = null)));
  return pending;
}

const states = ['starting', 'catching-up', 'live', 'failed', 'stopped'];

/** A gauge per subscription, read from its progress at each scrape. */
function progressGauge(name: string, help: string, value: (progress: FollowerProgress) => number | null): void {
  new Gauge({
    name,
    help,
    labelNames: ['subscription', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const progress of await progressOnce()) {
        const measured = value(progress);
        if (measured !== null) this.set({ subscription: progress.subscription, kind: progress.kind }, measured);
      }
    },
  });
}

progressGauge('emporium_subscription_position', 'The last position of the log a subscription has handled', (progress) => progress.position);
progressGauge('emporium_subscription_lag_events', 'How many positions of the log a subscription is behind its head', (progress) => progress.lagEvents);
progressGauge('emporium_subscription_lag_seconds', 'While a subscription is behind, the age of the last event it handled; 0 when caught up', (progress) => progress.lagSeconds);

new Gauge({
  name: 'emporium_subscription_state',
  help: "1 for a subscription's current state (starting, catching-up, live, failed, stopped), 0 for the others",
  labelNames: ['subscription', 'kind', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const progress of await progressOnce()) for (const state of states) this.set({ subscription: progress.subscription, kind: progress.kind, state }, progress.state === state ? 1 : 0);
  },
});

/** Gauges read from the shop's own records at each scrape (orders by status, payments overdue). */
export interface ShopGauges {
  ordersByStatus(): Promise<Record<string, number>>;
  paymentsPastDeadline(): Promise<number>;
}

const shopSources = new Set<ShopGauges>();

export function reportShop(source: ShopGauges): () => Promise<void> {
  shopSources.add(source);
  return async () => {
    shopSources.delete(source);
  };
}

new Gauge({
  name: 'emporium_orders',
  help: 'Orders by status, from the order history read model',
  labelNames: ['status'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const source of shopSources) {
      for (const [status, count] of Object.entries(await source.ordersByStatus().catch(() => ({})))) this.set({ status }, count);
    }
  },
});

new Gauge({
  name: 'emporium_payments_past_deadline',
  help: 'Payments still unanswered past their deadline (the deadline sweep is behind or stopped)',
  registers: [registry],
  async collect() {
    this.reset();
    for (const source of shopSources) this.set(await source.paymentsPastDeadline().catch(() => 0));
  },
});

/** `lag` positions behind; `lastEventAt` when the last handled event was recorded. */
export function lagSecondsOf(lag: number, lastEventAt: Date | undefined, now: Date): number {
  if (lag <= 0 || !lastEventAt) return 0;
  return Math.max(0, (now.getTime() - lastEventAt.getTime()) / 1000);
}
