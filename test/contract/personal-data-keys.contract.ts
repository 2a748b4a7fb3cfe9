import { randomBytes, randomUUID } from 'node:crypto';
import type { PersonalDataKeys } from '../../src/privacy/personal-data-keys';

/** The personal-data keys port's contract: every adapter passes it unchanged. */
export function personalDataKeysContract(adapter: string, create: () => Promise<PersonalDataKeys>): void {
  describe(`PersonalDataKeys contract: ${adapter}`, () => {
    let keys: PersonalDataKeys;
    beforeEach(async () => {
      keys = await create();
    });

    it('stores the first key offered and gives it back, not a later one', async () => {
      const subject = randomUUID();
      const first = randomBytes(60);
      expect(await keys.ensure(subject, first)).toEqual(first);
      expect(await keys.ensure(subject, randomBytes(60))).toEqual(first);
      expect(await keys.find([subject])).toEqual(new Map([[subject, first]]));
    });

    it('gives every one of many callers at once the same key', async () => {
      const subject = randomUUID();
      const got = await Promise.all(Array.from({ length: 12 }, () => keys.ensure(subject, randomBytes(60))));
      expect(new Set(got.map((key) => (key as Buffer).toString('hex'))).size).toBe(1);
    });

    it('finds only the subjects that have a key or a tombstone', async () => {
      const [kept, erased, unknown] = [randomUUID(), randomUUID(), randomUUID()];
      const key = randomBytes(60);
      await keys.ensure(kept, key);
      await keys.ensure(erased, randomBytes(60));
      await keys.erase(erased, new Date());
      expect(await keys.find([kept, erased, unknown, kept])).toEqual(new Map<string, Buffer | 'erased'>([[kept, key], [erased, 'erased']]));
      expect(await keys.find([])).toEqual(new Map());
    });

    it('never gives an erased subject a key again, and erasing twice or without a key is fine', async () => {
      const [subject, keyless] = [randomUUID(), randomUUID()];
      await keys.ensure(subject, randomBytes(60));
      await keys.erase(subject, new Date());
      await keys.erase(subject, new Date());
      expect(await keys.ensure(subject, randomBytes(60))).toBe('erased');
      await keys.erase(keyless, new Date());
      expect(await keys.ensure(keyless, randomBytes(60))).toBe('erased');
    });
  });
}
