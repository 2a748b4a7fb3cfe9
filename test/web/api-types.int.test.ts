import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

const root = path.resolve(__dirname, '..', '..');
const apiTypesFile = path.join(root, 'web', 'src', 'api', 'schema.d.ts');

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp();
});
afterAll(async () => {
  await api.close();
});

/** What scripts/api-types.ts makes of a document (in its own process: openapi-typescript is ES modules, which jest cannot load). */
function typesOf(document: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emporium-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/api-types.ts', '--from', file, '--print'], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the web client's types", () => {
  it("are what openapi-typescript makes of the API's own OpenAPI document (else: npm run api:types)", async () => {
    const document = await api.request<Record<string, unknown>>('GET', '/api/openapi.json');
    const committed = readFileSync(apiTypesFile, 'utf8');
    // A failure here means the API changed under the web interface: regenerate, and let tsc show what broke.
    expect(committed === typesOf(document.body) ? 'up to date' : 'stale: run npm run api:types').toBe('up to date');
  });

  it('would notice a change: a field taken out of a product makes other types', async () => {
    const document = await api.request<{ components: { schemas: { Product: { properties: Record<string, unknown> } } } }>('GET', '/api/openapi.json');
    delete document.body.components.schemas.Product.properties.price;
    expect(typesOf(document.body)).not.toBe(readFileSync(apiTypesFile, 'utf8'));
  });
});
