/*
 * npm run bench:checkout:traced — bench:checkout with tracing on: every span exported to a Zipkin
 * endpoint on loopback (a discarding collector in a process of its own, so that its requests are
 * not traced themselves). Compare its figures with bench:checkout's to see what tracing costs.
 * Tracing must start before what it instruments is loaded: the benchmark is required only after.
 */
import { spawn } from 'node:child_process';

async function discardingCollector(): Promise<{ endpoint: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', "const s=require('http').createServer((q,r)=>{q.resume();q.on('end',()=>r.writeHead(202).end())});s.listen(0,'127.0.0.1',()=>console.log(s.address().port))"], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { endpoint: `http://127.0.0.1:${port}/api/v2/spans`, stop: () => child.kill() };
}

async function main(): Promise<void> {
  const collector = await discardingCollector();
  process.on('exit', collector.stop);
  process.env.OTEL_TRACES_EXPORTER = 'zipkin';
  process.env.OTEL_EXPORTER_ZIPKIN_ENDPOINT = collector.endpoint;
  process.env.OTEL_SERVICE_NAME = 'emporium-bench';
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { stopTelemetry } = require('../src/observability/telemetry') as typeof import('../src/observability/telemetry');
  console.log('bench:checkout with tracing on (OTEL_TRACES_EXPORTER=zipkin, to a discarding collector on loopback)');
  const { finished } = require('./checkout') as typeof import('./checkout');
  /* eslint-enable @typescript-eslint/no-require-imports */
  await finished;
  // The SDK's exporter keeps the process alive: flush it, then end.
  await stopTelemetry();
  collector.stop();
  process.exit(process.exitCode ?? 0);
}

void main();
