import { nameBasedUuid, uuidPattern } from '../../src/shared/ids';

describe('name-based ids', () => {
  it('match the RFC 9562 version 5 test vector', () => {
    // RFC 9562, appendix A.4: name "www.example.com" in the DNS namespace.
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
  it('are stable for a name and differ between names', () => {
    expect(nameBasedUuid('key-1:order-9:0')).toBe(nameBasedUuid('key-1:order-9:0'));
    expect(nameBasedUuid('key-1:order-9:0')).not.toBe(nameBasedUuid('key-1:order-9:1'));
    expect(nameBasedUuid('anything')).toMatch(uuidPattern);
  });
});
