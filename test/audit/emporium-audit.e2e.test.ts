import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, Journey } from '../support/journey';
import { staffSignedIn } from '../support/principals';

const root = path.resolve(__dirname, '../..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The shop's master key, given to the tool as an auditor of that shop would. */
let shopMasterKey: Buffer | null = null;

/** emporium-audit as an auditor runs it: a process of its own, reading the event store directly. */
function audit(databaseUrl: string, args: readonly string[], masterKey: Buffer | null = shopMasterKey): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATABASE_URL: databaseUrl, EMPORIUM_DATA_DIR: '', EMPORIUM_MASTER_KEY: masterKey?.toString('base64') ?? '' };
    const child = spawn(process.execPath, [path.join(root, 'bin/emporium-audit.js'), ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
const json = <T>(run: Run): T => {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};

describe('emporium-audit, on a shop history written through the real handlers', () => {
  let shop: Journey;
  let url: string;
  let paidOrder: string;
  let customer: { customerId: string; token: string; email: string };
  let failedOrder: string;
  let apiShowed: { status: string; total: unknown; lines: unknown[] };
  let apiShowedAt: Date;
  const files = mkdtempSync(path.join(tmpdir(), 'emporium-audit-'));

  beforeAll(async () => {
    // Webhooks held, so the test decides when each payment settles.
    shop = await Journey.start({ sandbox: { holdWebhooks: true } });
    url = shop.app.db.connectionString;
    shopMasterKey = shop.app.masterKey;
    const code = await shop.product(50, { lowStockThreshold: 45 });
    customer = await shop.customer();
    paidOrder = await shop.placeOrder(customer, [{ productCode: code, quantity: 2 }]);
    failedOrder = await shop.placeOrder(customer, [{ productCode: code, quantity: 1 }], 'tok_declined');
    await eventually('both webhooks held', async () => shop.gateway.heldWebhooks().length, (count) => count === 2);
    // What the query API showed while the payment was pending, and when.
    const shown = await eventually(
      'the order awaiting payment in the query API',
      async () => (await shop.app.request<{ status: string; total: unknown; lines: unknown[] }>('GET', `/api/orders/${paidOrder}`, { token: shop.staff })).body,
      (order) => order.status === 'awaiting-payment',
    );
    apiShowed = shown;
    apiShowedAt = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const webhook of shop.gateway.heldWebhooks()) await shop.gateway.deliver(webhook);
    await eventually('both orders decided', () => shop.orderStatuses([paidOrder, failedOrder]), (statuses) => statuses.join() === 'paid,payment-failed');
    await eventually('two customer emails', async () => shop.emailsTo(customer.email).length, (count) => count === 2);
  });
  afterAll(async () => {
    await shop.close();
    await rm(files, { recursive: true, force: true });
  });

  it('says how to use it, with an example, and exits 2 on a usage error', async () => {
    const help = await audit(url, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Example:\n {2}npm start/);
    for (const command of ['history', 'state', 'diff', 'trace', 'replay', 'verify', 'verify-log', 'checkpoint', 'export']) {
      const commandHelp = await audit(url, [command, '--help']);
      expect({ command, code: commandHelp.code, example: /Examples?:\n {2}npx emporium-audit/.test(commandHelp.stdout) }).toEqual({ command, code: 0, example: true });
    }
    expect((await audit(url, ['no-such-command'])).code).toBe(2);
    expect((await audit(url, ['history', 'spaceship', paidOrder])).code).toBe(2);
  });

  it('history: every event of an order, with actor, correlation and causation; personal data only when asked', async () => {
    const history = json<{ streamId: string; events: { type: string; revision: number; actor: { role: string }; correlationId: string; causationId: string; data: { shippingAddress: unknown } }[] }>(await audit(url, ['history', 'order', paidOrder, '--json']));
    expect(history.streamId).toBe(`order-${paidOrder}`);
    expect(history.events.map((event) => event.type)).toEqual(['OrderPlaced', 'OrderAwaitingPayment', 'OrderPaid']);
    expect(history.events.map((event) => event.actor.role)).toEqual(['customer', 'system', 'system']);
    expect(history.events.every((event) => event.correlationId && event.causationId)).toBe(true);
    expect(history.events[0]!.data.shippingAddress).toBe('‹personal data›');
    const shown = json<typeof history>(await audit(url, ['history', 'order', paidOrder, '--json', '--show-personal-data']));
    expect(shown.events[0]!.data.shippingAddress).toMatchObject({ city: 'Leeds' });

    const lines = (await audit(url, ['history', 'payment', String((shown.events[1]!.data as unknown as { paymentId: string }).paymentId), '--jsonl'])).stdout.trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['PaymentRequested', 'PaymentSubmitted', 'PaymentSucceeded']);

    const human = await audit(url, ['history', 'order', paidOrder]);
    expect(human.stdout).toContain(`order-${paidOrder}: 3 events`);
    expect(human.stdout).not.toContain('\u001b['); // no colour when not on a terminal

    const unknown = await audit(url, ['history', 'order', randomUUID()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no order/);
  });

  it('state --at: the state the query API showed at that moment, computed from the log', async () => {
    const then = json<{ revision: number; state: { status: string; total: unknown; lines: unknown[] } }>(await audit(url, ['state', 'order', paidOrder, '--at', apiShowedAt.toISOString(), '--json']));
    expect(then.revision).toBe(1);
    expect(then.state.status).toBe(apiShowed.status);
    expect(then.state.total).toEqual(apiShowed.total);
    expect(then.state.lines).toHaveLength(apiShowed.lines.length);
    const byRevision = json<typeof then>(await audit(url, ['state', 'order', paidOrder, '--at', '2', '--json']));
    expect(byRevision.state.status).toBe('paid');
    const before = json<{ revision: number | null }>(await audit(url, ['state', 'order', paidOrder, '--at', '2000-01-01T00:00:00Z', '--json']));
    expect(before.revision).toBeNull();
    expect((await audit(url, ['state', 'order', paidOrder, '--at', 'yesterday'])).code).toBe(2);
  });

  it('diff: what changed between two moments', async () => {
    const diff = json<{ changes: { path: string; before: unknown; after: unknown }[] }>(await audit(url, ['diff', 'order', paidOrder, '--from', '0', '--to', '2', '--json']));
    expect(diff.changes).toContainEqual({ path: '/status', before: 'placed', after: 'paid' });
  });

  it('trace: everything the order set off, in causal order, emails included', async () => {
    const trace = json<{ events: number; streams: string[]; roots: { type: string; caused: { type: string; caused: { type: string }[] }[] }[] }>(await audit(url, ['trace', paidOrder, '--json']));
    const types = (nodes: readonly { type: string; caused?: unknown[] }[]): string[] => nodes.flatMap((node) => [node.type, ...types((node.caused ?? []) as { type: string }[])]);
    expect(types(trace.roots)).toEqual(expect.arrayContaining(['OrderPlaced', 'StockReserved', 'PaymentRequested', 'PaymentSubmitted', 'OrderAwaitingPayment', 'PaymentSucceeded', 'ReservationCommitted', 'OrderPaid', 'EmailRequested', 'EmailSent']));
    expect(trace.roots.map((root) => root.type)).toEqual(['OrderPlaced', 'PaymentSucceeded']);
    const placed = trace.roots[0]!;
    expect(placed.caused.map((node) => node.type)).toEqual(['StockReserved', 'PaymentRequested', 'PaymentSubmitted', 'OrderAwaitingPayment']);
    expect(trace.streams.some((stream) => stream.startsWith('notification-'))).toBe(true);
    // Nothing of the other order.
    expect(JSON.stringify(trace)).not.toContain(failedOrder);
    const human = await audit(url, ['trace', paidOrder]);
    // Drawn as a tree: OrderPaid and EmailRequested both follow from PaymentSucceeded, in whichever order they were written.
    expect(human.stdout).toMatch(/\n {3}[├└]─ OrderPaid order-/);
    expect(human.stdout).toMatch(/\n {3}[│ ] {2}└─ EmailSent notification-/);
  });

  it('replay: rebuilds into a scratch database, touching nothing live and causing nothing', async () => {
    const before = { events: await eventCount(), mail: shop.mail.messages().length, gateway: shop.gateway.heldWebhooks().length, databases: await databases() };
    const replay = json<{ database: string; rows: Record<string, Record<string, number>> }>(await audit(url, ['replay', '--json']));
    expect(replay.rows['order-history']).toEqual({ 'public.rm_orders': 2 });
    expect(replay.rows['payments']).toEqual({ 'public.rm_payments': 2 });
    expect(replay.rows['sales-report']!['report_sales.order_lines']).toBe(2);
    // No email, no gateway call, no event; the scratch database is gone.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect({ events: await eventCount(), mail: shop.mail.messages().length, gateway: shop.gateway.heldWebhooks().length, databases: await databases() }).toEqual(before);

    const early = json<{ rows: Record<string, Record<string, number>> }>(await audit(url, ['replay', '--projection', 'order-history', '--until', '2000-01-01T00:00:00Z', '--json']));
    expect(early.rows).toEqual({ 'order-history': { 'public.rm_orders': 0 } });
  });

  it('verify: the live read models match the log, and an altered row is found', async () => {
    expect((await audit(url, ['verify'])).code).toBe(0);
    await shop.app.db.pool.query(`update rm_orders set document = jsonb_set(document, '{status}', '"cancelled"') where id = $1`, [paidOrder]);
    try {
      const found = await audit(url, ['verify', '--projection', 'order-history', '--json']);
      expect(found.code).toBe(1);
      const result = JSON.parse(found.stdout) as { differences: { kind: string; row: string; fields: { path: string; before: unknown; after: unknown }[] }[] };
      expect(result.differences).toEqual([expect.objectContaining({ kind: 'different', row: paidOrder, fields: [{ path: '/status', before: 'paid', after: 'cancelled' }] })]);
    } finally {
      await shop.app.db.pool.query(`update rm_orders set document = jsonb_set(document, '{status}', '"paid"') where id = $1`, [paidOrder]);
    }
  });

  it('personal data: opened with the master key, sealed without it, erased once the customer is, and the read models still verified', async () => {
    type History = { events: { type: string; data: Record<string, unknown> }[] };
    const sealed = json<History>(await audit(url, ['history', 'order', paidOrder, '--json', '--show-personal-data'], null));
    expect(sealed.events[0]!.data).toHaveProperty('sealedPersonalData', expect.stringMatching(/^v1\./) as unknown);
    expect(sealed.events[0]!.data.shippingAddress).toBeUndefined();
    const refused = await audit(url, ['replay'], null);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/EMPORIUM_MASTER_KEY/);

    const opened = json<History>(await audit(url, ['history', 'customer', customer.customerId, '--json', '--show-personal-data']));
    expect(JSON.stringify(opened)).toContain(customer.email);
    expect((await shop.app.request('POST', `/api/customers/${customer.customerId}/erase`, { body: { confirmation: 'erase' }, token: customer.token })).status).toBe(200);
    const erased = json<History>(await audit(url, ['history', 'customer', customer.customerId, '--json', '--show-personal-data']));
    expect(erased.events.map((event) => event.type)).toEqual(['CustomerRegistered', 'CustomerErased']);
    expect(erased.events[0]!.data).toMatchObject({ firstName: '‹erased›', email: '‹erased›' });
    expect(JSON.stringify(erased)).not.toContain(customer.email);
    const trace = (await audit(url, ['trace', paidOrder, '--json', '--show-personal-data'])).stdout;
    expect(trace).toContain('‹erased›');
    expect(trace).not.toContain(customer.email);
    // Rebuilt from the log, with the customer erased, the read models are the live ones.
    expect((await audit(url, ['verify'])).code).toBe(0);
  });

  describe('verify-log: a tamper-evident log', () => {
    const checkpoints = path.join(files, 'checkpoints.jsonl');
    const key = path.join(files, 'checkpoint-key.pem');
    const verifyLog = async () => {
      const run = await audit(url, ['verify-log', '--checkpoints', checkpoints, '--checkpoint-key', key, '--json']);
      return { code: run.code, problems: (JSON.parse(run.stdout) as { problems: { kind: string; streamId?: string; revision?: number }[] }).problems };
    };
    const sql = (text: string, values: unknown[] = []) => shop.app.db.pool.query(text, values);

    beforeAll(async () => {
      expect((await audit(url, ['checkpoint', '--checkpoints', checkpoints, '--checkpoint-key', key])).code).toBe(0);
    });

    it('passes on an untouched log', async () => {
      expect(await verifyLog()).toEqual({ code: 0, problems: [] });
    });

    it('finds an edited event', async () => {
      const stream = `order-${paidOrder}`;
      await sql(`update events set data = jsonb_set(data, '{total,amount}', '1') where stream_id = $1 and revision = 0`, [stream]);
      try {
        expect(await verifyLog()).toEqual({ code: 1, problems: [expect.objectContaining({ kind: 'edited', streamId: stream, revision: 0 })] });
      } finally {
        await sql(`update events set data = jsonb_set(data, '{total,amount}', to_jsonb(900)) where stream_id = $1 and revision = 0`, [stream]);
      }
      expect((await verifyLog()).code).toBe(0);
    });

    it('finds a deleted event, in the middle of a stream and at its end', async () => {
      const stream = `order-${paidOrder}`;
      const saved = await sql(`delete from events where stream_id = $1 and revision = 1 returning *`, [stream]);
      const last = await sql(`delete from events where stream_id = $1 and revision = 2 returning *`, [stream]);
      try {
        const { code, problems } = await verifyLog();
        expect(code).toBe(1);
        expect(problems).toContainEqual(expect.objectContaining({ kind: 'head-changed', streamId: stream, revision: 2 }));
        expect(problems.filter((problem) => problem.kind === 'head-changed' || problem.kind === 'deleted').length).toBeGreaterThan(0);
      } finally {
        for (const row of [...(saved.rows as Record<string, unknown>[]), ...(last.rows as Record<string, unknown>[])]) {
          const columns = Object.keys(row);
          await sql(`insert into events (${columns.join(', ')}) overriding system value values (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`, columns.map((column) => row[column]));
        }
      }
      expect((await verifyLog()).code).toBe(0);
    });

    it('finds an event inserted back-dated, and events reordered', async () => {
      const stream = `order-${failedOrder}`;
      await sql(
        `insert into events (transaction_id, stream_id, revision, event_id, type, data, metadata, previous_hash, hash)
         select transaction_id, stream_id, 3, gen_random_uuid(), 'OrderPaid', '{}'::jsonb, '{}'::jsonb, hash, sha256('forged')
           from events where stream_id = $1 and revision = 2`,
        [stream],
      );
      try {
        const { code, problems } = await verifyLog();
        expect(code).toBe(1);
        expect(problems).toContainEqual(expect.objectContaining({ kind: 'edited', streamId: stream, revision: 3 }));
        expect(problems).toContainEqual(expect.objectContaining({ kind: 'inserted' }));
      } finally {
        await sql(`delete from events where stream_id = $1 and revision = 3`, [stream]);
      }
      // Swapped through a spare revision: the (stream, revision) key allows no two at once.
      const swap = async () => {
        await sql(`update events set revision = -1 where stream_id = $1 and revision = 1`, [stream]);
        await sql(`update events set revision = 1 where stream_id = $1 and revision = 2`, [stream]);
        await sql(`update events set revision = 2 where stream_id = $1 and revision = -1`, [stream]);
      };
      await swap();
      try {
        const { code, problems } = await verifyLog();
        expect(code).toBe(1);
        expect(problems).toContainEqual(expect.objectContaining({ kind: 'reordered', streamId: stream }));
      } finally {
        await swap();
      }
      expect((await verifyLog()).code).toBe(0);
    });

    it('finds a whole stream removed, which no chain can show', async () => {
      const stream = `order-${failedOrder}`;
      const saved = await sql(`delete from events where stream_id = $1 returning *`, [stream]);
      try {
        expect(await verifyLog()).toEqual({ code: 1, problems: [expect.objectContaining({ kind: 'stream-removed', streamId: stream })] });
        // Without its checkpoints, the log would look intact.
        const unchecked = await audit(url, ['verify-log', '--checkpoints', path.join(files, 'none.jsonl'), '--json']);
        expect(unchecked.code).toBe(0);
      } finally {
        for (const row of saved.rows as Record<string, unknown>[]) {
          const columns = Object.keys(row);
          await sql(`insert into events (${columns.join(', ')}) overriding system value values (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`, columns.map((column) => row[column]));
        }
      }
      expect((await verifyLog()).code).toBe(0);
    });
  });

  it('export: events as JSON Lines, reports as CSV', async () => {
    const exported = await audit(url, ['export', '--stream-prefix', 'order-']);
    expect(exported.code).toBe(0);
    const events = exported.stdout.trim().split('\n').map((line) => JSON.parse(line) as { streamId: string; type: string });
    expect(events.every((event) => event.streamId.startsWith('order-'))).toBe(true);
    expect(events.filter((event) => event.type === 'OrderPlaced')).toHaveLength(2);
    const none = await audit(url, ['export', '--to', '2000-01-01T00:00:00Z']);
    expect(none.stdout).toBe('');
    const payments = await audit(url, ['export', '--report', 'payments']);
    expect(payments.stdout).toBe('method,succeeded,failed,successRate\r\ncard,1,1,0.5\r\n');
    const today = new Date().toISOString().slice(0, 10);
    const sales = await audit(url, ['export', '--report', 'sales', '--from', today, '--to', today]);
    expect(sales.stdout).toBe(`day,currency,orders,units,revenue\r\n${today},EUR,1,2,900\r\n`);
  });

  it('over HTTP, an auditor reads history, state and trace, and each read is recorded in their audit trail', async () => {
    const auditor = await staffSignedIn(shop.app, 'auditor');
    const history = await shop.app.request<{ events: { type: string }[] }>('GET', `/api/audit/order/${paidOrder}/history`, { token: auditor.token });
    expect(history.body.events.map((event) => event.type)).toEqual(['OrderPlaced', 'OrderAwaitingPayment', 'OrderPaid']);
    const state = await shop.app.request<{ state: { status: string } }>('GET', `/api/audit/order/${paidOrder}/state?at=${encodeURIComponent(apiShowedAt.toISOString())}&showPersonalData=true`, { token: auditor.token });
    expect(state.body.state.status).toBe('awaiting-payment');
    expect((await shop.app.request('GET', `/api/audit/trace/${paidOrder}`, { token: auditor.token })).status).toBe(200);
    expect((await shop.app.request('GET', `/api/audit/order/${randomUUID()}/history`, { token: auditor.token })).status).toBe(404);
    // An auditor changes nothing.
    expect((await shop.app.request('POST', '/api/categories', { body: { name: 'Auditors cannot', description: '' }, token: auditor.token })).status).toBe(403);

    const trail = await shop.app.app.eventStore.readStream(`audit-${auditor.accountId}`);
    expect(trail.map((event) => [event.type, event.data.query, event.data.subject, event.data.showPersonalData])).toEqual([
      ['AuditDataRead', 'history', `order ${paidOrder}`, false],
      ['AuditDataRead', 'state', `order ${paidOrder} at ${apiShowedAt.toISOString()}`, true],
      ['AuditDataRead', 'trace', paidOrder, false],
      ['AuditDataRead', 'history', expect.stringMatching(/^order /), false],
    ]);
  });

  async function eventCount(): Promise<number> {
    return (await shop.app.db.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
  }
  async function databases(): Promise<string[]> {
    return (await shop.app.db.pool.query<{ datname: string }>(`select datname from pg_database where datname like 'emporium_audit_%' order by 1`)).rows.map((row) => row.datname);
  }
});
