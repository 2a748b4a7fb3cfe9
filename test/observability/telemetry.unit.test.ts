import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { tracingRequested } from '../../src/observability/telemetry';

const root = path.resolve(__dirname, '../..');

describe('telemetry', () => {
  it('traces only when OTEL_TRACES_EXPORTER names an exporter, and never with OTEL_SDK_DISABLED', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'zipkin' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: ' OTLP ' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'zipkin,otlp' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'zipkin', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('loads none of the OpenTelemetry SDK when tracing is off, and the SDK when it is on', () => {
    const loaded = (env: NodeJS.ProcessEnv) => {
      const script = "require('./src/observability/telemetry'); console.log(Object.keys(require.cache).filter((file) => /@opentelemetry[\\\\/](sdk-|instrumentation)/.test(file)).length)";
      const childEnv = { ...process.env, ...env };
      if (!('OTEL_TRACES_EXPORTER' in env)) delete childEnv.OTEL_TRACES_EXPORTER;
      return Number(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, env: childEnv, encoding: 'utf8' }).trim());
    };
    expect(loaded({})).toBe(0);
    expect(loaded({ OTEL_TRACES_EXPORTER: 'console' })).toBeGreaterThan(0);
  });
});
