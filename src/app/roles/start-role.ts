import { ConfigError, type Config } from '../../config/config';
import type { Logger } from '../../shared/logger';
import { startEmporium } from '../composition-root';
import { startApi } from './api';
import { startNotificationService } from './notification-service';
import { startOrderService } from './order-service';
import { startProjector } from './projector';
import { startRelay } from './relay';
import type { RoleName, RunningRole } from './role';

/**
 * Starts this process as one role. `all` is the whole shop in one process (npm start); the others
 * are the distributed profile's services, each sharing PostgreSQL (idempotency keys, sessions,
 * timers, reports, subscription progress), and so needing DATABASE_URL rather than an embedded one.
 */
export async function startRole(role: Exclude<RoleName, 'sandbox-gateway'>, config: Config, logger: Logger): Promise<RunningRole> {
  if (role === 'all') {
    const running = await startEmporium(config, logger);
    return { role, url: running.url, databaseUrl: running.databaseUrl, ...(running.mailboxUrl ? { mailboxUrl: running.mailboxUrl } : {}), stop: () => running.stop() };
  }
  const problems = roleConfigProblems(role, config);
  if (problems.length > 0) throw new ConfigError(problems);
  switch (role) {
    case 'command-api':
    case 'query-api':
      return startApi(role, config, logger);
    case 'projector':
      return startProjector(config, logger);
    case 'order-service':
      return startOrderService(config, logger);
    case 'notification-service':
      return startNotificationService(config, logger);
    case 'relay':
      return startRelay(config, logger);
  }
}

/** What a role of the distributed profile needs beyond what the configuration itself checks. */
export function roleConfigProblems(role: Exclude<RoleName, 'all' | 'sandbox-gateway'>, config: Config): string[] {
  const problems: string[] = [];
  if (!config.databaseUrl) problems.push(`DATABASE_URL is needed by the ${role}: the roles share one PostgreSQL`);
  if ((role === 'command-api' || role === 'query-api') && !config.jwtSigningKeyFile) problems.push(`JWT_SIGNING_KEY_FILE is needed by the ${role}: the command and query APIs must check the same tokens`);
  if ((role === 'command-api' || role === 'order-service') && !config.paymentWebhookSecret) problems.push(`PAYMENT_WEBHOOK_SECRET is needed by the ${role}: the gateway signs webhooks with it`);
  // Every command API instance must believe the carrier's webhooks, whichever instance bought the label.
  if (role === 'command-api' && !config.shippingWebhookSecret) problems.push('SHIPPING_WEBHOOK_SECRET is needed by the command-api: the carrier signs tracking webhooks with it');
  // The relay alone reads no personal data: the integration events carry none.
  if (role !== 'relay' && !config.masterKey) problems.push(`EMPORIUM_MASTER_KEY is needed by the ${role}: every role that reads personal data must open it with the same key`);
  const throughKafka: Partial<Record<RoleName, string>> = { relay: 'the brokers to publish to', 'order-service': 'it hears of orders and payments there', 'notification-service': 'it hears of payments there' };
  if (throughKafka[role] && !config.kafka) problems.push(`KAFKA_BROKERS is needed by the ${role}: ${throughKafka[role]}`);
  return problems;
}
