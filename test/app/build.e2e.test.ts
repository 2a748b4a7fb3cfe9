import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const build = () => spawnSync('npm', ['run', 'build', '--', '--verbose'], { cwd: root, encoding: 'utf8', timeout: 120_000 });

/** `npm start` runs `npm run build` first (server and web interface); it must cost next to nothing when no source changed. */
describe('the build before npm start', () => {
  it('compiles only when a source changed since the last build', () => {
    const first = build();
    expect(first.status).toBe(0);
    const second = build();
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/Project 'tsconfig\.build\.json' is up to date/);
    expect(second.stdout).not.toMatch(/Building project/);
    expect(second.stdout).toContain('web interface: up to date');
  });
});
