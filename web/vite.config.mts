import { defineConfig } from 'vite';

/*
 * The storefront and the back-office are one single-page app, served by the API's own process (or
 * the query API's, behind the gateway). Vite's own JSX transform is enough: no dev-time plugin.
 * Asset names carry their content hash, so the server can let browsers keep them for a year.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The polyfill would be an inline script, which the Content-Security-Policy forbids.
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: {
    // `npx vite web` during development: the API runs beside it (npm start).
    proxy: { '/api': process.env.EMPORIUM_API_URL ?? 'http://127.0.0.1:3000', '/dev': process.env.EMPORIUM_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
