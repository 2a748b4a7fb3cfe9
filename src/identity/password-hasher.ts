import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, encoded: string): Promise<boolean>;
}

/** scrypt parameters; the defaults are one of OWASP's recommended settings (N=2^16, r=8, p=2: 64 MiB). */
export interface ScryptParameters {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
}

export const owaspScrypt: ScryptParameters = { cost: 2 ** 16, blockSize: 8, parallelization: 2 };
const keyLength = 32;

function derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: parameters.cost,
    r: parameters.blockSize,
    p: parameters.parallelization,
    // Node refuses more than 32 MiB unless told: give it what the parameters need, with room.
    maxmem: 256 * parameters.cost * parameters.blockSize,
  };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * Memory-hard password hashing. The encoded form carries its parameters
 * (scrypt$N$r$p$salt$key), so they can be raised later without breaking existing hashes.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly parameters: ScryptParameters = owaspScrypt) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, this.parameters);
    const { cost, blockSize, parallelization } = this.parameters;
    return ['scrypt', cost, blockSize, parallelization, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const [scheme, cost, blockSize, parallelization, salt, key] = encoded.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await derive(password, Buffer.from(salt, 'base64url'), { cost: Number(cost), blockSize: Number(blockSize), parallelization: Number(parallelization) });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
