import { owaspScrypt, ScryptPasswordHasher } from '../../src/identity/password-hasher';

describe('scrypt password hashing', () => {
  const hasher = new ScryptPasswordHasher();

  it('uses OWASP parameters by default and writes them into the hash, with a fresh salt each time', async () => {
    expect(owaspScrypt).toEqual({ cost: 65_536, blockSize: 8, parallelization: 2 });
    const [first, second] = await Promise.all([hasher.hash('correct horse battery staple'), hasher.hash('correct horse battery staple')]);
    expect(first).toMatch(/^scrypt\$65536\$8\$2\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('verifies the right password only', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify('correct horse battery staple', hash)).toBe(true);
    expect(await hasher.verify('correct horse battery stapler', hash)).toBe(false);
    expect(await hasher.verify('correct horse battery staple', 'bcrypt$nonsense')).toBe(false);
  });

  it('verifies hashes made with other parameters, so they can be raised later', async () => {
    const old = await new ScryptPasswordHasher({ cost: 2 ** 12, blockSize: 8, parallelization: 1 }).hash('an older passphrase');
    expect(await hasher.verify('an older passphrase', old)).toBe(true);
  });
});
