import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span } from '@opentelemetry/api';

/*
 * The spans Emporium makes itself: commands, appends, events handled, gateway calls, emails. The
 * trace context travels in each event's `traceparent` (and in Kafka headers), so that the spans
 * of one order, across the log and the processes that react to it, form one trace.
 *
 * Until telemetry.ts enables tracing, every helper here runs the work as it is, without touching
 * the OpenTelemetry API: tracing off costs one boolean test.
 */

let enabled = false;

export function enableTracing(): void {
  enabled = true;
}

export function tracingEnabled(): boolean {
  return enabled;
}

export { SpanKind };

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** The traceparent this work continues (an event's, a message's): its parent, instead of the active span. */
  readonly parent?: string;
  /** Other causes of the work (the rest of a batch's events), linked rather than parented. */
  readonly links?: readonly (string | undefined)[];
}

function contextOf(traceparent: string): Context {
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** Starts a span under its parent (the given traceparent, else the active span), with its links. */
function startSpan(name: string, options: SpanOptions): { span: Span; inside: Context } {
  const parent = options.parent ? contextOf(options.parent) : context.active();
  const links: Link[] = [];
  for (const traceparent of options.links ?? []) {
    if (!traceparent || traceparent === options.parent) continue;
    const linked = trace.getSpanContext(contextOf(traceparent));
    if (linked) links.push({ context: linked });
  }
  const span = trace.getTracer('emporium').startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}), links }, parent);
  return { span, inside: trace.setSpan(parent, span) };
}

function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : 'failed' });
}

/** Runs `work` in a span of its own, ended when the work settles; a failure marks it as an error. */
export async function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  const { span, inside } = startSpan(name, options);
  try {
    return await context.with(inside, work);
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** A span opened and ended by hand, for work that is not one awaited call (messages sent as a batch). */
export interface OpenSpan {
  /** The span's own traceparent, for what it sends on; absent while tracing is off. */
  readonly traceparent: string | undefined;
  end(error?: unknown): void;
}

const noSpan: OpenSpan = { traceparent: undefined, end: () => undefined };

export function openSpan(name: string, options: SpanOptions): OpenSpan {
  if (!enabled) return noSpan;
  const { span, inside } = startSpan(name, options);
  const carrier: Record<string, string> = {};
  propagation.inject(inside, carrier);
  return {
    traceparent: carrier.traceparent,
    end: (error?: unknown) => {
      if (error !== undefined) failed(span, error);
      span.end();
    },
  };
}

/**
 * The traceparent to write into what this work causes (an event's metadata, a message's
 * headers): the active span's while tracing, else the one the work was given.
 */
export function currentTraceparent(given?: string): string | undefined {
  if (!enabled) return given;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? given;
}

/** The trace and span ids of the active span, for log lines; none while tracing is off. */
export function activeSpanIds(): { trace_id: string; span_id: string } | undefined {
  if (!enabled) return undefined;
  const spanContext = trace.getSpanContext(context.active());
  return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : undefined;
}
