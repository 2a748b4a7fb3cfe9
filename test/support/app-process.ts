import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const repositoryRoot = path.resolve(__dirname, '../..');

export interface AppProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the URL the app prints once it is running. */
  readonly url: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ctrl-C as a terminal sends it: SIGINT to the whole process group. */
  interrupt(): void;
}

/**
 * Starts `src/main.ts` as its own process, in a process group of its own, as `npm start` would run
 * it (or as one role, with `['--role', name]`). `entry: ['dist/main.js']` runs the built app instead.
 */
export function startApp(env: NodeJS.ProcessEnv, args: readonly string[] = [], options: { entry?: readonly string[] } = {}): AppProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', ...env };
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  // The test servers' address is for the suites; the app uses Kafka only when a test says so.
  if (!('KAFKA_BROKERS' in env)) delete childEnv.KAFKA_BROKERS;
  const child = spawn(process.execPath, [...(options.entry ?? ['--import', 'tsx', 'src/main.ts']), ...args], { cwd: repositoryRoot, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let onOutput = () => {};
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    onOutput();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = new Promise<string>((resolve, reject) => {
    onOutput = () => {
      const match = /"message":"(?:Emporium(?:'s [a-z-]+)? is running|sandbox payment gateway running)"(?:,"role":"[a-z-]+")?,"url":"([^"]+)"/.exec(output);
      if (match) resolve(match[1]!);
    };
    void exited.then(({ code }) => reject(new Error(`app exited with ${code} before it was running:\n${output}`)));
  });
  url.catch(() => undefined);
  return {
    child,
    output: () => output,
    url,
    exited,
    interrupt: () => process.kill(-child.pid!, 'SIGINT'),
  };
}

/** The embedded server's connection URL while it runs, from the files it keeps in the data directory. */
export function embeddedDatabaseUrl(dataDir: string): string {
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  const port = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/emporium`;
}

/** `npm run demo` against a running app (without blocking this process, which may host a test server). */
export function runDemo(base: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: repositoryRoot, env: { ...process.env, EMPORIUM_URL: base } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout }));
  });
}

/** Waits until a role answers 200 on /health/ready (its servers reachable, its followers caught up). */
export async function untilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetch(`${url}/health/ready`).catch(() => null);
    if (answer?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} not ready: ${answer ? await answer.text() : 'no answer'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
