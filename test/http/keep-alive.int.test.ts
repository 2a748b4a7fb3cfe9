import { readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { listen } from '../../src/http/http-server';

/**
 * Behind the gateway, an idle keep-alive connection must be closed by the gateway, not by us:
 * had we closed it just as nginx sent a request on it, nginx would answer 502 (a POST is not
 * retried). That happened to a POST /api/orders in the distributed test, between two waves of orders.
 */
describe('keep-alive behind the gateway', () => {
  it('keeps idle connections open longer than the gateway keeps its own to us', async () => {
    const template = readFileSync(path.resolve(__dirname, '../../deploy/nginx/emporium.conf.template'), 'utf8');
    const gatewaySeconds = [...template.matchAll(/^\s*keepalive_timeout (\d+)s;/gm)].map((match) => Number(match[1]));
    // One per upstream: the command API and the query API.
    expect(gatewaySeconds).toHaveLength(2);
    const server = await listen(express(), 0, '127.0.0.1');
    try {
      for (const seconds of gatewaySeconds) expect(server.server.keepAliveTimeout).toBeGreaterThan(seconds * 1_000);
    } finally {
      await server.close();
    }
  });
});
