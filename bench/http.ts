/*
 * bench:http — the whole HTTP stack (Express, authentication, validation, idempotency, the command
 * handler and the event store; or the query API and the read model), against an Express
 * hello-world route served by the same process in the same run, loaded by autocannon.
 * Targets (issue 18): POST /api/orders >= 0.25 and GET /api/products >= 0.5 of hello-world.
 * POST /api/orders is judged on the command API role alone; the embedded profile's one process,
 * where the projections follow the orders on the same thread, is printed beside it.
 * Each judged route is measured in BENCH_ROUNDS rounds (default 3), each round right after a
 * hello-world phase of its own, and judged by the median of the rounds' ratios: the machine is shared,
 * and a baseline measured minutes apart from what it judges moved by half within one run.
 * BENCH_SECONDS (default 10) per route in all, split among the rounds; BENCH_CONNECTIONS (default 16);
 * BENCH_CPU_PROFILE=prefix profiles the first round of each judged route into
 * prefix-products.cpuprofile and prefix-orders.cpuprofile and prints where their CPU time went.
 */
import autocannon from 'autocannon';
import express from 'express';
import { createEmporiumApp } from '../src/app/composition-root';
import { listen } from '../src/http/http-server';
import { AccessTokens } from '../src/identity/access-tokens';
import { ScryptPasswordHasher } from '../src/identity/password-hasher';
import { silentLogger } from '../src/shared/logger';
import { benchServer, benchVault } from './bench-database';
import { prepare } from './bench-shop';
import { startCpuProfile } from './cpu-profile';
import { median } from './median';
import { cpuPer, cpuTimes } from './process-cpu';
import { countStatements, perOrder, topPerOrder } from './statement-counter';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** The benchmark server's cluster, whose processes' CPU each phase reports; set once the server is up. */
let clusterDir: string | undefined;

/** Requests per second over the phase, after a second of warm-up. */
async function rate(name: string, options: Omit<autocannon.Options, 'duration' | 'connections'>, duration: number, profileAs?: string, counter?: ReturnType<typeof countStatements>): Promise<number> {
  await autocannon({ ...options, connections, duration: 1 });
  const statementsBefore = counter?.snapshot();
  const profileFile = profileAs && process.env.BENCH_CPU_PROFILE ? `${process.env.BENCH_CPU_PROFILE}-${profileAs}.cpuprofile` : undefined;
  const profiler = profileFile ? await startCpuProfile() : undefined;
  const cpuBefore = cpuTimes(clusterDir);
  const result = await autocannon({ ...options, connections, duration });
  const cpu = cpuPer('request', cpuBefore, cpuTimes(clusterDir), result.requests.total, 'server and load generator');
  if (profiler) {
    const where = await profiler.stop(profileFile!);
    console.log(`  CPU profile (load generator included) in ${profileFile}; self time by place:\n${where.byPlace.map((line) => `    ${line}`).join('\n')}\n  by function:\n${where.byFunction.map((line) => `    ${line}`).join('\n')}`);
  }
  const failed = result.non2xx + result.errors + result.timeouts;
  // Counted over the phase: the mean of per-second samples is off when a phase lasts a few seconds.
  const perSecond = result.requests.total / result.duration;
  console.log(`${name}: ${perSecond.toFixed(0)} requests/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${failed ? `, ${failed} not 2xx` : ''}\n  ${cpu}`);
  if (counter && statementsBefore) {
    const after = counter.snapshot();
    console.log(`  ${perOrder(statementsBefore, after, result.requests.total).replaceAll('per order', 'per request')}:\n${topPerOrder(statementsBefore, after, result.requests.total, 8).map((line) => `  ${line}`).join('\n')}`);
  }
  if (failed > result.requests.total / 100) throw new Error(`${name}: ${failed} of ${result.requests.total} requests failed`);
  return perSecond;
}

async function main(): Promise<void> {
  const server = await benchServer();
  clusterDir = server.clusterDir;
  const db = await server.database(20);
  const accessTokens = AccessTokens.withNewKey();
  const passwords = new ScryptPasswordHasher({ cost: 2 ** 12, blockSize: 8, parallelization: 1 });
  const appOptions = { accessTokens, passwords, vault: benchVault(db.pool), webhook: { secret: 'whsec_bench_0123456789abcdef', toleranceSeconds: 300 } };
  const app = await createEmporiumApp(db.pool, silentLogger, appOptions);
  const http = await listen(app.http, 0, '127.0.0.1');
  const hello = express();
  hello.get('/hello', (_request, response) => {
    response.json({ hello: 'world' });
  });
  const helloHttp = await listen(hello, 0, '127.0.0.1');
  try {
    console.log(`bench:http, PostgreSQL ${server.version}, ${connections} connections, ${seconds} s per route in ${rounds} rounds, each beside a hello-world phase as long, one process`);
    const shop = await prepare(app, http.url, accessTokens, 1);
    const order = JSON.stringify({ lines: [{ productCode: shop.codes[0], quantity: 1 }], paymentMethod: 'card' });

    const hello = { url: `${helloHttp.url}/hello` };
    /**
     * The route against hello-world, round by round (hello-world first, then the route), and the
     * median of the rounds' ratios: each ratio is of two phases measured one right after the other.
     */
    const judged = async (name: string, options: Omit<autocannon.Options, 'duration' | 'connections'>, profileAs: string, counter?: ReturnType<typeof countStatements>) => {
      const ratios: number[] = [];
      for (let round = 1; round <= rounds; round++) {
        const baseline = await rate(`Express hello-world GET /hello (round ${round} of ${rounds})`, hello, seconds / rounds);
        const measured = await rate(`${name} (round ${round} of ${rounds})`, options, seconds / rounds, round === 1 ? profileAs : undefined, counter);
        ratios.push(measured / baseline);
        console.log(`  round ${round}: ${(measured / baseline).toFixed(3)} of hello-world`);
      }
      return median(ratios);
    };
    const products = await judged('GET /api/products (query API, catalog read model)', { url: `${http.url}/api/products?limit=20` }, 'products');
    const orderLoad = (url: string) => ({
      url: `${url}/api/orders`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.customers[0]}` },
      body: order,
    });
    // In the embedded profile's one process, the ten projections follow the orders while they are
    // taken, on the same thread: that is the journey's cost, which bench:checkout judges. Printed
    // for the record; then the projections stop, so that they do not follow the next phase too.
    await rate('POST /api/orders, every role in one process (projections following)', orderLoad(http.url), seconds / rounds);
    await http.close();
    await app.close();
    // The target is judged on the command API as its role runs it (src/app/roles/api.ts): the HTTP
    // stack, authentication, validation, idempotency, the command handler and the event store.
    const ordersCounter = countStatements(db.pool);
    const commandApp = await createEmporiumApp(db.pool, silentLogger, { ...appOptions, runProjections: false, serve: 'commands' });
    const commandHttp = await listen(commandApp.http, 0, '127.0.0.1');
    let orders: number;
    try {
      orders = await judged('POST /api/orders (command API role, event store)', orderLoad(commandHttp.url), 'orders', ordersCounter);
    } finally {
      await commandHttp.close();
      await commandApp.close();
    }

    const verdict = (what: string, ratio: number, target: number) =>
      `target: ${what} >= ${target} of hello-world (median of ${rounds} rounds): ${ratio.toFixed(3)}, ${ratio >= target ? 'met' : 'MISSED'}`;
    console.log(verdict('GET /api/products', products, 0.5));
    console.log(verdict('POST /api/orders', orders, 0.25));
  } finally {
    await helloHttp.close();
    await http.close().catch(() => undefined);
    await app.close().catch(() => undefined);
    await db.drop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
