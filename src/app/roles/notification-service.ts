import { progressOf } from '../../observability/follower-progress';
import { reportProgress } from '../../observability/metrics';
import { notificationHandlers } from '../../commands/handlers/notification-handlers';
import type { Config } from '../../config/config';
import { KafkaProcessRunner } from '../../processes/kafka-process-runner';
import { mailSenderProcess } from '../../processes/mail-sender';
import { notificationsProcess } from '../../processes/notifications';
import { PostgresParkedEventStore } from '../../processes/postgres-parked-event-store';
import { ProcessRunner } from '../../processes/process-runner';
import type { Logger } from '../../shared/logger';
import { openDatabase, openVaultedEventStore, openLeases, openMail, openSms } from '../infrastructure';
import { smsSenderProcess } from '../../processes/sms-sender';
import { consumersCheck, databaseCheck, followerCheck, leasesCheck, requiredKafka, serveHealth, startWith, underLease, type RunningRole } from './role';

/**
 * The notification service: hears of payments and low stock on Kafka and asks for the emails and
 * text messages (one per event and purpose, by id), then sends them, following its own
 * notification and SMS streams in the log.
 */
export function startNotificationService(config: Config, logger: Logger): Promise<RunningRole> {
  const kafka = requiredKafka(config, logger, 'notification-service');
  return startWith('notification-service', logger, async (teardown) => {
    const clock = () => new Date();
    const { pool } = await openDatabase(config, logger, teardown);
    const eventStore = await openVaultedEventStore(config, pool, logger);
    teardown.push(() => eventStore.close());
    const { mailer, mailbox } = await openMail(config, teardown);
    const sms = openSms(config);
    const notifications = notificationHandlers(eventStore);
    const consumers = new KafkaProcessRunner(kafka, logger);
    await consumers.start([notificationsProcess({ eventStore, notifications, staffEmail: config.staffEmail, clock, logger })]);
    teardown.push(() => consumers.stop());
    // Asking for emails is shared by every instance (Kafka groups); sending them is one instance's
    // work at a time, so that two never race to send the same email.
    const leases = openLeases(config, pool, logger, teardown);
    const sender = underLease(leases, 'mail-sender', async () => {
      const started = new ProcessRunner(eventStore, new PostgresParkedEventStore(pool), logger);
      await started.start([mailSenderProcess({ eventStore, mailer, notifications, from: config.mailFrom, clock, logger }), smsSenderProcess({ eventStore, sms, notifications, clock, logger })]);
      return started;
    });
    teardown.push(reportProgress(progressOf(eventStore, 'process', () => sender()?.status() ?? [])));
    const url = await serveHealth([databaseCheck(pool), consumersCheck(consumers), leasesCheck(leases), followerCheck('mail-sender', () => sender()?.status() ?? [])], config, teardown);
    return { url, ...(mailbox ? { mailboxUrl: mailbox.smtpUrl } : {}) };
  });
}
