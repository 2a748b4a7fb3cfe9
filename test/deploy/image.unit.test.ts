import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from '@balena/dockerignore';

/**
 * The image cannot be built here (no Docker engine; scripts/smoke-image.sh runs its last stage
 * instead), so what its build reads is checked: .dockerignore keeps tests, data and secrets out of
 * the build context, and lets in everything the Dockerfile copies from it.
 */
const root = path.resolve(__dirname, '../..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
// Docker's own matching rules (Go's filepath.Match, **, exceptions with !), as @balena/dockerignore ports them.
const dockerignore = ignore().add(readFileSync(path.join(root, '.dockerignore'), 'utf8'));
const isIgnored = (file: string) => dockerignore.ignores(file);

describe('the image build', () => {
  it('leaves tests, benchmarks, local data, keys, git and the installed and built trees out of the build context', () => {
    for (const file of ['test/journey/journey.e2e.test.ts', 'bench/checkout.ts', '.emporium/postgres/PG_VERSION', '.test-servers/servers.env', '.git/HEAD', 'node_modules/pg/package.json', 'dist/main.js', 'jwt-signing-key.pem', '.env', 'deploy/helm/emporium/values.yaml']) {
      expect({ file, ignored: isIgnored(file) }).toEqual({ file, ignored: true });
    }
  });

  it('lets in everything the Dockerfile copies from the context', () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((match) => match[1]!.trim().split(/\s+/).slice(0, -1));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'web', 'bin']));
    for (const source of copied) expect({ source, ignored: isIgnored(source) }).toEqual({ source, ignored: false });
  });

  it('runs as a numbered account that is not root, with a HEALTHCHECK, from a base that can be pinned', () => {
    const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(lastStage).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(lastStage).toMatch(/^HEALTHCHECK .*CMD \["node", "bin\/healthcheck\.js"\]$/m);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM \$\{NODE_IMAGE\}/gm)).toHaveLength(2);
  });
});
