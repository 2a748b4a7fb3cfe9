import type { OrderLine, OrderShipping, PaymentMethod, Shipment } from '../domain/orders/order';
import type { PostalAddress } from '../domain/shared/address';
import type { Money } from '../domain/shared/money';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
/**
 * One formatter per currency, made once: making an Intl.NumberFormat costs about sixty times what
 * formatting with it does, and an email formats every line twice (text and HTML).
 */
const moneyFormats = new Map<string, { readonly format: Intl.NumberFormat; readonly minorUnitsPerMajor: number }>();
/**
 * Minor units shown as money: 5349 EUR → €53.49, 1500 JPY → ¥1,500 (the yen has no minor unit),
 * 1500 BHD → BHD 1.500 (a thousand fils to the dinar). The digits of each currency's minor unit
 * come from the runtime's currency data (CLDR, which follows ISO 4217 here).
 */
export function formatMoney(money: Money): string {
  let currency = moneyFormats.get(money.currency);
  if (!currency) {
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: money.currency });
    moneyFormats.set(money.currency, (currency = { format, minorUnitsPerMajor: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) }));
  }
  return currency.format.format(money.amount / currency.minorUnitsPerMajor);
}
/** How an order is named to its customer: the first eight characters of its id, in capitals. */
export const orderNumber = (orderId: string) => orderId.slice(0, 8).toUpperCase();
const addressLines = (address: PostalAddress) => [address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country].filter((line): line is string => Boolean(line));

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="font-family:Helvetica,Arial,sans-serif;color:#222;max-width:600px;margin:auto">${body}<p style="color:#888;font-size:12px">Emporium</p></body></html>`;
}

export interface OrderEmailFacts {
  readonly orderId: string;
  readonly firstName: string;
  readonly lines: readonly OrderLine[];
  readonly total: Money;
  readonly shippingAddress: PostalAddress;
  readonly paymentMethod: PaymentMethod;
  /** How it travels and at what cost; absent: collected at the shop. */
  readonly shipping?: OrderShipping | undefined;
}

/** Where the goods go, or that they wait at the shop. */
const whereItGoes = (order: OrderEmailFacts) => (order.shipping ? ['We will ship it to:', ...addressLines(order.shippingAddress)] : ['It will be ready for you to collect at the shop.']);
const shippingLine = (shipping: OrderShipping) => `Shipping (${shipping.service}, ${shipping.carrier})`;

export function paymentConfirmationEmail(order: OrderEmailFacts): RenderedEmail {
  const number = orderNumber(order.orderId);
  const subject = `Order ${number}: payment received`;
  const lineText = order.lines.map((line) => `  ${line.quantity} × ${line.name} (${line.productCode}) at ${formatMoney(line.unitPrice)} = ${formatMoney(line.lineTotal)}`);
  const text = [
    `Hello ${order.firstName},`,
    '',
    `Thank you: we have received your payment for order ${number}.`,
    '',
    ...lineText,
    ...(order.shipping ? [`  ${shippingLine(order.shipping)}: ${formatMoney(order.shipping.cost)}`] : []),
    `  Total: ${formatMoney(order.total)}`,
    '',
    ...whereItGoes(order).map((line, i) => (i === 0 ? line : `  ${line}`)),
    '',
    `Order reference: ${order.orderId}`,
  ].join('\n');
  const rows =
    order.lines
      .map((line) => `<tr><td>${line.quantity} ×</td><td>${escape(line.name)} <small>(${escape(line.productCode)})</small></td><td align="right">${formatMoney(line.unitPrice)}</td><td align="right">${formatMoney(line.lineTotal)}</td></tr>`)
      .join('') + (order.shipping ? `<tr><td></td><td>${escape(shippingLine(order.shipping))}</td><td></td><td align="right">${formatMoney(order.shipping.cost)}</td></tr>` : '');
  const [where, ...address] = whereItGoes(order);
  const html = page(
    subject,
    `<h1>Payment received</h1><p>Hello ${escape(order.firstName)},</p><p>Thank you: we have received your payment for order <b>${number}</b>.</p>` +
      `<table cellpadding="6" style="border-collapse:collapse">${rows}<tr><td></td><td><b>Total</b></td><td></td><td align="right"><b>${formatMoney(order.total)}</b></td></tr></table>` +
      `<p>${[where!, ...address].map(escape).join('<br>')}</p><p style="color:#666">Order reference: ${escape(order.orderId)}</p>`,
  );
  return { subject, text, html };
}

export function paymentFailedEmail(order: OrderEmailFacts, reason: string): RenderedEmail {
  const number = orderNumber(order.orderId);
  const subject = `Order ${number}: your payment did not go through`;
  const text = [
    `Hello ${order.firstName},`,
    '',
    `Your payment of ${formatMoney(order.total)} for order ${number} did not go through: ${reason}.`,
    '',
    'Nothing has been charged, and the items are no longer held for you.',
    'What to do next: check your payment details with your bank, or choose another payment method, and place the order again.',
    '',
    `Order reference: ${order.orderId}`,
  ].join('\n');
  const html = page(
    subject,
    `<h1>Your payment did not go through</h1><p>Hello ${escape(order.firstName)},</p><p>Your payment of <b>${formatMoney(order.total)}</b> for order <b>${number}</b> did not go through: ${escape(reason)}.</p>` +
      `<p>Nothing has been charged, and the items are no longer held for you.</p><p><b>What to do next:</b> check your payment details with your bank, or choose another payment method, and place the order again.</p><p style="color:#666">Order reference: ${escape(order.orderId)}</p>`,
  );
  return { subject, text, html };
}

export function refundEmail(order: OrderEmailFacts, refund: { amount: Money; reason: string }): RenderedEmail {
  const number = orderNumber(order.orderId);
  const subject = `Order ${number}: ${formatMoney(refund.amount)} refunded`;
  const text = [
    `Hello ${order.firstName},`,
    '',
    `We have refunded ${formatMoney(refund.amount)} for order ${number}: ${refund.reason}.`,
    '',
    'The money goes back the way you paid; your bank may take a few days to show it.',
    '',
    `Order reference: ${order.orderId}`,
  ].join('\n');
  const html = page(
    subject,
    `<h1>Your money is on its way back</h1><p>Hello ${escape(order.firstName)},</p><p>We have refunded <b>${formatMoney(refund.amount)}</b> for order <b>${number}</b>: ${escape(refund.reason)}.</p>` +
      `<p>The money goes back the way you paid; your bank may take a few days to show it.</p><p style="color:#666">Order reference: ${escape(order.orderId)}</p>`,
  );
  return { subject, text, html };
}

/** The parcel has left: who carries it, its tracking number, and where it goes. */
export function dispatchEmail(order: OrderEmailFacts, shipment: Shipment): RenderedEmail {
  const number = orderNumber(order.orderId);
  const subject = `Order ${number} is on its way`;
  const days = order.shipping ? `${order.shipping.estimatedDays} working day${order.shipping.estimatedDays === 1 ? '' : 's'}` : undefined;
  const text = [
    `Hello ${order.firstName},`,
    '',
    `Your order ${number} has left the shop with ${shipment.carrier} (${shipment.service}).`,
    `Tracking number: ${shipment.trackingNumber}`,
    ...(days ? [`It should reach you within ${days}.`] : []),
    '',
    'It is going to:',
    ...addressLines(order.shippingAddress).map((line) => `  ${line}`),
    '',
    `Order reference: ${order.orderId}`,
  ].join('\n');
  const html = page(
    subject,
    `<h1>On its way</h1><p>Hello ${escape(order.firstName)},</p><p>Your order <b>${number}</b> has left the shop with ${escape(shipment.carrier)} (${escape(shipment.service)}).</p>` +
      `<p>Tracking number: <b>${escape(shipment.trackingNumber)}</b>${days ? `<br>It should reach you within ${days}.` : ''}</p>` +
      `<p>It is going to:<br>${addressLines(order.shippingAddress).map(escape).join('<br>')}</p><p style="color:#666">Order reference: ${escape(order.orderId)}</p>`,
  );
  return { subject, text, html };
}

export function lowStockAlertEmail(stock: { code: string; name: string; available: number; threshold: number }): RenderedEmail {
  const subject = `Low stock: ${stock.name} (${stock.code}), ${stock.available} left`;
  const text = `${stock.name} (${stock.code}) is down to ${stock.available} available, at or below its threshold of ${stock.threshold}.\nReceive stock with POST /api/inventory/${stock.code}/receipts.`;
  const html = page(subject, `<h1>Low stock</h1><p><b>${escape(stock.name)}</b> (${escape(stock.code)}) is down to <b>${stock.available}</b> available, at or below its threshold of ${stock.threshold}.</p>`);
  return { subject, text, html };
}

/**
 * The text messages, short (one SMS segment where the reason allows) and without the customer's
 * name or address: a phone's lock screen shows them to whoever looks.
 */
export function paymentConfirmationText(order: Pick<OrderEmailFacts, 'orderId' | 'total'>): string {
  return `Emporium: payment of ${formatMoney(order.total)} received for order ${orderNumber(order.orderId)}. Thank you!`;
}

export function dispatchText(order: Pick<OrderEmailFacts, 'orderId'>, shipment: Pick<Shipment, 'carrier' | 'trackingNumber'>): string {
  return `Emporium: order ${orderNumber(order.orderId)} is on its way with ${shipment.carrier}, tracking number ${shipment.trackingNumber}.`;
}

export function paymentFailedText(order: Pick<OrderEmailFacts, 'orderId' | 'total'>, reason: string): string {
  return `Emporium: your payment of ${formatMoney(order.total)} for order ${orderNumber(order.orderId)} did not go through (${reason}). Nothing was charged; see your email for what to do.`;
}
