/*
 * The web client's types, made from the API's own OpenAPI document, so the UI and the API cannot
 * drift: `npm run api:types` writes web/src/api/schema.d.ts from the built app's /api/openapi.json,
 * and test/web/api-types.int.test.ts fails when the committed file is not what the document makes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

export const apiTypesFile = path.join(__dirname, '..', 'web', 'src', 'api', 'schema.d.ts');

export async function apiTypes(document: Record<string, unknown>): Promise<string> {
  const nodes = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  return `// Made by \`npm run api:types\` from /api/openapi.json. Do not edit: change the API instead.\n\n${astToString(nodes)}`;
}

/** Starts the built app on a fresh data directory, reads its document, and stops it. */
async function documentOfBuiltApp(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-api-types-'));
  const app = spawn(process.execPath, ['dist/main.js'], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, PORT: '0', EMPORIUM_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      app.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /"message":"Emporium is running","url":"([^"]+)"/.exec(output);
        if (found?.[1]) resolve(found[1]);
      });
      app.on('exit', (code) => reject(new Error(`the app exited (${code}) before it was running`)));
    });
    const answer = await fetch(`${url}/api/openapi.json`);
    return (await answer.json()) as Record<string, unknown>;
  } finally {
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGINT');
    await exited;
    // A private data directory keeps its embedded cluster elsewhere, behind a link: both go.
    const cluster = (() => {
      try {
        return readlinkSync(path.join(dataDir, 'postgres'));
      } catch {
        return null;
      }
    })();
    if (cluster) rmSync(path.dirname(cluster), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `--from FILE --print`: the types of a document in a file, on stdout (the test's way in: jest cannot load openapi-typescript's ES modules). */
function documentInFile(file: string): Promise<Record<string, unknown>> {
  return Promise.resolve(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
}

if (require.main === module) {
  const from = process.argv.indexOf('--from');
  const print = from > 0 && process.argv.includes('--print');
  (print ? documentInFile(process.argv[from + 1]!) : documentOfBuiltApp())
    .then(apiTypes)
    .then((source) => {
      if (print) return void process.stdout.write(source);
      writeFileSync(apiTypesFile, source);
      console.log(`wrote ${path.relative(process.cwd(), apiTypesFile)}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
