import { metricsRoutes } from '../../observability/metrics-routes';
import express from 'express';
import type { Pool } from 'pg';
import type { Config } from '../../config/config';
import { healthRoutes, type HealthCheck } from '../../http/health-routes';
import { listen } from '../../http/http-server';
import { ConfigError } from '../../config/config';
import type { SubscriptionStatus } from '../../event-store/event-store';
import type { Leases } from '../../leases/leases';
import type { KafkaBus } from '../../messaging/kafka/kafka-bus';
import type { KafkaProcessRunner } from '../../processes/kafka-process-runner';
import type { Logger } from '../../shared/logger';
import { openKafka, Teardown } from '../infrastructure';

import type { RoleName } from './role-names';

export type { RoleName } from './role-names';

export interface RunningRole {
  readonly role: RoleName;
  /** Where it answers: the API, or only /health for a role that serves nothing else. */
  readonly url: string;
  readonly mailboxUrl?: string;
  readonly databaseUrl?: string;
  stop(): Promise<void>;
}

/**
 * Runs a role's start-up with a Teardown of its own: on success the role stops by running it; if
 * start-up fails half way, what was acquired is let go before the error goes on.
 */
export async function startWith(role: RoleName, logger: Logger, start: (teardown: Teardown) => Promise<Omit<RunningRole, 'role' | 'stop'>>): Promise<RunningRole> {
  const teardown = new Teardown(logger);
  try {
    return { role, ...(await start(teardown)), stop: () => teardown.run() };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

/** Kafka, which this role cannot do without (roleConfigProblems says why, before any role starts). */
export function requiredKafka(config: Config, logger: Logger, role: RoleName): KafkaBus {
  const kafka = openKafka(config, logger);
  if (!kafka) throw new ConfigError([`KAFKA_BROKERS is needed by the ${role}`]);
  return kafka;
}

/** Consumers of Kafka are ready once each has joined its group. */
export function consumersCheck(runner: KafkaProcessRunner): HealthCheck {
  return { name: 'consumers', check: () => Promise.resolve({ status: 'up', ready: runner.status().every((consumer) => consumer.state === 'running'), consumers: runner.status() }) };
}

/** For a role with nothing else to serve: /health, /health/live and /health/ready on PORT. */
export async function serveHealth(checks: readonly HealthCheck[], config: Config, teardown: Teardown): Promise<string> {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(checks));
  app.use(metricsRoutes());
  const server = await listen(app, config.port, config.host);
  teardown.push(() => server.close());
  return server.url;
}

export function databaseCheck(pool: Pool): HealthCheck {
  return {
    name: 'database',
    check: async () => {
      await pool.query('select 1');
      return { status: 'up' };
    },
  };
}

/** A follower is ready once it has caught up with the log (it may fall behind again under load; that is lag, not unreadiness). */
export function followerCheck(name: string, statuses: () => Promise<readonly SubscriptionStatus[]> | readonly SubscriptionStatus[]): HealthCheck {
  return {
    name,
    check: async () => {
      const list = await statuses();
      const failed = list.some((status) => status.state === 'failed');
      const caughtUp = list.every((status) => status.state === 'live');
      return { status: failed ? 'degraded' : 'up', ready: caughtUp && !failed, subscriptions: list };
    },
  };
}

/** Which of the single-active jobs this instance runs now, and which it stands by for (ready either way). */
export function leasesCheck(leases: Leases): HealthCheck {
  return { name: 'leases', check: () => Promise.resolve({ status: 'up', leases: leases.status() }) };
}

/**
 * Runs what `start` makes while this instance holds the lease `name`, made anew each time it takes
 * the lease; returns what runs here now, if anything (for health).
 */
export function underLease<T extends { stop(): Promise<void> }>(leases: Leases, name: string, start: () => Promise<T>): () => T | null {
  let active: T | null = null;
  leases.keep(name, async () => {
    const started = await start();
    active = started;
    return async () => {
      active = null;
      await started.stop();
    };
  });
  return () => active;
}
