import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAdmin } from '../../src/admin/cli';
import { AccessTokens } from '../../src/identity/access-tokens';

/** The key the command and query APIs share (JWT_SIGNING_KEY_FILE), made once by an init container. */
describe('emporium-admin signing-key', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'emporium-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (args: string[]) => {
    let printed = '';
    const code = await runAdmin(['signing-key', ...args], (text) => (printed += text));
    return { code, printed };
  };

  it('makes a key the APIs can sign with, readable by its owner only, and keeps it on the next run', async () => {
    const file = path.join(dir, 'jwt.pem');
    expect(await run(['--out', file])).toEqual({ code: 0, printed: `made a new signing key in ${file}\n` });
    const pem = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = await AccessTokens.fromPem(pem).issue({ accountId: 'a', role: 'staff' });
    expect(token.split('.')).toHaveLength(3);
    expect(await run(['--out', file])).toEqual({ code: 0, printed: `kept the signing key already in ${file}\n` });
    expect(readFileSync(file, 'utf8')).toBe(pem);
  });

  it('refuses a file that is there but is no key, and a place it cannot write, leaving them alone', async () => {
    const notKey = path.join(dir, 'notes.txt');
    writeFileSync(notKey, 'shopping list');
    expect((await run(['--out', notKey])).code).toBe(2);
    expect(readFileSync(notKey, 'utf8')).toBe('shopping list');
    expect((await run(['--out', path.join(dir, 'missing', 'jwt.pem')])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });
});
