import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const skipped = new Set(['node_modules', 'dist', '.git', '.test-servers', '.emporium', 'coverage']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

const files = markdownFiles(root);
const relative = (file: string) => path.relative(root, file);

/** The documents must not send a reader to something that is not in the repository. */
describe('the documentation', () => {
  it('has the architecture brief in the repository', () => {
    expect(files.map(relative)).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md']));
  });

  it.each(files.map((file) => [relative(file), file]))('%s: every relative link resolves inside the repository', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
    const broken = targets.filter((target) => {
      const resolved = path.resolve(path.dirname(file), decodeURIComponent(target.split('#')[0]!));
      return !resolved.startsWith(root + path.sep) || !existsSync(resolved);
    });
    expect(broken).toEqual([]);
  });

  it.each(files.map((file) => [relative(file), file]))('%s: every file path it names exists', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    // Paths written as code, e.g. `test/journey/journey.e2e.test.ts`; patterns (<x>, *, …) are not paths.
    const named = [...text.matchAll(/`((?:src|test|scripts|bench|docs|deploy|\.ci)\/[^`\s]+)`/g)].map((match) => match[1]!).filter((name) => !/[<>*…{}]/.test(name));
    expect(named.filter((name) => !existsSync(path.join(root, name.replace(/:\d+$/, ''))))).toEqual([]);
  });
});
