/*
 * Starts OpenTelemetry tracing when the standard variables ask for it, before anything it
 * instruments is loaded: src/main.ts imports this module first. Off by default, and then nothing
 * of the SDK is even loaded, so tracing off costs nothing.
 *
 *   OTEL_TRACES_EXPORTER=zipkin  OTEL_EXPORTER_ZIPKIN_ENDPOINT=http://zipkin:9411/api/v2/spans
 *   OTEL_TRACES_EXPORTER=otlp    OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318
 *   OTEL_SERVICE_NAME            default: emporium, or emporium-<role> for one role
 *   OTEL_SDK_DISABLED=true       off, whatever else is set
 *
 * Kafka is traced by hand (src/relay/integration-relay.ts, src/processes/handle-with-retry.ts): the
 * kafkajs instrumentation would give all the messages of a batch the trace of the batch, where each
 * message belongs to the trace of its own order.
 *
 * Metrics are Prometheus's (/metrics, prom-client) and logs go to stdout (pino), so the SDK's own
 * metric and log exporters stay off unless asked for.
 */
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { roleArgument } from '../config/role-argument';
import { enableTracing } from './tracing';

/** The exporters NodeSDK builds from OTEL_TRACES_EXPORTER that send spans somewhere. */
const exporters = new Set(['otlp', 'zipkin', 'console']);

export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const asked = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim().toLowerCase());
  return asked.some((name) => exporters.has(name));
}

let sdk: NodeSDK | undefined;

function startTelemetry(env: NodeJS.ProcessEnv, argv: readonly string[]): void {
  if (!tracingRequested(env)) return;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  const role = roleArgument(argv) ?? env.EMPORIUM_ROLE;
  env.OTEL_SERVICE_NAME ??= role && role !== 'all' ? `emporium-${role}` : 'emporium';
  // Loaded only now: required at the top, the SDK would cost its load time and memory to everyone.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { MongoDBInstrumentation } = require('@opentelemetry/instrumentation-mongodb') as typeof import('@opentelemetry/instrumentation-mongodb');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        // Health probes and scrapes would bury the spans worth reading.
        ignoreIncomingRequestHook: (request) => /^\/(health|metrics)(\/|$|\?)/.test(request.url ?? ''),
      }),
      new ExpressInstrumentation(),
      // A span per statement; never the values, which carry personal data.
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new MongoDBInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  enableTracing();
}

/** Sends the spans still buffered; called once on shutdown. */
export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

startTelemetry(process.env, process.argv.slice(2));
