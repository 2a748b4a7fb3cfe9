import { Router } from 'express';

export interface HealthCheck {
  readonly name: string;
  /**
   * Resolves with details when healthy; rejects (or reports status 'down') when not. 'degraded':
   * working, but something needs a person's attention (parked events, a failed rebuild).
   */
  check(): Promise<{ status: 'up' | 'degraded' | 'down'; [detail: string]: unknown }>;
}

/** GET /health: 503 when a check is down, else 200, "degraded" when one is; with each check's details. */
export function healthRoutes(checks: readonly HealthCheck[]): Router {
  const router = Router();
  router.get('/health', async (_request, response) => {
    const results = await Promise.all(
      checks.map(async (check) => {
        try {
          return [check.name, await check.check()] as const;
        } catch (error) {
          return [check.name, { status: 'down' as const, error: (error as Error).message }] as const;
        }
      }),
    );
    const down = results.some(([, result]) => result.status === 'down');
    const degraded = results.some(([, result]) => result.status === 'degraded');
    response.status(down ? 503 : 200).json({ status: down ? 'down' : degraded ? 'degraded' : 'up', checks: Object.fromEntries(results) });
  });
  return router;
}
