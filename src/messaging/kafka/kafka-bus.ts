import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';
import { integrationTopics, type IntegrationTopic } from '../../integration/integration-events';
import type { Logger } from '../../shared/logger';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Put before every topic and consumer group name, so that several shops can share a cluster. */
  readonly topicPrefix: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
}

/** Where messages that could not be handled go, with the reason, for a person to look at. */
export const deadLetterTopic = 'dead-letter' as const;

/** Our connection to Kafka: named topics, and a producer that writes each message once. */
export class KafkaBus {
  readonly kafka: Kafka;

  constructor(
    readonly settings: KafkaSettings,
    private readonly logger: Logger,
  ) {
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: [...settings.brokers],
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
      retry: { retries: 8 },
    });
  }

  topic(name: IntegrationTopic | typeof deadLetterTopic): string {
    return `${this.settings.topicPrefix}${name}`;
  }

  groupId(process: string): string {
    return `${this.settings.topicPrefix}${process}`;
  }

  private topicsEnsured: Promise<void> | null = null;

  /**
   * Creates the topics that are missing, with the configured partitions; those there are left as
   * they are. Once per process: the relay and the consumers of one process share the answer.
   */
  ensureTopics(): Promise<void> {
    this.topicsEnsured ??= this.createMissingTopics().catch((error: unknown) => {
      this.topicsEnsured = null;
      throw error;
    });
    return this.topicsEnsured;
  }

  private async createMissingTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...integrationTopics, deadLetterTopic].map((name) => this.topic(name)).filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: this.settings.partitions, replicationFactor: this.settings.replicationFactor ?? -1 })) });
        this.logger.info('created Kafka topics', { topics: missing, partitions: this.settings.partitions });
      }
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * The idempotent producer: the broker drops a retried send it already has, and with one request
   * in flight, messages of a partition stay in the order sent. acks -1 (all in-sync replicas) is
   * given on every send.
   */
  producer(): Producer {
    return this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  }

  private log({ level, log }: LogEntry): void {
    const { message, ...fields } = log;
    if (level === logLevel.ERROR) this.logger.error(`kafka: ${message}`, fields);
    else if (level === logLevel.WARN) this.logger.warn(`kafka: ${message}`, fields);
    else this.logger.debug(`kafka: ${message}`, fields);
  }
}
