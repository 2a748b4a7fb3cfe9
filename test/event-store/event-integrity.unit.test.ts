import { canonicalJson, chainHash, eventDigest, findBrokenLink } from '../../src/event-store/event-integrity';

describe('event integrity', () => {
  it('writes canonical JSON: keys sorted at every depth, undefined left out, arrays kept in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ é: 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
  });

  it('gives the same digest whatever the key order, and another for other content', () => {
    const a = eventDigest({ id: '1', type: 'T', data: { x: 1, y: 2 }, metadata: { actor: { id: 'a', role: 'staff' } } });
    const b = eventDigest({ id: '1', type: 'T', data: { y: 2, x: 1 }, metadata: { actor: { role: 'staff', id: 'a' } } });
    const c = eventDigest({ id: '1', type: 'T', data: { x: 1, y: 3 }, metadata: { actor: { id: 'a', role: 'staff' } } });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('finds the first event whose link is broken, including a removed event', () => {
    const make = (revision: number, previous: Buffer | null, data: Record<string, number>) => {
      const event = { id: `e${revision}`, type: 'T', data, metadata: {}, revision };
      const hash = chainHash(previous, eventDigest(event));
      return { ...event, hash: hash.toString('hex'), previousHash: previous?.toString('hex') ?? null, raw: hash };
    };
    const e0 = make(0, null, { n: 0 });
    const e1 = make(1, e0.raw, { n: 1 });
    const e2 = make(2, e1.raw, { n: 2 });
    expect(findBrokenLink([e0, e1, e2])).toBeNull();
    expect(findBrokenLink([e0, { ...e1, data: { n: 5 } }, e2])).toBe(1);
    expect(findBrokenLink([e0, e2])).toBe(2);
  });
});
