import { notificationHandlers } from '../../commands/handlers/notification-handlers';
import type { Config } from '../../config/config';
import { ConfigError } from '../../config/config';
import { KafkaProcessRunner } from '../../processes/kafka-process-runner';
import { mailSenderProcess } from '../../processes/mail-sender';
import { notificationsProcess } from '../../processes/notifications';
import { PostgresParkedEventStore } from '../../processes/postgres-parked-event-store';
import { ProcessRunner } from '../../processes/process-runner';
import type { Logger } from '../../shared/logger';
import { openDatabase, openEventStore, openKafka, openMail, Teardown } from '../infrastructure';
import { databaseCheck, followerCheck, serveHealth, type RunningRole } from './role';

/**
 * The notification service: hears of payments and low stock on Kafka and asks for the emails (one
 * per event, by id), then sends them, following its own notification streams in the log.
 */
export async function startNotificationService(config: Config, logger: Logger): Promise<RunningRole> {
  const kafka = openKafka(config, logger);
  if (!kafka) throw new ConfigError(['KAFKA_BROKERS is needed by the notification service: it hears of payments there']);
  const teardown = new Teardown(logger);
  try {
    const clock = () => new Date();
    const { pool } = await openDatabase(config, logger, teardown);
    const eventStore = openEventStore(config, pool, logger);
    teardown.push(() => eventStore.close());
    const { mailer, mailbox } = await openMail(config, teardown);
    const notifications = notificationHandlers(eventStore);
    const consumers = new KafkaProcessRunner(kafka, logger);
    await consumers.start([notificationsProcess({ eventStore, notifications, staffEmail: config.staffEmail, clock, logger })]);
    teardown.push(() => consumers.stop());
    const sender = new ProcessRunner(eventStore, new PostgresParkedEventStore(pool), logger);
    await sender.start([mailSenderProcess({ eventStore, mailer, notifications, from: config.mailFrom, clock, logger })]);
    teardown.push(() => sender.stop());
    const url = await serveHealth(
      [
        databaseCheck(pool),
        { name: 'consumers', check: () => Promise.resolve({ status: 'up', ready: consumers.status().every((consumer) => consumer.state === 'running'), consumers: consumers.status() }) },
        followerCheck('mail-sender', () => sender.status()),
      ],
      config,
      teardown,
    );
    return { role: 'notification-service', url, ...(mailbox ? { mailboxUrl: mailbox.smtpUrl } : {}), stop: () => teardown.run() };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}
