import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { builtWebDir } from '../../src/http/web-app-routes';
import { startMailCatcher, type MailCatcher } from '../../src/mail/mail-catcher';
import { startApp, untilReady, type AppProcess } from '../support/app-process';
import { chromiumMissing, launchChromium, screenshot, seriousAccessibilityViolations } from '../support/browser';

/*
 * The shop as people use it, in Debian's Chromium: the app runs as `npm start` runs it (embedded
 * profile, the payment sandbox, the development mailbox), with a 10 s payment deadline so that
 * the radar has something to show. Every page is checked with axe-core and photographed into
 * test-artifacts/screenshots.
 */

const missing = chromiumMissing() ?? (existsSync(path.join(builtWebDir, 'index.html')) ? null : `the web interface is not built (${builtWebDir}): npm run build`);
if (missing && process.env.CI === 'true') throw new Error(`browser tests cannot run under CI: ${missing}`);
if (missing) console.warn(`skipping the browser tests: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

const admin = { email: 'owner@shop.test', password: 'browser-test admin password' };
const customer = { email: `ada.${Date.now()}@example.test`, password: 'a long customer password' };

let app: AppProcess;
let url: string;
let dataDir: string;
let browser: Browser;
let shopper: BrowserContext;
let staff: BrowserContext;

beforeAll(async () => {
  if (missing) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-web-'));
  app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir, EMPORIUM_ADMIN_EMAIL: admin.email, EMPORIUM_ADMIN_PASSWORD: admin.password, PAYMENT_DEADLINE_SECONDS: '10' });
  url = await app.url;
  await untilReady(url);
  browser = await launchChromium();
  shopper = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  staff = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  if (missing) return;
  await browser?.close();
  if (app) {
    app.interrupt();
    await app.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every page is looked at twice: by axe-core (no serious or critical violation) and as a screenshot. */
async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, name);
}

/** Evaluated in the page (this project's types have no DOM). */
const fitsTheScreen = 'document.documentElement.scrollWidth <= window.innerWidth';

/** Waits for a field to show a value (a function run in the page would be eval, which our CSP forbids). */
async function untilValue(field: Locator, expected: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await field.inputValue()) !== expected) {
    if (Date.now() > deadline) throw new Error(`the field still shows ${JSON.stringify(await field.inputValue())}, not ${JSON.stringify(expected)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One product, bought on its own: the cart (kept in this browser) starts empty. */
async function checkout(page: Page, productName: string, token: string): Promise<string> {
  await page.goto(`${url}/`);
  await page.evaluate("localStorage.removeItem('emporium.cart')");
  await page.goto(`${url}/?q=${encodeURIComponent(productName)}`);
  await page.getByRole('button', { name: new RegExp(`^Add to cart\\W+${productName}$`) }).click();
  await page.getByRole('link', { name: /^Cart \(1\)/ }).click();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByRole('radio', { name: new RegExp(token) }).check();
  await page.getByRole('button', { name: /Place order and pay/ }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
  return /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

describeInBrowser('the web interface, in Chromium', () => {
  it('serves its pages with a Content-Security-Policy, and its hashed assets for a year', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())![1]!;
    const script = await fetch(`${url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    // Only the app's pages are the app; anything else is still the API's problem document.
    const unknown = await fetch(`${url}/no-such-page`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('runs no script injected into a page: the browser enforces the policy', async () => {
    const page = await shopper.newPage();
    await page.goto(`${url}/`);
    const ran = await page.evaluate("(() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.head.appendChild(s); return window.injected === true; })()");
    expect(ran).toBe(false);
    await page.close();
  });

  it('lets a customer browse, search, sign up, pay with tok_success and watch the order become paid, with its email in the mailbox', async () => {
    const page = await shopper.newPage();
    await page.goto(`${url}/`);
    await expect(page.getByRole('heading', { name: 'Our products' }).isVisible()).resolves.toBe(true);
    await page.getByRole('list', { name: 'Products' }).getByRole('listitem').first().waitFor();
    expect(await page.getByRole('list', { name: 'Products' }).getByRole('listitem').count()).toBeGreaterThan(3);
    await checkPage(page, 'storefront-catalog');

    await page.getByRole('searchbox').fill('matcha');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Products matching “matcha”' }).waitFor();
    // The whole catalog shown before holds "Ceremonial matcha" too: wait until the second card is gone.
    await page.getByRole('list', { name: 'Products' }).getByRole('listitem').nth(1).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Ceremonial matcha' }).waitFor();
    expect(await page.getByRole('list', { name: 'Products' }).getByRole('listitem').count()).toBe(1);

    await page.getByRole('link', { name: 'Ceremonial matcha' }).click();
    await page.getByRole('heading', { name: 'Ceremonial matcha' }).waitFor();
    expect(await page.locator('.price').textContent()).toBe('€24.00');
    await checkPage(page, 'storefront-product');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'See the cart' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await checkPage(page, 'storefront-cart');

    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('link', { name: 'create an account' }).click();
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByLabel('Street and number').fill('12 Analytical Row');
    await page.getByLabel('City').fill('London');
    await page.getByLabel('Postal code').fill('N1 9GU');
    await page.getByLabel('Country (two letters)').fill('GB');
    await checkPage(page, 'storefront-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL(`${url}/checkout`);
    // The address comes from the profile just made: the tab reads with the checkpoint of its sign-up.
    await untilValue(page.getByLabel('City'), 'London');
    // Standard shipping from France to London, by the sandbox carrier's table: €9.90 for up to a kilogram.
    await page.getByText('Shipping (Sandbox Post, standard) — €9.90').waitFor();
    await checkPage(page, 'storefront-checkout');
    await page.getByRole('button', { name: 'Place order and pay €33.90' }).click();
    await page.waitForURL(/\/orders\//);
    // The page follows the order by itself: no reload.
    await page.locator('.order-status').getByText('Paid').waitFor({ timeout: 30_000 });
    await page.getByText('your payment went through').waitFor();
    await checkPage(page, 'storefront-order-paid');

    await page.getByRole('link', { name: 'All my orders' }).click();
    await page.getByRole('heading', { name: 'My orders' }).waitFor();
    await page.locator('.list li').first().waitFor();
    await checkPage(page, 'storefront-my-orders');
    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByText(customer.email).waitFor();
    await checkPage(page, 'storefront-profile');

    await page.goto(`${url}/dev/mailbox`);
    const email = page.getByRole('row').filter({ hasText: customer.email });
    await email.first().waitFor({ timeout: 30_000 });
    expect(await email.count()).toBe(1);
    await screenshot(page, 'dev-mailbox');
  }, 120_000);

  it('shows a customer whose card is declined that the payment failed, and what to do next', async () => {
    const page = await shopper.newPage();
    await checkout(page, 'Sencha', 'tok_declined');
    await page.locator('.order-status').getByText('Payment failed').waitFor({ timeout: 30_000 });
    await page.getByRole('alert').getByText('The card was declined').waitFor();
    await page.getByRole('button', { name: 'order the same again' }).waitFor();
    await checkPage(page, 'storefront-order-failed');
  }, 60_000);

  it('works on a phone-sized screen', async () => {
    const phone = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(`${url}/`);
    await page.getByRole('list', { name: 'Products' }).getByRole('listitem').first().waitFor();
    // Nothing wider than the screen: no sideways scrolling to reach a price or a button.
    expect(await page.evaluate(fitsTheScreen)).toBe(true);
    await checkPage(page, 'phone-catalog');
    await page.goto(`${url}/products/SENCHA-50`);
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    expect(await page.evaluate(fitsTheScreen)).toBe(true);
    await checkPage(page, 'phone-product');
    await phone.close();
  }, 60_000);

  it('lets staff receive stock and change a price, and the storefront shows both', async () => {
    const before = (await (await fetch(`${url}/api/products/ASSAM-100`)).json()) as { available: number };
    const page = await staff.newPage();
    await page.goto(`${url}/admin`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'What is stuck' }).waitFor();
    await checkPage(page, 'admin-radar');

    await page.getByRole('navigation', { name: 'Back-office' }).getByRole('link', { name: 'Stock' }).click();
    const receive = page.getByRole('form', { name: 'Receive stock' });
    await receive.getByLabel('Product').selectOption('ASSAM-100');
    await receive.getByLabel('Quantity received').fill('25');
    await receive.getByRole('button', { name: 'Receive' }).click();
    await page.getByText('Received 25 of ASSAM-100').waitFor();
    await checkPage(page, 'admin-stock');

    await page.getByRole('navigation', { name: 'Back-office' }).getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('Price of ASSAM-100', { exact: true }).fill('7.25');
    await page.getByRole('row').filter({ hasText: 'ASSAM-100' }).getByRole('button', { name: 'Change price' }).click();
    await page.getByText('Assam breakfast now costs €7.25').waitFor();
    // And a new price to come, far off: the storefront tells it beside today's.
    await page.getByLabel('New price of ASSAM-100 from a moment').fill('6.90');
    await page.getByLabel('Moment the new price of ASSAM-100 takes effect').fill('2099-01-01T09:00');
    await page.getByRole('row').filter({ hasText: 'ASSAM-100' }).getByRole('button', { name: 'Schedule' }).click();
    await page.getByText(/Assam breakfast will cost €6\.90 from/).waitFor();
    await checkPage(page, 'admin-products');

    await page.goto(`${url}/products/ASSAM-100`);
    await page.getByRole('heading', { name: 'Assam breakfast' }).waitFor();
    expect(await page.locator('.price').textContent()).toBe('€7.25');
    await page.getByText(`${before.available + 25} available`).waitFor();
    await page.getByText(/^From .*2099.*: €6\.90$/).waitFor();

    for (const [section, heading, name] of [
      ['Categories', 'Categories', 'admin-categories'],
      ['Orders', 'Orders', 'admin-orders'],
      ['Customers', 'Customers', 'admin-customers'],
      ['Reports', 'Reports', 'admin-reports'],
      ['Staff accounts', 'Staff accounts', 'admin-staff'],
    ] as const) {
      await page.goto(`${url}/admin`);
      await page.getByRole('navigation', { name: 'Back-office' }).getByRole('link', { name: section }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await checkPage(page, name);
    }
    // The admin makes a staff account; it is listed at once (the tab reads with its checkpoint).
    const clerk = `clerk.${Date.now()}@shop.test`;
    await page.getByLabel('Email').fill(clerk);
    await page.getByLabel('First password').fill('a clerk password, long enough');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('row').filter({ hasText: clerk }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: admin.email }).count()).toBe(1);

    await page.getByRole('navigation', { name: 'Back-office' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await checkPage(page, 'admin-order');
  }, 120_000);

  it("lets staff build a category in the back-office, and shoppers find it by category, price order and page", async () => {
    const page = await staff.newPage();
    const back = page.getByRole('navigation', { name: 'Back-office' });
    await page.goto(`${url}/admin/categories`);
    await page.getByLabel('Name').fill('Oolong');
    await page.getByLabel('Description').fill('Half-oxidised teas');
    await page.getByRole('button', { name: 'Define category' }).click();
    await page.getByText('Category Oolong defined').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Half-oxidised teas' }).waitFor();

    // One product through the form, twelve more through the API, so that the category spans two pages.
    await back.getByRole('link', { name: 'Products' }).click();
    const form = page.locator('form.grid-form');
    await form.getByLabel('Code').fill('OOLONG-1');
    await form.getByLabel('Name').fill('Tieguanyin');
    await form.getByLabel('Description').fill('Rolled, floral');
    await form.getByLabel('Category').selectOption('oolong');
    await form.getByLabel('Price').fill('9.90');
    await form.getByRole('button', { name: 'Add product' }).click();
    await page.getByText('OOLONG-1 added').waitFor();
    const token = String(((await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) })).json()) as { accessToken: string }).accessToken);
    let checkpoint = '';
    for (let n = 2; n <= 13; n++) {
      const added = await fetch(`${url}/api/products`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ code: `OOLONG-${n}`, name: `Oolong no. ${n}`, description: 'From the hills', categoryId: 'oolong', price: { amount: 500 + n * 100, currency: 'EUR' }, lowStockThreshold: 1 }),
      });
      expect(added.status).toBe(201);
      checkpoint = added.headers.get('emporium-checkpoint') ?? checkpoint;
    }
    expect((await fetch(`${url}/api/products?category=oolong&limit=100`, { headers: { 'emporium-checkpoint': checkpoint } })).status).toBe(200);

    await page.reload();
    const row = (code: string) => page.getByRole('row').filter({ has: page.getByText(code, { exact: true }) });
    await row('OOLONG-1').getByRole('button', { name: 'Edit' }).click();
    await row('OOLONG-1').getByLabel('Name').fill('Tieguanyin, Anxi');
    await row('OOLONG-1').getByRole('button', { name: 'Save' }).click();
    await page.getByText('OOLONG-1 updated').waitFor();
    page.once('dialog', (dialog) => void dialog.accept('No longer sold'));
    await row('OOLONG-13').getByRole('button', { name: 'Discontinue' }).click();
    await page.getByText('Oolong no. 13 is discontinued').waitFor();
    await row('OOLONG-13').getByText('Discontinued').waitFor();

    await back.getByRole('link', { name: 'Stock' }).click();
    const count = page.getByRole('form', { name: 'Adjust after a count' });
    await count.getByLabel('Product').selectOption('OOLONG-1');
    await count.getByLabel('Counted on hand').fill('7');
    await count.getByLabel('Reason').fill('First count');
    await count.getByRole('button', { name: 'Record count' }).click();
    await page.getByText('OOLONG-1 counted at 7').waitFor();

    const shop = await shopper.newPage();
    await shop.goto(`${url}/`);
    await shop.getByLabel('Category').selectOption('oolong');
    // By name, twelve to a page: "Oolong no. 10" to "Oolong no. 9", then "Tieguanyin, Anxi" alone.
    const cards = shop.getByRole('list', { name: 'Products' }).getByRole('listitem');
    // Wait on the first card, not on any link: the list shown before the filter may hold the same names.
    await cards.first().getByRole('heading', { name: 'Oolong no. 10', exact: true }).waitFor();
    expect(await cards.count()).toBe(12);
    await shop.getByRole('link', { name: 'Next page' }).click();
    await shop.getByRole('link', { name: 'Tieguanyin, Anxi' }).waitFor();
    expect(await cards.count()).toBe(1);
    await shop.getByRole('link', { name: 'First page' }).click();
    await shop.getByLabel('Sort by').selectOption('-price');
    // "Oolong no. 13" is on the page by name too, so only its place first says the new order is shown.
    await cards.first().getByRole('heading', { name: 'Oolong no. 13', exact: true }).waitFor();
    await shop.getByRole('link', { name: 'Tieguanyin, Anxi' }).click();
    await shop.getByText('7 available').waitFor();
    await checkPage(shop, 'storefront-category-by-price');

    // An admin may rebuild a read model from the radar; the shop goes on meanwhile.
    await back.getByRole('link', { name: 'What is stuck' }).click();
    await page.getByRole('button', { name: 'Rebuild catalog' }).click();
    await page.getByText('catalog rebuilt').waitFor({ timeout: 60_000 });
  }, 120_000);

  it('lets staff refund a paid order and put its goods back; the customer sees it refunded', async () => {
    const before = (await (await fetch(`${url}/api/products/SENCHA-50`)).json()) as { available: number };
    const page = await shopper.newPage();
    const orderId = await checkout(page, 'Sencha', 'tok_success');
    await page.locator('.order-status').getByText('Paid').waitFor({ timeout: 30_000 });
    const office = await staff.newPage();
    await office.goto(`${url}/admin/orders/${orderId}`);
    office.once('dialog', (dialog) => void dialog.accept('Returned unopened'));
    await office.getByRole('button', { name: 'Refund and restock' }).click();
    await office.getByText('Refund asked of the payment provider').waitFor();
    // The sandbox refunds by webhook; the order page shows it once the money has gone back.
    // The page fetches the order after it loads: each look waits for it to be drawn, not just loaded.
    for (let shown = false, tries = 0; !shown; tries++) {
      await office.reload();
      await office.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
      shown = await office.locator('.badge', { hasText: 'Refunded' }).first().waitFor({ timeout: 1_000 }).then(() => true, () => false);
      if (!shown && tries > 30) throw new Error('the order never showed refunded');
    }
    await checkPage(office, 'admin-order-refunded');
    await page.reload();
    await page.locator('.order-status').getByText('Refunded').waitFor({ timeout: 30_000 });
    await page.getByText('Your money has been refunded').waitFor();
    await checkPage(page, 'storefront-order-refunded');
    const after = (await (await fetch(`${url}/api/products/SENCHA-50`)).json()) as { available: number };
    expect(after.available).toBe(before.available);
  }, 90_000);

  it('lets a customer choose express delivery and pay for it; staff ship the order; the customer follows the parcel to the door', async () => {
    const page = await shopper.newPage();
    await page.goto(`${url}/`);
    await page.evaluate("localStorage.removeItem('emporium.cart')");
    await page.goto(`${url}/?q=Sencha`);
    await page.getByRole('button', { name: /^Add to cart\W+Sencha/ }).click();
    await page.getByRole('link', { name: /^Cart \(1\)/ }).click();
    await page.getByRole('link', { name: 'Checkout' }).click();
    const express = page.getByRole('radio', { name: /^Express — €19\.90, Sandbox Express/ });
    await express.waitFor();
    await express.check();
    await page.getByText('Shipping (Sandbox Express, express) — €19.90').waitFor();
    await page.getByRole('radio', { name: /tok_success/ }).check();
    await checkPage(page, 'storefront-checkout-express');
    await page.getByRole('button', { name: /Place order and pay/ }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.locator('.order-status').getByText('Paid').waitFor({ timeout: 30_000 });
    await page.getByText(/^Shipping \(Sandbox Express, express, about 2 working days\): €19\.90/).waitFor();

    const office = await staff.newPage();
    await office.goto(`${url}/admin/orders/${orderId}`);
    await office.getByRole('button', { name: 'Ship (buy the label)' }).click();
    await office.getByText('Shipped: the label is bought').waitFor();
    const trackingNumber = (await office.locator('.tracking-number').textContent({ timeout: 10_000 }))!;
    expect(trackingNumber).toMatch(/^SBX[0-9A-F]{12}$/);
    await checkPage(office, 'admin-order-shipped');

    // The sandbox carrier delivers 8 s after the label; the order page looks again by itself.
    await page.locator('.order-status').getByText('Delivered').waitFor({ timeout: 45_000 });
    await page.getByText(trackingNumber).waitFor();
    await page.locator('.shipment li', { hasText: 'Delivered' }).waitFor();
    await checkPage(page, 'storefront-order-delivered');

    await page.goto(`${url}/dev/mailbox`);
    await page.getByRole('row').filter({ hasText: 'is on its way' }).first().waitFor({ timeout: 30_000 });
  }, 120_000);

  it('lets an admin onboard a vendor, suspend it with a reason and reinstate it', async () => {
    const name = `Leaf & Co ${Date.now()}`;
    const page = await staff.newPage();
    await page.goto(`${url}/admin/vendors`);
    const form = page.getByRole('form', { name: 'Onboard a vendor' });
    await form.getByLabel('Business name').fill(name);
    await form.getByLabel('Contact email').fill('orders@leaf.example');
    await form.getByRole('button', { name: 'Onboard' }).click();
    await page.getByText(`${name} onboarded`).waitFor();
    expect(await form.getByLabel('Business name').inputValue()).toBe('');
    const row = page.getByRole('table', { name: 'Vendors, by name' }).getByRole('row').filter({ hasText: name });
    await row.getByText('Active').waitFor();
    await checkPage(page, 'admin-vendors');

    page.once('dialog', (dialog) => void dialog.accept('Unpaid fees'));
    await row.getByRole('button', { name: `Suspend ${name}` }).click();
    await row.getByText('Suspended').waitFor();
    await row.getByText('Unpaid fees').waitFor();
    await checkPage(page, 'admin-vendors-suspended');
    await row.getByRole('button', { name: `Reinstate ${name}` }).click();
    await row.getByText('Active').waitFor();
    expect(await row.getByText('Unpaid fees').count()).toBe(0);
  }, 60_000);

  it('gives a vendor an account; the vendor lists and stocks its own product, shoppers see who sells it, and the vendor sees its part of the order paid', async () => {
    const name = `Potter ${Date.now()}`;
    const seller = { email: `seller.${Date.now()}@potter.example`, password: 'a long vendor password' };
    const office = await staff.newPage();
    await office.goto(`${url}/admin/vendors`);
    const onboard = office.getByRole('form', { name: 'Onboard a vendor' });
    await onboard.getByLabel('Business name').fill(name);
    await onboard.getByLabel('Contact email').fill('orders@potter.example');
    await onboard.getByRole('button', { name: 'Onboard' }).click();
    await office.getByText(`${name} onboarded`).waitFor();
    const give = office.getByRole('form', { name: 'Give a vendor an account' });
    await give.getByLabel('Vendor').selectOption({ label: name });
    await give.getByLabel('Email').fill(seller.email);
    await give.getByLabel('First password').fill(seller.password);
    await give.getByRole('button', { name: 'Create account' }).click();
    await office.getByText(`${seller.email} can now sign in for ${name}`).waitFor();
    await checkPage(office, 'admin-vendors-account');

    const vendorContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    try {
      const page = await vendorContext.newPage();
      await page.goto(`${url}/admin`);
      await page.getByLabel('Email').fill(seller.email);
      await page.getByLabel('Password').fill(seller.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Your orders' }).waitFor();
      await page.getByText('No order has your products yet.').waitFor();
      // A vendor's back-office is its own orders, products and stock: none of the shop's pages.
      expect(await page.getByRole('navigation', { name: 'Back-office' }).getByRole('link').allTextContents()).toEqual(['Your orders', 'Your products', 'Your stock']);
      await checkPage(page, 'vendor-orders-empty');

      const code = `MUG-${Date.now() % 100_000}`;
      await page.getByRole('navigation', { name: 'Back-office' }).getByRole('link', { name: 'Your products' }).click();
      await page.getByText('You sell nothing through the shop yet').waitFor();
      await page.getByLabel('Code').fill(code);
      await page.getByLabel('Name', { exact: true }).fill('Stoneware mug');
      await page.getByLabel('Category').selectOption({ label: 'Teaware' });
      await page.getByLabel('Price').fill('14.00');
      await page.getByRole('button', { name: 'Add product' }).click();
      await page.getByText(`${code} added`).waitFor();
      await page.getByRole('cell', { name: code, exact: true }).waitFor();
      // Only its own products are listed: none of the shop's teas.
      expect(await page.getByRole('cell', { name: 'SENCHA-50', exact: true }).count()).toBe(0);
      await checkPage(page, 'vendor-products');

      await page.getByRole('navigation', { name: 'Back-office' }).getByRole('link', { name: 'Your stock' }).click();
      const receive = page.getByRole('form', { name: 'Receive stock' });
      await receive.getByLabel('Product').selectOption(code);
      await receive.getByLabel('Quantity received').fill('6');
      await receive.getByRole('button', { name: 'Receive' }).click();
      await page.getByText(`Received 6 of ${code}`).waitFor();
      await checkPage(page, 'vendor-stock');

      const shopperPage = await shopper.newPage();
      await shopperPage.goto(`${url}/products/${code}`);
      await shopperPage.getByText(`Sold by ${name}`).waitFor();
      const orderId = await checkout(shopperPage, 'Stoneware mug', 'tok_success');
      await shopperPage.locator('.order-status').getByText('Paid').waitFor({ timeout: 30_000 });

      await page.getByRole('navigation', { name: 'Back-office' }).getByRole('link', { name: 'Your orders' }).click();
      const row = page.getByRole('table', { name: 'Your lines of each order, newest first' }).getByRole('row').filter({ hasText: orderId.slice(0, 8).toUpperCase() });
      for (let shown = false, tries = 0; !shown; tries++) {
        shown = await row.getByText('Paid').waitFor({ timeout: 1_000 }).then(() => true, () => false);
        if (!shown && tries > 30) throw new Error('the vendor never saw its part of the order paid');
        if (!shown) await page.reload();
      }
      await row.getByText('€14.00').waitFor();
      await checkPage(page, 'vendor-orders');

      // Suspended, the vendor sells nothing: the product page says so and offers no cart button.
      const office = await staff.newPage();
      await office.goto(`${url}/admin/vendors`);
      const vendorRow = office.getByRole('table', { name: 'Vendors, by name' }).getByRole('row').filter({ hasText: name });
      office.once('dialog', (dialog) => void dialog.accept('Holiday'));
      await vendorRow.getByRole('button', { name: `Suspend ${name}` }).click();
      await vendorRow.getByText('Suspended').waitFor();
      for (let shown = false, tries = 0; !shown; tries++) {
        await shopperPage.goto(`${url}/products/${code}`);
        shown = await shopperPage.getByText(`${name} is not selling for the moment`).waitFor({ timeout: 1_000 }).then(() => true, () => false);
        if (!shown && tries > 30) throw new Error('the storefront never said the vendor is not selling');
      }
      expect(await shopperPage.getByRole('button', { name: 'Add to cart' }).count()).toBe(0);
      await vendorRow.getByRole('button', { name: `Reinstate ${name}` }).click();
      await vendorRow.getByText('Active').waitFor();
    } finally {
      await vendorContext.close();
    }
  }, 120_000);

  it('lets staff put a product on sale: shoppers see the rule and until when it holds; a price that changed before checkout is told, and the order placed at the new one', async () => {
    const office = await staff.newPage();
    await office.goto(`${url}/admin/pricing`);
    const form = office.getByRole('form', { name: 'Define a price rule' });
    await form.getByLabel('Rule name').fill('Darjeeling week');
    await form.getByLabel('Applies to').selectOption('product');
    await form.getByLabel('Its code or id').fill('DARJ-50');
    await form.getByLabel('Percent off').fill('20');
    await form.getByLabel('Ends').fill('2099-12-31T23:00');
    await form.getByRole('button', { name: 'Define rule' }).click();
    await office.getByText('Rule "Darjeeling week" defined').waitFor();
    const row = office.getByRole('table', { name: 'Price rules in force or to come, newest first' }).getByRole('row').filter({ hasText: 'Darjeeling week' });
    await row.getByText('20 % off').waitFor();
    await checkPage(office, 'admin-pricing');

    const page = await shopper.newPage();
    await page.goto(`${url}/`);
    await page.evaluate("localStorage.removeItem('emporium.cart')");
    // The rule shows as soon as its projection has it: look again until it does.
    for (let shown = false, tries = 0; !shown; tries++) {
      await page.goto(`${url}/products/DARJ-50`);
      shown = await page.getByText('Darjeeling week').waitFor({ timeout: 1_000 }).then(() => true, () => false);
      if (!shown && tries > 20) throw new Error('the storefront never showed the sale');
    }
    await page.getByText('€10.00').first().waitFor();
    await page.getByLabel('was €12.50').waitFor();
    await page.getByText(/This price holds for orders placed until/).waitFor();
    await checkPage(page, 'storefront-product-on-sale');
    await page.getByRole('button', { name: 'Add to cart' }).click();

    // The sale ends while the shopper is still at the checkout.
    office.once('dialog', (dialog) => void dialog.accept('Ended early'));
    await row.getByRole('button', { name: 'End Darjeeling week' }).click();
    await office.getByText('"Darjeeling week" ended').waitFor();

    await page.goto(`${url}/checkout`);
    await page.getByRole('radio', { name: /tok_success/ }).check();
    await page.getByRole('button', { name: /Place order and pay/ }).click();
    await page.getByRole('alert').getByText('The price of Darjeeling first flush is now €12.50').waitFor();
    await checkPage(page, 'storefront-checkout-price-changed');
    await page.getByRole('button', { name: /Place order and pay/ }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    await page.locator('.order-status').getByText('Paid').waitFor({ timeout: 30_000 });
    await page.getByRole('cell', { name: '€12.50' }).first().waitFor();
  }, 120_000);

  it('shows on the radar a payment the provider never answered, once past its deadline', async () => {
    const page = await shopper.newPage();
    const orderId = await checkout(page, 'Assam breakfast', 'tok_no_answer');
    const radar = await staff.newPage();
    await radar.goto(`${url}/admin`);
    // The radar looks again by itself every few seconds; the deadline is 10 s.
    await radar.getByRole('table', { name: 'Payments the provider did not answer in time' }).getByRole('link', { name: orderId.slice(0, 8) }).waitFor({ timeout: 45_000 });
    await checkPage(radar, 'admin-radar-payment-past-deadline');
    // The customer is told on their order page without reloading it.
    await page.locator('.order-status').getByText('Payment failed').waitFor({ timeout: 30_000 });
    await page.getByRole('alert').getByText('did not answer in time').waitFor();
  }, 90_000);

  it('lets a customer erase their own personal data, signed out at once; the staff see them erased, nameless', async () => {
    const leaver = { email: `grace.${Date.now()}@example.test`, password: 'another long customer password' };
    const signedUp = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Grace', lastName: 'Hopper', email: leaver.email, password: leaver.password, shippingAddress: { line1: '1 Compiler Court', city: 'Arlington', postalCode: '22201', country: 'US' } }),
    });
    expect(signedUp.status).toBe(201);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${url}/sign-in?next=/account`);
      await page.getByLabel('Email').fill(leaver.email);
      await page.getByLabel('Password').fill(leaver.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText(leaver.email).waitFor();
      // She opts in to text messages first, with a number written as people write it.
      await page.getByLabel('Mobile number').fill('+1 202-555 0147');
      await page.getByRole('button', { name: 'Text me' }).click();
      await page.getByText('Text messages about your orders go to +12025550147.').waitFor();
      await page.getByText('We text +12025550147 when an order is paid').waitFor();
      await checkPage(page, 'storefront-profile-text-messages');
      const erase = page.getByRole('button', { name: 'Erase my data' });
      // Nothing is erased by a slip: the button waits for the word.
      expect(await erase.isDisabled()).toBe(true);
      await page.getByLabel('Type erase to confirm').fill('erase');
      await checkPage(page, 'storefront-erase-my-data');
      await erase.click();
      await page.getByText('Your personal data is erased').waitFor();
      await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
      await checkPage(page, 'storefront-erased');

      const office = await staff.newPage();
      await office.goto(`${url}/admin/customers`);
      await office.getByRole('table').getByText(/^Erased/).first().waitFor();
      expect(await office.getByText(leaver.email).count()).toBe(0);
      expect(await office.getByText('Grace Hopper').count()).toBe(0);
      await checkPage(office, 'admin-customers-erased');
      const signIn = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(leaver) });
      expect(signIn.status).toBe(401);
    } finally {
      await context.close();
    }
  }, 90_000);

  describe('with a real mail server, which refuses one customer\'s address', () => {
    // The app of the tests above keeps its mail in the development mailbox, which refuses nothing;
    // this one sends to an SMTP server run by the test.
    let mail: MailCatcher;
    let mailingApp: AppProcess;
    let mailingUrl: string;
    let mailingDataDir: string;
    beforeAll(async () => {
      mail = await startMailCatcher();
      mailingDataDir = mkdtempSync(path.join(tmpdir(), 'emporium-web-mail-'));
      mailingApp = startApp({ PORT: '0', EMPORIUM_DATA_DIR: mailingDataDir, EMPORIUM_ADMIN_EMAIL: admin.email, EMPORIUM_ADMIN_PASSWORD: admin.password, SMTP_URL: mail.smtpUrl });
      mailingUrl = await mailingApp.url;
      await untilReady(mailingUrl);
    }, 120_000);
    afterAll(async () => {
      mailingApp?.interrupt();
      await mailingApp?.exited;
      await mail?.close();
      rmSync(mailingDataDir, { recursive: true, force: true });
    });

    it('lets staff send again, from the radar, an email refused for good once the address is put right', async () => {
      const buyer = { firstName: 'Alan', lastName: 'Turing', email: `alan.${Date.now()}@example.test`, password: 'yet another long password', shippingAddress: { line1: '2 Bletchley Park', city: 'Milton Keynes', postalCode: 'MK3 6EB', country: 'GB' } };
      mail.refuseRecipients([buyer.email]);
      const post = (route: string, body: unknown, token?: string) =>
        fetch(`${mailingUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      expect((await post('/api/auth/signup', buyer)).status).toBe(201);
      const { accessToken } = (await (await post('/api/auth/login', { email: buyer.email, password: buyer.password })).json()) as { accessToken: string };
      const ordered = await post('/api/orders', { lines: [{ productCode: 'SENCHA-50', quantity: 1 }], paymentMethod: 'card', paymentToken: 'tok_success' }, accessToken);
      expect(ordered.status).toBe(201);

      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
      try {
        const radar = await context.newPage();
        await radar.goto(`${mailingUrl}/admin`);
        await radar.getByLabel('Email').fill(admin.email);
        await radar.getByLabel('Password').fill(admin.password);
        await radar.getByRole('button', { name: 'Sign in' }).click();
        // The radar looks again by itself every few seconds.
        const refused = radar.getByRole('table', { name: 'Emails the mail server refused, for now or for good' }).getByRole('row').filter({ hasText: buyer.email });
        await refused.getByText('Refused for good').waitFor({ timeout: 30_000 });
        await checkPage(radar, 'admin-radar-email-refused');
        expect(mail.messages().filter((message) => message.to.includes(buyer.email))).toEqual([]);

        mail.acceptRecipients([buyer.email]);
        radar.once('dialog', (dialog) => void dialog.accept('Address corrected with the customer'));
        await refused.getByRole('button', { name: 'Send again' }).click();
        await radar.getByText('Sent again, as a new message').waitFor();
        const deadline = Date.now() + 30_000;
        while (!mail.messages().some((message) => message.to.includes(buyer.email))) {
          if (Date.now() > deadline) throw new Error('the email sent again never arrived');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const [again, ...more] = mail.messages().filter((message) => message.to.includes(buyer.email));
        expect(more).toEqual([]);
        // A new message that answers the one refused, not a silent copy of it.
        expect(again!.inReplyTo).toMatch(/^<[0-9a-f-]{36}@emporium>$/);
        expect(again!.messageId).not.toBe(again!.inReplyTo);
        // Sent again, it is no longer stuck: the radar stops offering to send it (and it leaves).
        await refused.waitFor({ state: 'detached', timeout: 30_000 });
        await checkPage(radar, 'admin-radar-email-sent-again');
      } finally {
        await context.close();
      }
    }, 90_000);
  });
});
