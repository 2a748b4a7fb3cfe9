import { Router } from 'express';

export interface HealthCheck {
  readonly name: string;
  /** Resolves with details when healthy; rejects (or reports status 'down') when not. */
  check(): Promise<{ status: 'up' | 'down'; [detail: string]: unknown }>;
}

/** GET /health: 200 when every check is up, 503 otherwise, with each check's details. */
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
    const up = results.every(([, result]) => result.status === 'up');
    response.status(up ? 200 : 503).json({ status: up ? 'up' : 'down', checks: Object.fromEntries(results) });
  });
  return router;
}
