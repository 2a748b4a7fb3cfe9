/**
 * Whether an error says "try again later" (a server down or restarting, a connection lost, a
 * conflict that clears) rather than "this cannot be done". Process managers retry transient errors
 * for as long as it takes, since an outage must delay work and never lose it, and park an event
 * whose handling keeps failing for any other reason, since retrying a bug does not fix it.
 */
export function isTransient(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 10; current = (current as { cause?: unknown }).cause, depth++) {
    if (typeof current !== 'object') return false;
    const { transient, code, message } = current as { transient?: unknown; code?: unknown; message?: unknown };
    if (transient === true) return true;
    if (typeof code === 'string' && (networkCodes.has(code) || isTransientSqlState(code))) return true;
    if (typeof message === 'string' && transientMessages.some((pattern) => pattern.test(message))) return true;
    if (current instanceof AggregateError && current.errors.some(isTransient)) return true;
  }
  return false;
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ABORT_ERR']);

/** PostgreSQL SQLSTATEs: connection (08), insufficient resources (53), operator intervention (57P), serialisation and deadlock, lock not available. */
function isTransientSqlState(code: string): boolean {
  return /^(08|53)[0-9A-Z]{3}$/.test(code) || /^57P0[1-4]$/.test(code) || code === '40001' || code === '40P01' || code === '55P03';
}

/** node-postgres reports a lost connection in words only. */
const transientMessages = [/^Connection terminated/, /timeout exceeded when trying to connect/, /^Client has encountered a connection error/];

/** Marks an error as transient where it is made (a mail server or gateway that did not answer). */
export class TransientError extends Error {
  readonly transient = true;
}
