/**
 * npm run demo — walks a customer through the shop against a running Emporium (EMPORIUM_URL,
 * default http://localhost:$PORT or :3000): signs up, browses, orders and pays, has a card
 * declined, and shows the emails the development mailbox caught.
 */
import { randomUUID } from 'node:crypto';

const base = (process.env.EMPORIUM_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
const say = (line = '') => process.stdout.write(`${line}\n`);
const money = (m: { amount: number; currency: string }) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: m.currency }).format(m.amount / 100);

async function call<T>(method: string, path: string, options: { body?: unknown; token?: string; checkpoint?: string } = {}): Promise<{ status: number; body: T; checkpoint: string | null }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.checkpoint ? { 'emporium-checkpoint': options.checkpoint } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body = (text ? JSON.parse(text) : undefined) as T;
  if (response.status >= 400) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return { status: response.status, body, checkpoint: response.headers.get('emporium-checkpoint') };
}

interface Order {
  orderId: string;
  status: string;
  total: { amount: number; currency: string };
  timeline: { status: string; at: string; reason?: string }[];
}

async function orderOutcome(orderId: string, token: string, checkpoint: string | null): Promise<Order> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await call<Order>('GET', `/api/orders/${orderId}`, { token, ...(checkpoint ? { checkpoint } : {}) });
    if (!['placed', 'awaiting-payment'].includes(body.status) || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  say(`Emporium at ${base}`);
  const health = await call<{ status: string }>('GET', '/health');
  say(`  health: ${health.body.status}`);

  const { body: catalog } = await call<{ items: { code: string; name: string; price: { amount: number; currency: string }; available: number }[] }>('GET', '/api/products?sort=price&limit=10');
  say('\nThe catalog (cheapest first):');
  for (const product of catalog.items) say(`  ${product.code.padEnd(12)} ${product.name.padEnd(26)} ${money(product.price).padStart(9)}   ${product.available} available`);
  const [first, second] = catalog.items.filter((product) => product.available >= 2);
  if (!first || !second) throw new Error('The demo needs two products with stock: start the app with DEMO_CATALOG=true on an empty data directory');

  const email = `demo-${randomUUID().slice(0, 8)}@example.org`;
  const password = 'a demo passphrase';
  say(`\nSigning up ${email} …`);
  await call('POST', '/api/auth/signup', { body: { firstName: 'Dana', lastName: 'Demo', email, password, shippingAddress: { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' } } });
  const { body: session } = await call<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password } });
  const token = session.accessToken;

  say(`\nOrdering 2 × ${first.name} and 1 × ${second.name}, paying with the sandbox's tok_success …`);
  const placed = await call<{ id: string }>('POST', '/api/orders', { token, body: { lines: [{ productCode: first.code, quantity: 2 }, { productCode: second.code, quantity: 1 }], paymentMethod: 'card', paymentToken: 'tok_success' } });
  const paid = await orderOutcome(placed.body.id, token, placed.checkpoint);
  say(`  order ${paid.orderId}: ${paid.status}, total ${money(paid.total)}`);
  for (const step of paid.timeline) say(`    ${step.at}  ${step.status}`);

  say(`\nOrdering 1 × ${first.name} with a card the sandbox declines (tok_declined) …`);
  const declinedOrder = await call<{ id: string }>('POST', '/api/orders', { token, body: { lines: [{ productCode: first.code, quantity: 1 }], paymentMethod: 'card', paymentToken: 'tok_declined' } });
  const declined = await orderOutcome(declinedOrder.body.id, token, declinedOrder.checkpoint);
  say(`  order ${declined.orderId}: ${declined.status}${declined.timeline.at(-1)?.reason ? ` (${declined.timeline.at(-1)!.reason})` : ''}`);

  say('\nEmails to the customer:');
  const deadline = Date.now() + 15_000;
  let emails: { to: string; subject: string; text: string }[] = [];
  while (Date.now() < deadline) {
    const mailbox = await fetch(`${base}/dev/mailbox/messages.json`);
    if (mailbox.status === 404) {
      say('  (mail goes to a real SMTP server here; look in its inbox)');
      return;
    }
    emails = ((await mailbox.json()) as { items: typeof emails }).items.filter((message) => message.to === email);
    if (emails.length >= 2) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  for (const message of emails) {
    say(`\n  ── ${message.subject}`);
    for (const line of message.text.split('\n')) say(`  │ ${line}`);
  }
  say(`\nSee them rendered at ${base}/dev/mailbox`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
