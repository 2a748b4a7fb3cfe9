import { ConcurrencyRetriesExhaustedError } from '../../src/commands/command-handler';
import { isTransient, TransientError } from '../../src/shared/transient-errors';

describe('transient errors', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a lost connection, as the cause of another error', new TypeError('fetch failed', { cause: withCode('ECONNRESET') })],
    ['PostgreSQL shutting down', withCode('57P01')],
    ['PostgreSQL out of connections', withCode('53300')],
    ['a serialisation failure', withCode('40001')],
    ['node-postgres losing its connection', new Error('Connection terminated unexpectedly')],
    ['an error marked transient', new TransientError('the mail server did not answer')],
    ['a stream that kept changing', new ConcurrencyRetriesExhaustedError('order-1', 12)],
  ])('retries %s', (_name, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['a missing field', new TypeError('OrderPlaced 1 has no text field orderId')],
    ['a constraint violation', withCode('23505')],
    ['an invalid text representation', withCode('22P02')],
    ['a thrown string', 'oops'],
  ])('parks %s', (_name, error) => {
    expect(isTransient(error)).toBe(false);
  });
});
