import { jsonLogger } from '../../src/shared/logger';
import { staffSignedIn } from '../support/principals';
import { startTestApp, type TestApp } from '../support/test-app';

describe('an unexpected failure', () => {
  const lines: string[] = [];
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ logger: jsonLogger('error', {}, (line) => lines.push(line)) });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 500 with a generic problem, and logs the cause under the same trace id', async () => {
    const { token } = await staffSignedIn(api);
    // Break the database under the app: the append function is gone.
    await api.db.pool.query('drop function emporium_append');
    const answer = await api.request('POST', '/api/categories', { body: { name: 'Tea', description: '' }, token, headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toEqual({
      type: '/problems/internal-error',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. If it persists, tell us the trace id.',
      instance: '/api/categories',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
    expect(JSON.stringify(answer.body)).not.toContain('emporium_append');
    const logged = lines.map((line) => JSON.parse(line) as { message: string; traceId?: string; error?: { message: string } });
    const failure = logged.find((entry) => entry.message === 'request failed');
    expect(failure?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(failure?.error?.message).toContain('emporium_append');
  });
});
