import express from 'express';
import type { Pool } from 'pg';
import type { Config } from '../../config/config';
import { healthRoutes, type HealthCheck } from '../../http/health-routes';
import { listen } from '../../http/http-server';
import type { SubscriptionStatus } from '../../event-store/event-store';
import type { Teardown } from '../infrastructure';

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

/** For a role with nothing else to serve: /health, /health/live and /health/ready on PORT. */
export async function serveHealth(checks: readonly HealthCheck[], config: Config, teardown: Teardown): Promise<string> {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(checks));
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
