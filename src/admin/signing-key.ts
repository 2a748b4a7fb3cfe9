import { readFile, writeFile } from 'node:fs/promises';
import { AuditUsageError } from '../audit/connection';
import { AccessTokens } from '../identity/access-tokens';

/**
 * Writes a new token signing key to `file` unless one is there: true when it made one. Never
 * replaces a key, since that would sign every customer out.
 */
export async function writeSigningKey(file: string): Promise<boolean> {
  try {
    await writeFile(file, AccessTokens.newKeyPem(), { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new AuditUsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
  // What is there must be a key the roles can use, not some other file.
  try {
    AccessTokens.fromPem(await readFile(file, 'utf8'));
  } catch {
    throw new AuditUsageError(`${file} is there but holds no private key; move it away or name another file`);
  }
  return false;
}
