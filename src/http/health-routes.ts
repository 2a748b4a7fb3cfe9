import { Router } from 'express';

export interface HealthCheck {
  readonly name: string;
  /**
   * Resolves with details when healthy; rejects (or reports status 'down') when not. 'degraded':
   * working, but something needs a person's attention (parked events, a failed rebuild).
   */
  check(): Promise<{ status: 'up' | 'degraded' | 'down'; ready?: boolean; [detail: string]: unknown }>;
}

/**
 * GET /health: 503 when a check is down, else 200, "degraded" when one is; with each check's details.
 * GET /health/live: 200 while the process answers at all (an orchestrator restarts it otherwise).
 * GET /health/ready: 200 when it can do its work: nothing down, and no check saying it is not ready
 * yet (a follower still catching up), so a load balancer sends it nothing meanwhile.
 */
export function healthRoutes(checks: readonly HealthCheck[]): Router {
  const router = Router();
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'up' });
  });
  router.get('/health/ready', async (_request, response) => {
    const results = await runChecks(checks);
    const notReady = results.filter(([, result]) => result.status === 'down' || result.ready === false).map(([name]) => name);
    response.status(notReady.length > 0 ? 503 : 200).json({ status: notReady.length > 0 ? 'not-ready' : 'ready', ...(notReady.length > 0 ? { waitingFor: notReady } : {}), checks: Object.fromEntries(results) });
  });
  router.get('/health', async (_request, response) => {
    const results = await runChecks(checks);
    const down = results.some(([, result]) => result.status === 'down');
    const degraded = results.some(([, result]) => result.status === 'degraded');
    response.status(down ? 503 : 200).json({ status: down ? 'down' : degraded ? 'degraded' : 'up', checks: Object.fromEntries(results) });
  });
  return router;
}

async function runChecks(checks: readonly HealthCheck[]) {
  return Promise.all(
    checks.map(async (check) => {
      try {
        return [check.name, await check.check()] as const;
      } catch (error) {
        return [check.name, { status: 'down' as const, ready: false, error: (error as Error).message }] as const;
      }
    }),
  );
}
