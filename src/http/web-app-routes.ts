import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** Where `npm run build` puts the web interface, from src/http (tests) or dist/http (the app) alike. */
export const builtWebDir = path.resolve(__dirname, '..', '..', 'dist', 'web');

/**
 * What a page of ours may load and where it may talk: only its own origin, no inline script, no
 * framing. A script injected into a product description would find nothing to run with.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The pages of the single-page app (storefront and back-office); anything else stays the API's 404. */
const pagePaths = /^\/(?:$|products(?:\/[^/]+)?$|cart$|checkout$|orders(?:\/[^/]+)?$|account$|sign-in$|sign-up$|admin(?:\/.*)?$)/;

/**
 * The storefront at / and the back-office at /admin, as built by Vite. Assets carry their content
 * hash in their name, so browsers may keep them a year; the page itself is always revalidated, so a
 * new release is picked up on the next load. Null when the interface has not been built.
 */
export function webAppRoutes(dir: string = builtWebDir): Router | null {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) return null;
  const index = readFileSync(indexFile);
  const router = Router();
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      setHeaders: (response) => response.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );
  router.get(['/favicon.svg'], express.static(dir, { maxAge: '1d', index: false }));
  router.get(pagePaths, (_request, response) => {
    response.setHeader('Content-Security-Policy', contentSecurityPolicy);
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.type('html').send(index);
  });
  return router;
}
