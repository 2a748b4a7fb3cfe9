import { AnswerCache } from '../../src/read-api/answer-cache';

describe('AnswerCache', () => {
  it('answers again from memory at the same version, anew at another, and never keeps what has no version', async () => {
    const cache = new AnswerCache();
    let reads = 0;
    const read = async () => ({ read: ++reads });
    expect(await cache.get('/a', 1, read)).toBe('{"read":1}');
    expect(await cache.get('/a', 1, read)).toBe('{"read":1}');
    expect(await cache.get('/a', 2, read)).toBe('{"read":2}');
    expect(await cache.get('/a', undefined, read)).toBe('{"read":3}');
    expect(await cache.get('/a', undefined, read)).toBe('{"read":4}');
  });

  it('lets the answer used least recently go first', async () => {
    const cache = new AnswerCache(2);
    let reads = 0;
    const read = async () => ++reads;
    await cache.get('/a', 1, read);
    await cache.get('/b', 1, read);
    await cache.get('/c', 1, read);
    expect(await cache.get('/b', 1, read)).toBe('2');
    expect(await cache.get('/a', 1, read)).toBe('4');
  });

  it('keeps an answer that holds until a moment until that moment only', async () => {
    const cache = new AnswerCache();
    let reads = 0;
    const read = async () => ({ read: ++reads, priceValidUntil: '2026-12-01T12:00:00.000Z' });
    const until = (value: { priceValidUntil: string }) => new Date(value.priceValidUntil);
    expect(await cache.get('/p', 1, read, { now: new Date('2026-12-01T11:00:00.000Z'), until })).toContain('"read":1');
    expect(await cache.get('/p', 1, read, { now: new Date('2026-12-01T11:59:59.999Z'), until })).toContain('"read":1');
    expect(await cache.get('/p', 1, read, { now: new Date('2026-12-01T12:00:00.000Z'), until })).toContain('"read":2');
    // Asked without the moment, an answer kept with one is not trusted.
    expect(await cache.get('/p', 1, read)).toContain('"read":3');
  });
});

