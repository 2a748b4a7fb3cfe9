import { SandboxSms } from '../src/sms/sandbox-sms';
/**
 * npm run bench:checkout — sustained orders per second through the whole journey (order placed →
 * stock reserved → payment requested → sandbox webhook → paid → confirmation email received by a
 * real SMTP server), with order-to-email latency, against the bare command API (the same order
 * placement with no projections or processes behind it) measured in the same run.
 *
 * BENCH_SECONDS (default 15) per phase, BENCH_CLIENTS (default 8) concurrent clients,
 * BENCH_DATABASE_URL for a server of your own; otherwise the embedded one under .test-servers/.
 * BENCH_PROFILE=distributed runs the journey on the distributed profile instead: every role its own
 * process behind nginx, on the test servers (scripts/test-servers.sh up, then its env); the
 * baseline stays the bare command API in this process.
 * The journey runs saturated first, then paced at 70 % of the rate it sustained (BENCH_PACE, in
 * orders per second, to choose another).
 * BENCH_CPU_PROFILE=file.cpuprofile profiles the saturated phase (embedded profile) and prints
 * where its CPU time went. With pg_stat_statements loaded (BENCH_PG_SETTINGS, see
 * server-statements.ts), it prints the server's time per order by statement too (the top
 * BENCH_STATEMENTS, default 15).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, untilReady } from '../test/support/app-process';
import { createEmporiumApp } from '../src/app/composition-root';
import { AccessTokens } from '../src/identity/access-tokens';
import { ScryptPasswordHasher } from '../src/identity/password-hasher';
import { listen } from '../src/http/http-server';
import { startMailCatcher } from '../src/mail/mail-catcher';
import { SmtpMailer } from '../src/mail/smtp-mailer';
import { SandboxGateway } from '../src/payments/sandbox/sandbox-gateway';
import { jsonLogger, silentLogger } from '../src/shared/logger';
import { benchServer, benchVault, type BenchServer } from './bench-database';
import { post, prepare, productCount } from './bench-shop';
import { countStatements, topPerOrder, perOrder } from './statement-counter';
import { startCpuProfile } from './cpu-profile';
import { cpuPer, cpuTimes } from './process-cpu';
import { startDistributedShop } from './distributed-shop';
import { serverStatements } from './server-statements';
import { projectionNames } from '../src/projections/projection-names';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const clients = Number(process.env.BENCH_CLIENTS ?? 8);
const webhookSecret = 'whsec_bench_0123456789abcdef';
/** The same shop made through the API (the distributed profile's processes are out of reach): products in stock, `count` customers signed in. */
async function prepareOverHttp(baseUrl: string, admin: { email: string; password: string }, count: number): Promise<{ codes: string[]; customers: string[] }> {
  const signIn = async (email: string, password: string) => {
    const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const staffToken = await signIn(admin.email, admin.password);
  const category = (await (await post(`${baseUrl}/api/categories`, staffToken, { name: 'Bench', description: '' })).json()) as { id: string };
  const codes = Array.from({ length: productCount }, (_, i) => `BENCH-${i}`);
  for (const [i, code] of codes.entries()) {
    await post(`${baseUrl}/api/products`, staffToken, { code, name: `Bench tea ${i}`, description: '', categoryId: category.id, price: { amount: 450 + i, currency: 'EUR' }, lowStockThreshold: 0 });
    await post(`${baseUrl}/api/inventory/${code}/receipts`, staffToken, { quantity: 1_000_000 });
  }
  const customers: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `customer-${i}-${randomUUID()}@bench.example`;
    const body = { email, password: 'bench customer passphrase', firstName: 'Bench', lastName: `Customer ${i}`, shippingAddress: { line1: '1 Bench Street', city: 'Leeds', postalCode: 'LS1', country: 'GB' } };
    await fetch(`${baseUrl}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    customers.push(await signIn(email, body.password));
  }
  return { codes, customers };
}

/** Clients place orders back to back for the phase's length; returns when each order was sent, by order id. */
async function placeOrders(baseUrl: string, codes: string[], customers: string[]): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    customers.map(async (token) => {
      while (performance.now() < until) {
        const started = performance.now();
        // One or two of the products, as a shop's orders spread over its catalog.
        const picked = [...new Set([codes[Math.floor(Math.random() * codes.length)]!, codes[Math.floor(Math.random() * codes.length)]!])];
        const response = await post(`${baseUrl}/api/orders`, token, { lines: picked.map((productCode) => ({ productCode, quantity: 1 })), paymentMethod: 'card', paymentToken: 'tok_success' });
        const body = (await response.json()) as { id?: string };
        if (response.status !== 201 || !body.id) throw new Error(`order refused: ${response.status} ${JSON.stringify(body)}`);
        sentAt.set(body.id, started);
      }
    }),
  );
  return sentAt;
}

/** Orders at a steady rate (open loop), spread over the clients; returns when each order was sent. */
async function placeOrdersAt(baseUrl: string, codes: string[], customers: string[], perSecond: number): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const total = Math.max(1, Math.round(perSecond * seconds));
  const start = performance.now();
  await Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const due = start + (i * 1000) / perSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const picked = [...new Set([codes[i % codes.length]!, codes[(i * 7 + 3) % codes.length]!])];
      const sent = performance.now();
      const response = await post(`${baseUrl}/api/orders`, customers[i % customers.length]!, { lines: picked.map((productCode) => ({ productCode, quantity: 1 })), paymentMethod: 'card', paymentToken: 'tok_success' });
      const body = (await response.json()) as { id?: string };
      if (response.status !== 201 || !body.id) throw new Error(`order refused: ${response.status} ${JSON.stringify(body)}`);
      sentAt.set(body.id, sent);
    }),
  );
  return sentAt;
}

/** Notes when each confirmation email arrives, by order number, from the moment it is started. */
function watchEmails(mail: { messages(): readonly { subject: string }[] }): { seen: Map<string, number>; stop: () => void } {
  const seen = new Map<string, number>();
  let looked = 0;
  const timer = setInterval(() => {
    const messages = mail.messages();
    for (const message of messages.slice(looked)) {
      const number = /^Order ([0-9A-F]{8}): payment received/.exec(message.subject)?.[1];
      if (number && !seen.has(number)) seen.set(number, performance.now());
    }
    looked = messages.length;
  }, 5);
  return { seen, stop: () => clearInterval(timer) };
}

/** Waits until a confirmation email for each order has been seen; returns when each was. */
async function emailsFor(seen: Map<string, number>, sentAt: Map<string, number>): Promise<Map<string, number>> {
  const numbers = [...sentAt.keys()].map((orderId) => orderId.slice(0, 8).toUpperCase());
  const deadline = performance.now() + 300_000;
  while (numbers.some((number) => !seen.has(number)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return new Map(numbers.flatMap((number) => (seen.has(number) ? [[number, seen.get(number)!]] : [])));
}

/**
 * The app's own memory: `npm start` (the built app, every role in one process, the embedded profile)
 * in a process of its own on a database of its own, loaded as the saturated phase loads it; its
 * peak resident set (VmHWM) read from /proc once the emails are in.
 */
async function appAlone(server: BenchServer, smtpUrl: string, watcherOf: () => { seen: Map<string, number>; stop: () => void }): Promise<{ peakMb: number; orders: number; emails: number; rate: number }> {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: path.resolve(__dirname, '..'), stdio: 'ignore' });
  const db = await server.database(2);
  const workDir = mkdtempSync(path.join(tmpdir(), 'emporium-bench-app-'));
  const admin = { email: 'admin@bench.example', password: 'bench admin passphrase' };
  const app = startApp(
    { DATABASE_URL: db.connectionString, SMTP_URL: smtpUrl, PAYMENT_WEBHOOK_SECRET: webhookSecret, PAYMENT_DEADLINE_SECONDS: '600', EMPORIUM_ADMIN_EMAIL: admin.email, EMPORIUM_ADMIN_PASSWORD: admin.password, DEMO_CATALOG: 'false', PORT: '0', EMPORIUM_DATA_DIR: workDir, LOG_LEVEL: 'info' },
    [],
    // Exactly as `npm start` runs it (its node options included).
    { entry: startScript() },
  );
  try {
    const url = await app.url;
    await untilReady(url);
    const shop = await prepareOverHttp(url, admin, clients);
    const watcher = watcherOf();
    const started = performance.now();
    const sentAt = await placeOrders(url, shop.codes, shop.customers);
    const received = await emailsFor(watcher.seen, sentAt);
    const rate = received.size / ((Math.max(...received.values()) - started) / 1000);
    watcher.stop();
    const status = readFileSync(`/proc/${app.child.pid}/status`, 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
    return { peakMb: peakKb / 1024, orders: sentAt.size, emails: received.size, rate };
  } finally {
    if (app.child.exitCode === null) app.interrupt();
    await app.exited;
    await rm(workDir, { recursive: true, force: true });
    await db.drop();
  }
}

/** The arguments `npm start` gives node. */
function startScript(): string[] {
  const scripts = (JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = scripts.start!.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node`);
  return args;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const server = await benchServer();
  const accessTokens = AccessTokens.withNewKey();
  const passwords = new ScryptPasswordHasher({ cost: 2 ** 12, blockSize: 8, parallelization: 1 });
  const webhook = { secret: webhookSecret, toleranceSeconds: 300 };

  try {
    // Phase 1: the bare command API — order placement with nothing behind it.
    const bareDb = await server.database(20);
    const bareCounter = countStatements(bareDb.pool);
    const bare = await createEmporiumApp(bareDb.pool, silentLogger, { accessTokens, passwords, webhook, vault: benchVault(bareDb.pool), runProjections: false });
    const bareHttp = await listen(bare.http, 0, '127.0.0.1');
    const bareShop = await prepare(bare, bareHttp.url, accessTokens, clients);
    const bareBefore = bareCounter.snapshot();
    const bareCpuBefore = cpuTimes(server.clusterDir);
    let started = performance.now();
    const bareOrders = await placeOrders(bareHttp.url, bareShop.codes, bareShop.customers);
    const bareRate = bareOrders.size / ((performance.now() - started) / 1000);
    const bareCost = perOrder(bareBefore, bareCounter.snapshot(), bareOrders.size);
    const bareCpu = cpuPer('order', bareCpuBefore, cpuTimes(server.clusterDir), bareOrders.size, 'the API and its load');
    await bareHttp.close();
    await bare.close();
    await bareDb.drop();

    // Phase 2: the whole journey, to the email.
    const distributed = process.env.BENCH_PROFILE === 'distributed';
    const journeyDb = await server.database(20);
    // In the embedded profile every role sends its statements through this pool.
    const journeyCounter = countStatements(journeyDb.pool);
    const mail = await startMailCatcher({ keep: 1_000_000 });
    let journeyUrl: string;
    let shop: { codes: string[]; customers: string[] };
    let stopJourney: () => Promise<void>;
    /**
     * Waits for the process managers, then the read models and reports, to take in the log as it
     * stands, and answers how long after `lastEmail` each was done (embedded profile only).
     */
    let doneAfter: ((lastEmail: number) => Promise<{ processes: number; readModels: number }>) | undefined;
    if (distributed) {
      const roles = await startDistributedShop(journeyDb.connectionString, mail.smtpUrl, webhookSecret);
      stopJourney = () => roles.stop();
      journeyUrl = roles.url;
      shop = await prepareOverHttp(roles.url, { email: roles.adminEmail, password: roles.adminPassword }, clients);
    } else {
      const mailer = new SmtpMailer(mail.smtpUrl);
      let ownUrl = '';
      const gateway = new SandboxGateway({ webhookUrl: () => `${ownUrl}/api/payments/webhook`, webhookSecret, logger: silentLogger, answerAfterMs: 50 });
      const app = await createEmporiumApp(journeyDb.pool, process.env.BENCH_LOG ? jsonLogger('warn') : silentLogger, {
        accessTokens,
        passwords,
        webhook,
        vault: benchVault(journeyDb.pool),
        processes: { gateway, mailer, sms: new SandboxSms(), mailFrom: 'Bench <bench@emporium.local>', staffEmail: 'staff@bench.example', paymentDeadlineMs: 600_000, deadlineSweepMs: 1_000 },
      });
      const http = await listen(app.http, 0, '127.0.0.1');
      ownUrl = http.url;
      journeyUrl = http.url;
      shop = await prepare(app, http.url, accessTokens, clients);
      doneAfter = async (lastEmail) => {
        const head = (await app.eventStore.headCheckpoint())!;
        if (!(await app.processes.waitFor(head, 300_000))) throw new Error('the process managers did not catch up in 5 minutes');
        const processes = Math.max(0, performance.now() - lastEmail);
        if (!(await app.projections.waitFor(projectionNames, head, 120_000))) throw new Error('the read models did not catch up in 2 minutes');
        return { processes, readModels: Math.max(0, performance.now() - lastEmail) };
      };
      stopJourney = async () => {
        await http.close();
        await gateway.stop();
        await app.close();
        await mailer.close();
      };
    }

    // Saturated first: orders as fast as the clients can send them; throughput is what reaches the email.
    const watcher = watchEmails(mail);
    const profileFile = distributed ? undefined : process.env.BENCH_CPU_PROFILE;
    const profiler = profileFile ? await startCpuProfile() : undefined;
    const saturatedBefore = journeyCounter.snapshot();
    const statements = await serverStatements(journeyDb.pool);
    const saturatedCpuBefore = cpuTimes(server.clusterDir);
    // The app's memory under load. In the embedded profile the load generator shares the process,
    // so this is an upper bound of the app's own; in the distributed one, each role's is its own.
    let peakRss = process.memoryUsage().rss;
    const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
    started = performance.now();
    const sentAt = await placeOrders(journeyUrl, shop.codes, shop.customers);
    const placedIn = (performance.now() - started) / 1000;
    const receivedAt = await emailsFor(watcher.seen, sentAt);
    const saturatedAfter = journeyCounter.snapshot();
    const saturatedCpu = cpuPer('order', saturatedCpuBefore, cpuTimes(server.clusterDir), sentAt.size, distributed ? 'the load generator and the SMTP catcher; the roles are other processes' : 'every role, the load generator and the SMTP catcher');
    const saturatedCost = perOrder(saturatedBefore, saturatedAfter, sentAt.size);
    const saturatedKinds = topPerOrder(saturatedBefore, saturatedAfter, sentAt.size);
    const saturatedWho = topPerOrder(saturatedBefore, saturatedAfter, sentAt.size, 20, 'byWho');
    const saturatedOnServer = await statements?.top(Number(process.env.BENCH_STATEMENTS ?? 15), sentAt.size);
    clearInterval(rssSampler);
    const profile = profiler ? await profiler.stop(profileFile!) : undefined;
    const lastEmail = Math.max(...receivedAt.values());
    const journeyRate = receivedAt.size / ((lastEmail - started) / 1000);
    // Not all of an order's journey is on the way to its email: the email goes out on the payment's
    // success, and the fulfilment process then commits the stock and marks the order paid; the read
    // models and reports follow. How far behind the last email each was done.
    const saturatedDone = await doneAfter?.(lastEmail);

    // Then paced at 70 % of that (BENCH_PACE to choose), once the shop is quiet again: the latency a
    // busy hour's customer sees, and whether a backlog builds (emails still due when ordering stops).
    const pace = Number(process.env.BENCH_PACE ?? Math.max(1, Math.round(0.7 * journeyRate)));
    const pacedBefore = journeyCounter.snapshot();
    const paced = await placeOrdersAt(journeyUrl, shop.codes, shop.customers, pace);
    const orderingStopped = performance.now();
    const pacedReceived = await emailsFor(watcher.seen, paced);
    const pacedDone = await doneAfter?.(Math.max(...pacedReceived.values()));
    watcher.stop();
    const pacedAfter = journeyCounter.snapshot();
    const pacedCost = perOrder(pacedBefore, pacedAfter, paced.size);
    const pacedKinds = topPerOrder(pacedBefore, pacedAfter, paced.size);
    const pacedWho = topPerOrder(pacedBefore, pacedAfter, paced.size, 20, 'byWho');
    const byNumber = new Map([...paced].map(([orderId, at]) => [orderId.slice(0, 8).toUpperCase(), at]));
    // Measured to when the watcher saw the email (it looks every 5 ms).
    const latencies = [...pacedReceived].map(([number, at]) => at - byNumber.get(number)!).sort((a, b) => a - b);
    const stillDue = [...pacedReceived.values()].filter((at) => at > orderingStopped).length;
    const drainedIn = Math.max(0, Math.max(...pacedReceived.values()) - orderingStopped);
    const duplicates = mail.messages().length - new Set(mail.messages().map((message) => message.messageId)).size;

    const lines = (kinds: string[]) => kinds.map((line) => `    ${line}`).join('\n');
    console.log(`${distributed ? 'distributed profile (every role its own process, behind nginx, on EventStoreDB' + (process.env.EVENTSTORE_URL ? '' : ' stand-in') + ', FerretDB, Kafka, PostgreSQL)' : 'embedded profile (one process, PostgreSQL)'}`);
    console.log(`${clients} clients, ${seconds} s of ordering per phase, orders of 1 or 2 of ${productCount} products; sandbox answers after 50 ms`);
    console.log(`bare command API (POST /api/orders, nothing behind it): ${bareOrders.size} orders, ${bareRate.toFixed(1)} orders/s`);
    console.log(`  cost: ${bareCost}\n  ${bareCpu}`);
    console.log(`whole journey, saturated: ${sentAt.size} orders placed in ${placedIn.toFixed(1)} s, ${receivedAt.size} confirmation emails`);
    console.log(`  sustained ${journeyRate.toFixed(1)} orders/s to the email = ${(journeyRate / bareRate).toFixed(3)} of the bare command API rate`);
    console.log(`  ${saturatedCpu}`);
    if (saturatedDone) {
      const paidRate = receivedAt.size / ((lastEmail + saturatedDone.processes - started) / 1000);
      console.log(`  the process managers (stock committed, order paid) were done ${saturatedDone.processes.toFixed(0)} ms after the last email: ${paidRate.toFixed(1)} orders/s to the order paid = ${(paidRate / bareRate).toFixed(3)} of the bare rate (printed, not judged)`);
      console.log(`  the read models and reports had taken in every order ${saturatedDone.readModels.toFixed(0)} ms after the last email (the paced phase starts then)`);
    }
    if (!distributed) console.log(`  cost (batches share the work): ${saturatedCost}\n  statements per order by kind:\n${lines(saturatedKinds)}\n  by who sent them:\n${lines(saturatedWho)}`);
    if (saturatedOnServer) console.log(`  the server's time per order by statement (pg_stat_statements, every database user's):\n${lines(saturatedOnServer)}`);
    if (profile) {
      console.log(`  CPU profile of the saturated phase in ${profileFile}; self time by place:\n${lines(profile.byPlace)}`);
      console.log(`  by function:\n${lines(profile.byFunction)}`);
    }
    console.log(`whole journey, paced at ${pace} orders/s: ${pacedReceived.size} of ${paced.size} confirmation emails`);
    console.log(`  order-to-email latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`);
    console.log(`  when ordering stopped, ${stillDue} emails were still due; the last came ${drainedIn.toFixed(0)} ms later`);
    if (pacedDone) console.log(`  the process managers were done ${pacedDone.processes.toFixed(0)} ms after the last email, the read models and reports ${pacedDone.readModels.toFixed(0)} ms after it`);
    if (!distributed) console.log(`  cost, every role together (and the pollers meanwhile): ${pacedCost}\n  statements per order by kind:\n${lines(pacedKinds)}\n  by who sent them:\n${lines(pacedWho)}`);
    console.log(`duplicate emails in all: ${duplicates}`);
    // The targets of issue 18, the same for both profiles.
    const ratio = journeyRate / bareRate;
    const [p95, p99] = [percentile(latencies, 95), percentile(latencies, 99)];
    const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
    console.log(`target: saturated journey >= 0.5 of the bare command API rate: ${ratio.toFixed(3)}, ${verdict(ratio >= 0.5)}`);
    console.log(`target: paced at 70 % of that, order-to-email p95 < 500 ms: ${p95.toFixed(0)} ms, ${verdict(p95 < 500)}`);
    console.log(`target: paced at 70 % of that, order-to-email p99 < 1000 ms: ${p99.toFixed(0)} ms, ${verdict(p99 < 1000)}`);
    // No backlog growth: what is due when ordering stops is what a second of latency holds, not a queue.
    console.log(`target: paced at 70 % of that, no backlog (the last email within 1 s of the last order): ${drainedIn.toFixed(0)} ms, ${verdict(drainedIn < 1000)}`);
    console.log(`target: no duplicate email: ${duplicates}, ${verdict(duplicates === 0)}`);
    if (!distributed) {
      console.log(`peak RSS of this process under the saturated journey (every role, and the load generator too): ${(peakRss / 2 ** 20).toFixed(0)} MB`);
    }

    await stopJourney();
    if (!distributed) {
      const alone = await appAlone(server, mail.smtpUrl, () => watchEmails(mail));
      console.log(`npm start in a process of its own, loaded the same way from this one: ${alone.orders} orders, ${alone.emails} confirmation emails, ${alone.rate.toFixed(1)} orders/s to the email`);
      console.log(`target: peak RSS of the app (every role in one process) under the saturated journey < 250 MB: ${alone.peakMb.toFixed(0)} MB, ${verdict(alone.peakMb < 250)}`);
    }
    await mail.close();
    await journeyDb.drop();
  } finally {
    await server.stop();
  }
}

/** Settles when the benchmark has ended (bench/checkout-traced.ts waits for it). */
export const finished = main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
