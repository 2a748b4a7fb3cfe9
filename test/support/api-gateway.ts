import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/shared/free-port';

const template = path.resolve(__dirname, '../../deploy/nginx/emporium.conf.template');
const nginx = process.env.NGINX_BIN ?? 'nginx';

/** Why nginx cannot run here, or null when it can (Debian's nginx-light; .ci/run installs it). */
export function nginxMissing(): string | null {
  const probe = spawnSync(nginx, ['-v'], { encoding: 'utf8' });
  return probe.error ? `no nginx binary (${nginx}): ${probe.error.message}` : null;
}

export interface GatewaySettings {
  /** host:port of the command API and of the query API. */
  readonly commandApi: string;
  readonly queryApi: string;
  readonly ratePerSecond?: number;
  readonly burst?: number;
  readonly signInPerMinute?: number;
}

export interface RunningGateway {
  readonly url: string;
  stop(): Promise<void>;
}

/** The gateway's template with every ${EMPORIUM_…} replaced, as the nginx image's envsubst does it. */
export function renderGatewayConfig(values: Record<string, string>): string {
  return readFileSync(template, 'utf8').replace(/\$\{(EMPORIUM_[A-Z_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The gateway template needs ${name}`);
    return value;
  });
}

/**
 * Debian's nginx with deploy/nginx/emporium.conf.template, on a free loopback port, in a
 * directory of its own; stopped by its PID.
 */
export async function startApiGateway(settings: GatewaySettings): Promise<RunningGateway> {
  const dir = mkdtempSync(path.join(tmpdir(), 'emporium-gateway-'));
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'emporium.conf'),
    renderGatewayConfig({
      EMPORIUM_COMMAND_API: settings.commandApi,
      EMPORIUM_QUERY_API: settings.queryApi,
      EMPORIUM_GATEWAY_LISTEN: `127.0.0.1:${port}`,
      EMPORIUM_RATE_LIMIT: String(settings.ratePerSecond ?? 1000),
      EMPORIUM_RATE_BURST: String(settings.burst ?? 1000),
      EMPORIUM_SIGN_IN_RATE_LIMIT: String(settings.signInPerMinute ?? 600),
    }),
  );
  // The main file the nginx image has, reduced to what a test needs; the workers run as this
  // user (as root they would switch to nobody, who may not enter this directory).
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      ...(asRoot ? ['user root;'] : []),
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
      `  include ${dir}/emporium.conf;`,
      '}',
    ].join('\n'),
  );
  const child = spawn(nginx, ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${output}${readFileSync(`${dir}/error.log`, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
