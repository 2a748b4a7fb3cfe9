import type { Consumer, EachMessagePayload, IHeaders, Producer } from 'kafkajs';
import { fromKafkaMessage, MalformedMessage } from '../integration/cloud-events';
import { integrationEventOf } from '../integration/from-domain-events';
import { topicOf, type IntegrationEventName } from '../integration/integration-events';
import { toProcessInput } from '../integration/to-process-input';
import { deadLetterTopic, type KafkaBus } from '../messaging/kafka/kafka-bus';
import type { Logger } from '../shared/logger';
import { handleWithRetry } from './handle-with-retry';
import type { ProcessManager } from './process-runner';

export interface KafkaProcessStatus {
  readonly name: string;
  readonly state: 'starting' | 'running' | 'stopped';
  readonly handled: number;
  readonly deadLettered: number;
}

/**
 * Runs process managers on Kafka instead of the event store's subscription: each one a consumer
 * group on the topics that carry the events it reacts to, fed the same input (toProcessInput), so
 * the same code runs either way. The commands a manager causes have ids derived from the CloudEvent
 * id (the domain event's), so a message delivered again (after a crash, a rebalance, a consumer
 * joining or leaving) changes nothing.
 *
 * Offsets are committed only for messages handled (kafkajs resolves a message's offset when its
 * handler returns, and commits resolved offsets every second and on a clean stop). A message that
 * keeps failing is retried with backoff, then parked on the dead-letter topic with the error, and
 * its partition goes on; a message that is not one of our CloudEvents goes there at once.
 */
export class KafkaProcessRunner {
  private readonly consumers = new Map<string, { consumer: Consumer; status: { state: KafkaProcessStatus['state']; handled: number; deadLettered: number } }>();
  private readonly producer: Producer;
  private readonly stopping = new AbortController();

  constructor(
    private readonly bus: KafkaBus,
    private readonly logger: Logger,
    private readonly options: { partitionsConsumedConcurrently?: number; sessionTimeoutMs?: number } = {},
  ) {
    this.producer = bus.producer();
  }

  async start(managers: readonly ProcessManager[]): Promise<void> {
    await this.bus.ensureTopics();
    await this.producer.connect();
    for (const manager of managers) {
      const types = manager.filter.eventTypes;
      if (!types) throw new Error(`Process ${manager.name} names no event types: it cannot be fed from Kafka`);
      const topics = [...new Set(types.map((type) => (integrationEventOf as Record<string, IntegrationEventName | undefined>)[type]).map((name) => (name ? this.bus.topic(topicOf[name]) : null)))];
      if (topics.includes(null)) throw new Error(`Process ${manager.name} reacts to an event no integration event carries`);
      const consumer = this.bus.kafka.consumer({ groupId: this.bus.groupId(manager.name), sessionTimeout: this.options.sessionTimeoutMs ?? 30_000, heartbeatInterval: 1_000 });
      const status = { state: 'starting' as KafkaProcessStatus['state'], handled: 0, deadLettered: 0 };
      this.consumers.set(manager.name, { consumer, status });
      await consumer.connect();
      await consumer.subscribe({ topics: topics as string[], fromBeginning: true });
      await consumer.run({
        autoCommitInterval: 1_000,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
        eachMessage: (payload) => this.handle(manager, payload, status),
      });
      status.state = 'running';
      this.logger.debug('process manager consumes from Kafka', { process: manager.name, topics, groupId: this.bus.groupId(manager.name) });
    }
  }

  private async handle(manager: ProcessManager, payload: EachMessagePayload, status: { handled: number; deadLettered: number }): Promise<void> {
    const { topic, partition, message } = payload;
    let input;
    try {
      input = toProcessInput(fromKafkaMessage(message));
    } catch (error) {
      if (!(error instanceof MalformedMessage)) throw error;
      await this.deadLetter(manager, { topic, partition, message }, error.message, 0);
      status.deadLettered++;
      return;
    }
    if (!manager.filter.eventTypes?.includes(input.type)) return;
    const outcome = await handleWithRetry(manager, input, {
      logger: this.logger,
      stopping: this.stopping.signal,
      // Waiting on a retry must not cost the consumer its place in the group.
      sleep: async (ms) => {
        const until = Date.now() + ms;
        while (Date.now() < until && !this.stopping.signal.aborted) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
          await payload.heartbeat().catch(() => undefined);
        }
      },
    });
    if (outcome.handled) {
      status.handled++;
      return;
    }
    await this.deadLetter(manager, { topic, partition, message }, outcome.error, outcome.attempts);
    status.deadLettered++;
  }

  private async deadLetter(manager: ProcessManager, from: Pick<EachMessagePayload, 'topic' | 'partition' | 'message'>, error: string, attempts: number): Promise<void> {
    const { topic, partition, message } = from;
    this.logger.error('message parked on the dead-letter topic: it could not be handled; the process goes on with the rest', { process: manager.name, topic, partition, offset: message.offset, attempts, error });
    const headers: IHeaders = {
      ...message.headers,
      dead_letter_source: manager.name,
      dead_letter_topic: topic,
      dead_letter_partition: String(partition),
      dead_letter_offset: message.offset,
      dead_letter_error: error.slice(0, 2_000),
      dead_letter_attempts: String(attempts),
    };
    await this.producer.send({ topic: this.bus.topic(deadLetterTopic), acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
  }

  status(): KafkaProcessStatus[] {
    return [...this.consumers].map(([name, { status }]) => ({ name, ...status }));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.consumers.values()].map(async ({ consumer, status }) => {
      await consumer.disconnect();
      status.state = 'stopped';
    }));
    await this.producer.disconnect();
  }
}
