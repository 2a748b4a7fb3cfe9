import { inventoryHandlers } from '../../commands/handlers/inventory-handlers';
import { orderHandlers } from '../../commands/handlers/order-handlers';
import { paymentHandlers } from '../../commands/handlers/payment-handlers';
import type { Config } from '../../config/config';
import { PostgresSnapshotStore } from '../../event-store/postgres/postgres-snapshot-store';
import { fulfilmentProcess } from '../../processes/fulfilment';
import { KafkaProcessRunner } from '../../processes/kafka-process-runner';
import { PaymentDeadlines } from '../../processes/payment-deadlines';
import { ProcessRunner } from '../../processes/process-runner';
import { PostgresParkedEventStore } from '../../processes/postgres-parked-event-store';
import { ScheduledPrices } from '../../processes/scheduled-prices';
import { catalogHandlers } from '../../commands/handlers/catalog-handlers';
import type { Logger } from '../../shared/logger';
import { openDatabase, openVaultedEventStore, openGateway, webhookSecretOf } from '../infrastructure';
import { consumersCheck, databaseCheck, requiredKafka, serveHealth, startWith, type RunningRole } from './role';

/**
 * The order service: the fulfilment saga (reserve stock, ask the gateway for payment, then commit
 * or release and mark the order), fed by Kafka; the sweeper of payment deadlines; and the timers
 * of scheduled prices, which follow the product streams (they are no integration event).
 */
export function startOrderService(config: Config, logger: Logger): Promise<RunningRole> {
  const kafka = requiredKafka(config, logger, 'order-service');
  return startWith('order-service', logger, async (teardown) => {
    const clock = () => new Date();
    const { pool } = await openDatabase(config, logger, teardown);
    const eventStore = await openVaultedEventStore(config, pool, logger);
    teardown.push(() => eventStore.close());
    // The sandbox, when no gateway is configured, sends its webhooks to the command API (PUBLIC_URL).
    const gateway = openGateway(config, await webhookSecretOf(config), () => config.publicUrl, logger, teardown);
    const payments = paymentHandlers(eventStore);
    const deadlines = new PaymentDeadlines(pool, eventStore, payments, clock, logger);
    const runner = new KafkaProcessRunner(kafka, logger);
    await runner.start([
      fulfilmentProcess({
        eventStore,
        orders: orderHandlers(eventStore),
        inventory: inventoryHandlers(eventStore, new PostgresSnapshotStore(pool)),
        payments,
        gateway,
        deadlines,
        paymentDeadlineMs: config.paymentDeadlineSeconds * 1000,
        clock,
        logger,
      }),
    ]);
    teardown.push(() => runner.stop());
    deadlines.start(1_000);
    teardown.push(() => deadlines.stop());
    const scheduledPrices = new ScheduledPrices(pool, catalogHandlers(eventStore), clock, logger);
    const timers = new ProcessRunner(eventStore, new PostgresParkedEventStore(pool), logger);
    await timers.start([scheduledPrices.timers()]);
    teardown.push(() => timers.stop());
    scheduledPrices.start(1_000);
    teardown.push(() => scheduledPrices.stop());
    return { url: await serveHealth([databaseCheck(pool), consumersCheck(runner)], config, teardown) };
  });
}
