import { backoffDelay } from '../shared/delay';
import type { Logger } from '../shared/logger';
import { signatureHeader, signWebhook } from './webhook-signature';

export interface WebhookSenderOptions {
  /** Where webhooks go; read at each delivery, so it can follow an app that moves. */
  readonly url: () => string;
  readonly secret: string;
  readonly logger: Logger;
  /** Hold webhooks until a test delivers them (tests that shuffle and repeat them). */
  readonly hold?: boolean;
  /** Backoff ceiling for redelivering a webhook the app did not take (default 30 s). */
  readonly maxRedeliveryDelayMs?: number;
}

/**
 * How the sandboxes (payments, shipping) tell the app what happened, as real providers do: a signed
 * POST, sent after a delay, redelivered with backoff until the app answers 2xx, and stopped cleanly.
 */
export class WebhookSender<Event extends { readonly id: string }> {
  private readonly held: Event[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly wakers = new Set<() => void>();
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(private readonly options: WebhookSenderOptions) {}

  /** Sends the event after `afterMs` (or holds it, when holding). */
  sendLater(event: Event, afterMs: number): void {
    this.later(afterMs, () => {
      if (this.options.hold) this.held.push(event);
      else void this.deliver(event);
    });
  }

  /** Webhooks held back, in the order they were due. */
  heldWebhooks(): readonly Event[] {
    return [...this.held];
  }

  /** Delivers one webhook now (even one delivered before), signed afresh; resolves once the app took it. */
  deliver(event: Event): Promise<void> {
    const delivery = this.deliverWithRetries(event);
    this.inFlight.add(delivery);
    return delivery.finally(() => this.inFlight.delete(delivery));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of this.wakers) wake();
    this.wakers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) work();
    }, ms);
    this.timers.add(timer);
  }

  /** A wait that a stop cuts short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.wakers.delete(resolve);
        resolve();
      }, ms);
      this.timers.add(timer);
      this.wakers.add(resolve);
    });
  }

  private async deliverWithRetries(event: Event): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      const body = JSON.stringify(event);
      try {
        const response = await fetch(this.options.url(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [signatureHeader]: signWebhook(this.options.secret, body, Math.floor(Date.now() / 1000)) },
          body,
          signal: AbortSignal.any([AbortSignal.timeout(10_000), this.stopping.signal]),
        });
        await response.arrayBuffer();
        if (response.ok) return;
        this.options.logger.warn('webhook refused; will redeliver', { eventId: event.id, status: response.status, attempt });
      } catch (error) {
        this.options.logger.debug('webhook not delivered; will redeliver', { eventId: event.id, error: (error as Error).message, attempt });
      }
      await this.pause(backoffDelay(attempt, 100, this.options.maxRedeliveryDelayMs ?? 30_000));
    }
  }
}
