#!/usr/bin/env node
'use strict';
// The image's HEALTHCHECK: does this container's server answer? Every role serves /health/live on
// PORT; the sandbox gateway serves /health on SANDBOX_PORT. Exits 0 if it answered 2xx within 3 s.
const sandbox = process.env.EMPORIUM_ROLE === 'sandbox-gateway' || process.env.SANDBOX_PORT !== undefined;
const url = sandbox ? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 4100}/health` : `http://127.0.0.1:${process.env.PORT ?? 3000}/health/live`;
fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
