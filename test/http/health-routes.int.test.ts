import express from 'express';
import { healthRoutes, type HealthCheck } from '../../src/http/health-routes';
import { listen, type RunningHttpServer } from '../../src/http/http-server';

describe('health routes', () => {
  let state: { status: 'up' | 'degraded' | 'down'; ready?: boolean };
  let server: RunningHttpServer;
  const checks: HealthCheck[] = [{ name: 'follower', check: () => Promise.resolve({ ...state }) }];
  beforeAll(async () => {
    const app = express();
    app.use(healthRoutes(checks));
    server = await listen(app, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server.close();
  });
  const get = async (path: string) => {
    const answer = await fetch(`${server.url}${path}`);
    return { status: answer.status, body: (await answer.json()) as { status: string; waitingFor?: string[] } };
  };

  it('is live while it answers, ready only once nothing is down or still catching up', async () => {
    state = { status: 'up', ready: false };
    expect(await get('/health/live')).toMatchObject({ status: 200, body: { status: 'up' } });
    expect(await get('/health/ready')).toMatchObject({ status: 503, body: { status: 'not-ready', waitingFor: ['follower'] } });
    expect(await get('/health')).toMatchObject({ status: 200, body: { status: 'up' } });

    state = { status: 'degraded', ready: true };
    expect(await get('/health/ready')).toMatchObject({ status: 200, body: { status: 'ready' } });

    state = { status: 'down' };
    expect(await get('/health/ready')).toMatchObject({ status: 503, body: { waitingFor: ['follower'] } });
    expect(await get('/health')).toMatchObject({ status: 503, body: { status: 'down' } });
    expect((await get('/health/live')).status).toBe(200);
  });
});
