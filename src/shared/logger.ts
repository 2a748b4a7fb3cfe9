import pino, { type Logger as Pino } from 'pino';
import { activeSpanIds } from '../observability/tracing';
import { workTraceId } from './work-context';

/** The few log calls the app makes; one JSON line per entry so logs can be shipped as they are. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Fields never written as they are: secrets, and the personal data of customers (GDPR). Matched
 * at the top of a line's fields and two levels down (`{ customer: { email } }`, `{ request:
 * { headers: { authorization } } }`).
 */
export const redactedFields = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'paymentToken',
  'authorization',
  'cookie',
  'secret',
  'apiKey',
  'email',
  'to',
  'firstName',
  'lastName',
  'phone',
  'shippingAddress',
  'address',
];
const redactPaths = redactedFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/**
 * Structured JSON lines through pino: `time`, `level`, the trace and span ids of the work under way
 * (`trace_id`, `span_id` while tracing; the request's or event's `trace_id` otherwise), then
 * `message` and the fields. `write` takes the lines elsewhere (tests).
 */
export function jsonLogger(level: LogLevel, base: Record<string, unknown> = {}, write?: (line: string) => void): Logger {
  const destination = write ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) } : pino.destination({ dest: 1, sync: true });
  const root = pino(
    {
      level,
      base,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
      redact: { paths: redactPaths, censor: '[redacted]' },
      mixin: () => {
        const ids = activeSpanIds();
        if (ids) return ids;
        const traceId = workTraceId();
        return traceId ? { trace_id: traceId } : {};
      },
    },
    destination,
  );
  return wrap(root);
}

function wrap(logger: Pino): Logger {
  // The message goes first among the fields, so that a line reads (and greps) in that order.
  const at = (method: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    if (logger.isLevelEnabled(method)) logger[method]({ message, ...fields });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (fields) => wrap(logger.child(fields)) };
}

export const silentLogger: Logger = jsonLogger('silent');
