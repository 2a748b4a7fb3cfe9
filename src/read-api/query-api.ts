import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { Pool } from 'pg';
import type { Request, Response } from 'express';
import { mayActFor, maySell } from '../commands/authorization';
import { productCodePattern } from '../commands/http/dtos';
import { notFound } from '../domain/shared/domain-error';
import { parseCheckpoint, type Actor } from '../event-store/event-store';
import type { Operation } from '../http/operations';
import { HttpProblem } from '../http/problem-details';
import { parseQuery, ValidationFailedError } from '../http/validation';
import { orderStatuses, type OrderStatus } from '../domain/orders/order';
import { uuidPattern } from '../shared/ids';
import type { DocumentStore, FindQuery, SortKey } from '../projections/document-store';
import type { ProjectionRunner } from '../projections/projection-runner';
import { categoriesProjection, catalogProjection, type CatalogCategory, type CatalogProduct } from '../projections/read-models/catalog';
import { customersProjection, type CustomerProfile } from '../projections/read-models/customers';
import { orderHistoryProjection, type OrderSummary } from '../projections/read-models/order-history';
import { notificationsByLastChange, notificationsProjection, type NotificationSummary } from '../projections/read-models/notifications';
import { paymentsProjection, type PaymentSummary } from '../projections/read-models/payments';
import { staffAccountsProjection, type StaffAccount } from '../projections/read-models/staff-accounts';
import { vendorsProjection, type VendorSummary } from '../projections/read-models/vendors';
import { vendorOrderLinesProjection, type VendorOrderLines } from '../projections/read-models/vendor-order-lines';
import { priceRulesProjection, type PriceRuleSummary } from '../projections/read-models/price-rules';
import type { PriceRule } from '../domain/pricing/price-book';
import { CatalogPrices } from './catalog-prices';
import { AnswerCache } from './answer-cache';
import { customerSchema, lowStockSchema, notificationSchema, priceRuleSchema, staffAccountSchema, vendorOrderLinesSchema, vendorSchema, orderSchema, pageOfSchema, paymentOutcomesSchema, paymentSchema, productSchema, categorySchema, salesReportSchema } from './answer-schemas';
import { lowStockReport, paymentOutcomesReport, salesReport } from '../projections/reporting/reporting-queries';

/*
 * The query API: reads only the read models, never the event store. A request may send
 * `Emporium-Checkpoint` (what a command answered): the query then waits, up to a bound, until the
 * projections it reads have reached that point, so a client reads its own writes.
 */

export const maxPageSize = 100;

class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(maxPageSize)
  limit?: number;

  @IsOptional() @IsString() @Length(1, 500)
  cursor?: string;
}

class ProductListQuery extends PageQuery {
  @IsOptional() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'category must be a category id such as green-tea' })
  category?: string;

  @IsOptional() @IsString() @Length(1, 100)
  q?: string;

  /** One vendor's products. */
  @IsOptional() @IsUUID()
  vendor?: string;

  @IsOptional() @IsIn(['name', '-name', 'price', '-price'])
  sort?: 'name' | '-name' | 'price' | '-price';
}

class PriceRuleListQuery extends PageQuery {
  @IsOptional() @IsIn(['active', 'ended'])
  status?: 'active' | 'ended';
}

class OrderListQuery extends PageQuery {
  @IsOptional() @IsIn(orderStatuses)
  status?: OrderStatus;
}

class NotificationListQuery extends PageQuery {
  @IsOptional() @IsIn(['requested', 'sent', 'retrying', 'failed'])
  status?: NotificationSummary['status'];
}

class SalesQuery {
  @JSONSchema({ format: 'date' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a day, YYYY-MM-DD' })
  from!: string;

  @JSONSchema({ format: 'date' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a day, YYYY-MM-DD' })
  to!: string;
}

const productSorts: Record<NonNullable<ProductListQuery['sort']>, SortKey[]> = {
  name: [{ path: 'nameKey', type: 'text', direction: 'asc' }, { path: 'code', type: 'text', direction: 'asc' }],
  '-name': [{ path: 'nameKey', type: 'text', direction: 'desc' }, { path: 'code', type: 'text', direction: 'asc' }],
  price: [{ path: 'price.amount', type: 'number', direction: 'asc' }, { path: 'code', type: 'text', direction: 'asc' }],
  '-price': [{ path: 'price.amount', type: 'number', direction: 'desc' }, { path: 'code', type: 'text', direction: 'asc' }],
};

const paymentsInOrder: SortKey[] = [
  { path: 'requestedAt', type: 'text', direction: 'asc' },
  { path: 'paymentId', type: 'text', direction: 'asc' },
];

const newestCustomersFirst: SortKey[] = [
  { path: 'registeredAt', type: 'text', direction: 'desc' },
  { path: 'customerId', type: 'text', direction: 'desc' },
];

const byEmail: SortKey[] = [
  { path: 'email', type: 'text', direction: 'asc' },
  { path: 'accountId', type: 'text', direction: 'asc' },
];

const byVendorName: SortKey[] = [
  { path: 'name', type: 'text', direction: 'asc' },
  { path: 'vendorId', type: 'text', direction: 'asc' },
];

const vendorsNewestFirst: SortKey[] = [
  { path: 'placedAt', type: 'text', direction: 'desc' },
  { path: 'id', type: 'text', direction: 'desc' },
];

const rulesNewestFirst: SortKey[] = [
  { path: 'definedAt', type: 'text', direction: 'desc' },
  { path: 'ruleId', type: 'text', direction: 'desc' },
];

const newestFirst: SortKey[] = [
  { path: 'placedAt', type: 'text', direction: 'desc' },
  { path: 'orderId', type: 'text', direction: 'desc' },
];

/** What shoppers see of a product: the read model without its search helpers. */
/** A product as shown: priced by the price book at `now`, without the fields kept for sorting and search. */
function publicProduct(product: CatalogProduct, rules: readonly PriceRule[], now: Date) {
  const { nameKey: _nameKey, searchText: _searchText, ...shown } = product;
  // Products projected before vendors existed have no vendor field until the catalog is rebuilt.
  return { ...shown, vendor: shown.vendor ?? null, ...CatalogPrices.shown(product, rules, now) };
}

export interface QueryApiDependencies {
  readonly documents: DocumentStore;
  readonly pool: Pool;
  readonly projections: ProjectionRunner;
  /** What time it is, for prices by rules that start and end. */
  readonly clock?: () => Date;
  /** How long a query waits for the projections to reach the checkpoint it was given. */
  readonly readYourWritesTimeoutMs: number;
}

/** Every query may be sent the checkpoint a command answered, and waits for it. */
export function queryOperations(deps: QueryApiDependencies): Operation[] {
  return readModelQueries(deps).map((operation) => ({ ...operation, readYourWrites: true }));
}

function readModelQueries(deps: QueryApiDependencies): Operation[] {
  const { documents, pool, projections } = deps;
  const clock = deps.clock ?? (() => new Date());
  const catalogAnswers = new AnswerCache();
  const prices = new CatalogPrices(documents, () => projections.version(priceRulesProjection.name));

  /**
   * A catalog answer, kept while neither the catalog nor the price rules have changed, and no
   * price in it has reached the moment it holds until.
   */
  async function catalogAnswer<T>(key: string, answer: (rules: readonly PriceRule[], now: Date) => Promise<T>): Promise<string> {
    const now = clock();
    const { rules, version: rulesVersion } = await prices.rules();
    const catalogVersion = projections.version(catalogProjection.name);
    const version = rulesVersion === undefined ? undefined : catalogVersion;
    return catalogAnswers.get(`${key}|${rulesVersion}`, version, () => answer(rules, now), { now, until: (value) => CatalogPrices.earliestChange(value) });
  }

  /** Waits until the projections this query reads have reached the checkpoint the request carries, if any. */
  async function caughtUp(request: Request, projectionNames: readonly string[]): Promise<void> {
    const header = request.get('Emporium-Checkpoint');
    if (header === undefined) return;
    const checkpoint = parseCheckpoint(header.trim());
    if (!checkpoint) throw new HttpProblem(400, 'invalid-checkpoint', 'Emporium-Checkpoint must be a checkpoint a command answered, such as 1234.56');
    if (!(await projections.waitFor(projectionNames, checkpoint, deps.readYourWritesTimeoutMs))) {
      throw new HttpProblem(503, 'not-caught-up', `The read models have not reached ${header} yet; try again shortly`, {}, { 'Retry-After': '1' });
    }
  }

  /** The signed-in caller as the authentication middleware put it (vendor included). */
  const actorOf = (response: Response) => response.locals.actor as Actor | undefined;

  /** A vendor's account reads its own vendor only; another is not found. Staff read any. */
  function ownVendorOnly(response: Response, vendorId: string): void {
    const actor = actorOf(response);
    if (!actor || !maySell(actor, vendorId)) throw notFound('vendor-not-found', `There is no vendor ${vendorId}`);
  }

  /** A customer's own, or anything for staff; someone else's is not found, so it does not leak. */
  function visibleTo(response: Response, customerId: string, what: { code: string; message: string }): void {
    const actor = actorOf(response);
    if (!actor || !mayActFor(actor, customerId)) throw notFound(what.code, what.message);
  }

  /** An order the caller may see: their own, or any for staff; anything else is not found, as if it did not exist. */
  async function visibleOrder(response: Response, orderId: string): Promise<OrderSummary> {
    const missing = { code: 'order-not-found', message: `There is no order ${orderId}` };
    const order = await documents.get<OrderSummary>(orderHistoryProjection.collection.name, orderId);
    if (!order) throw notFound(missing.code, missing.message);
    visibleTo(response, order.customerId, missing);
    return order;
  }

  /**
   * One page of a collection in a fixed order, as answered: one more document than the page holds
   * is read, and its presence gives the next cursor.
   */
  async function page<Doc>(collection: string, query: PageQuery, options: Pick<FindQuery, 'where' | 'contains'> & { sort: readonly SortKey[]; show?: (document: Doc) => unknown; defaultLimit?: number }) {
    const { sort, show = (document: Doc) => document, defaultLimit = 20, ...filter } = options;
    const limit = query.limit ?? defaultLimit;
    const found = await documents.find<Doc>(collection, { ...filter, sort: [...sort], limit: limit + 1, ...(query.cursor ? { after: decodeCursor(query.cursor, sort) } : {}) });
    return pageOf(found, limit, sort, show);
  }

  return [
    {
      method: 'get',
      path: '/api/products',
      operationId: 'listProducts',
      summary: 'Browse the catalog: filter by category or vendor, search name, description and code, sort by name or price, page with a cursor',
      tag: 'catalog',
      access: 'public',
      query: ProductListQuery,
      answers: { name: 'ProductPage', schema: pageOfSchema(productSchema) },
      responses: { 200: 'A page of products', 400: 'A query parameter is not valid', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const query = await parseQuery(ProductListQuery, request.query);
        await caughtUp(request, [catalogProjection.name, priceRulesProjection.name]);
        const body = await catalogAnswer(request.originalUrl, (rules, now) =>
          page<CatalogProduct>(catalogProjection.collection.name, query, {
            ...(query.category || query.vendor ? { where: { ...(query.category ? { 'category.id': query.category } : {}), ...(query.vendor ? { 'vendor.id': query.vendor.toLowerCase() } : {}) } } : {}),
            ...(query.q ? { contains: { path: 'searchText', text: query.q } } : {}),
            sort: productSorts[query.sort ?? 'name'],
            show: (product) => publicProduct(product, rules, now),
          }),
        );
        response.type('application/json').send(body);
      },
    },
    {
      method: 'get',
      path: '/api/products/{code}',
      operationId: 'getProduct',
      summary: 'One product, with its stock',
      tag: 'catalog',
      access: 'public',
      answers: { name: 'Product', schema: productSchema },
      responses: { 200: 'The product', 404: 'No such product', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const code = String(request.params.code ?? '').toUpperCase();
        await caughtUp(request, [catalogProjection.name, priceRulesProjection.name]);
        if (!productCodePattern.test(code)) throw notFound('product-not-found', `There is no product ${code}`);
        const body = await catalogAnswer(`product:${code}`, async (rules, now) => {
          const product = await documents.get<CatalogProduct>(catalogProjection.collection.name, code);
          return product ? publicProduct(product, rules, now) : null;
        });
        if (body === 'null') throw notFound('product-not-found', `There is no product ${code}`);
        response.type('application/json').send(body);
      },
    },
    {
      method: 'get',
      path: '/api/categories',
      operationId: 'listCategories',
      summary: 'The product categories, by name',
      tag: 'catalog',
      access: 'public',
      answers: { name: 'Categories', schema: { type: 'object', properties: { items: { type: 'array', items: categorySchema } }, required: ['items'] } },
      responses: { 200: 'Every category', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        await caughtUp(request, [categoriesProjection.name]);
        const categories = await documents.find<CatalogCategory>(categoriesProjection.collection.name, {
          sort: [{ path: 'nameKey', type: 'text', direction: 'asc' }, { path: 'id', type: 'text', direction: 'asc' }],
          limit: 1_000,
        });
        response.json({ items: categories.map(({ nameKey: _nameKey, ...category }) => category) });
      },
    },
    {
      method: 'get',
      path: '/api/customers',
      operationId: 'listCustomers',
      summary: 'Every customer, newest first (staff)',
      tag: 'customers',
      access: 'staff',
      query: PageQuery,
      answers: { name: 'CustomerPage', schema: pageOfSchema(customerSchema) },
      responses: { 200: 'A page of customers', 400: 'A query parameter is not valid', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const query = await parseQuery(PageQuery, request.query);
        await caughtUp(request, [customersProjection.name]);
        response.json(await page<CustomerProfile>(customersProjection.collection.name, query, { sort: newestCustomersFirst }));
      },
    },
    {
      method: 'get',
      path: '/api/orders',
      operationId: 'listOrders',
      summary: "Every customer's orders, newest first, by status if asked (staff)",
      tag: 'orders',
      access: 'staff',
      query: OrderListQuery,
      answers: { name: 'OrderPage', schema: pageOfSchema(orderSchema) },
      responses: { 200: 'A page of orders', 400: 'A query parameter is not valid', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const query = await parseQuery(OrderListQuery, request.query);
        await caughtUp(request, [orderHistoryProjection.name]);
        response.json(await page<OrderSummary>(orderHistoryProjection.collection.name, query, { ...(query.status ? { where: { status: query.status } } : {}), sort: newestFirst }));
      },
    },
    {
      method: 'get',
      path: '/api/customers/{customerId}',
      operationId: 'getCustomer',
      summary: 'A customer profile with an order summary (your own, or any for staff)',
      tag: 'customers',
      access: 'signed-in',
      answers: { name: 'CustomerProfile', schema: customerSchema },
      responses: { 200: 'The customer', 404: 'No such customer (or not yours)', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const customerId = idParameter(request, 'customerId', 'customer-not-found');
        visibleTo(response, customerId, { code: 'customer-not-found', message: `There is no customer ${customerId}` });
        await caughtUp(request, [customersProjection.name]);
        const customer = await documents.get<CustomerProfile>(customersProjection.collection.name, customerId);
        if (!customer) throw notFound('customer-not-found', `There is no customer ${customerId}`);
        response.json(customer);
      },
    },
    {
      method: 'get',
      path: '/api/customers/{customerId}/orders',
      operationId: 'listCustomerOrders',
      summary: "A customer's orders, newest first (your own, or any for staff)",
      tag: 'orders',
      access: 'signed-in',
      query: PageQuery,
      answers: { name: 'OrderPage', schema: pageOfSchema(orderSchema) },
      responses: { 200: 'A page of orders', 400: 'A query parameter is not valid', 404: 'No such customer (or not yours)', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const customerId = idParameter(request, 'customerId', 'customer-not-found');
        visibleTo(response, customerId, { code: 'customer-not-found', message: `There is no customer ${customerId}` });
        const query = await parseQuery(PageQuery, request.query);
        await caughtUp(request, [orderHistoryProjection.name]);
        response.json(await page<OrderSummary>(orderHistoryProjection.collection.name, query, { where: { customerId }, sort: newestFirst }));
      },
    },
    {
      method: 'get',
      path: '/api/orders/{orderId}',
      operationId: 'getOrder',
      summary: 'An order with its status timeline (your own, or any for staff)',
      tag: 'orders',
      access: 'signed-in',
      answers: { name: 'Order', schema: orderSchema },
      responses: { 200: 'The order', 404: 'No such order (or not yours)', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const orderId = idParameter(request, 'orderId', 'order-not-found');
        await caughtUp(request, [orderHistoryProjection.name]);
        response.json(await visibleOrder(response, orderId));
      },
    },
    {
      method: 'get',
      path: '/api/orders/{orderId}/payments',
      operationId: 'listOrderPayments',
      summary: "An order's payments, oldest first: one per attempt (your own, or any for staff)",
      tag: 'payments',
      access: 'signed-in',
      answers: { name: 'OrderPayments', schema: { type: 'object', properties: { items: { type: 'array', items: paymentSchema } }, required: ['items'] } },
      responses: { 200: "The order's payments", 404: 'No such order (or not yours)', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const orderId = idParameter(request, 'orderId', 'order-not-found');
        await caughtUp(request, [orderHistoryProjection.name, paymentsProjection.name]);
        await visibleOrder(response, orderId);
        // A shop asks for payment a handful of times per order at most; one page holds them all.
        const payments = await documents.find<PaymentSummary>(paymentsProjection.collection.name, { where: { orderId }, sort: paymentsInOrder, limit: 1_000 });
        response.json({ items: payments });
      },
    },
    {
      method: 'get',
      path: '/api/payments/{paymentId}',
      operationId: 'getPayment',
      summary: 'A payment: amount, method, status and the gateway\'s answer (of your own orders, or any for staff)',
      tag: 'payments',
      access: 'signed-in',
      answers: { name: 'Payment', schema: paymentSchema },
      responses: { 200: 'The payment', 404: 'No such payment (or not yours)', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const paymentId = idParameter(request, 'paymentId', 'payment-not-found');
        await caughtUp(request, [orderHistoryProjection.name, paymentsProjection.name]);
        const missing = { code: 'payment-not-found', message: `There is no payment ${paymentId}` };
        const payment = await documents.get<PaymentSummary>(paymentsProjection.collection.name, paymentId);
        if (!payment) throw notFound(missing.code, missing.message);
        // Whose it is follows from its order; a payment whose order is not projected yet is shown to staff only.
        const order = await documents.get<OrderSummary>(orderHistoryProjection.collection.name, payment.orderId);
        visibleTo(response, order?.customerId ?? '', missing);
        response.json(payment);
      },
    },
    {
      method: 'get',
      path: '/api/notifications',
      operationId: 'listNotifications',
      summary: 'Emails, last changed first, by status if asked: failed (refused for good) and retrying are what needs a look (staff)',
      tag: 'notifications',
      access: 'staff',
      query: NotificationListQuery,
      answers: { name: 'NotificationPage', schema: pageOfSchema(notificationSchema) },
      responses: { 200: 'A page of emails', 400: 'A query parameter is not valid', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const query = await parseQuery(NotificationListQuery, request.query);
        await caughtUp(request, [notificationsProjection.name]);
        response.json(await page<NotificationSummary>(notificationsProjection.collection.name, query, { ...(query.status ? { where: { status: query.status } } : {}), sort: notificationsByLastChange }));
      },
    },
    {
      method: 'get',
      path: '/api/accounts',
      operationId: 'listStaffAccounts',
      summary: 'Staff, admin and auditor accounts, by email (admin)',
      tag: 'accounts',
      access: 'admin',
      query: PageQuery,
      answers: { name: 'StaffAccountPage', schema: pageOfSchema(staffAccountSchema) },
      responses: { 200: 'A page of accounts', 400: 'A query parameter is not valid', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const query = await parseQuery(PageQuery, request.query);
        await caughtUp(request, [staffAccountsProjection.name]);
        response.json(await page<StaffAccount>(staffAccountsProjection.collection.name, query, { sort: byEmail, defaultLimit: 50 }));
      },
    },
    {
      method: 'get',
      path: '/api/vendors',
      operationId: 'listVendors',
      summary: 'The vendors selling through the shop, by name (staff)',
      tag: 'vendors',
      access: 'staff',
      query: PageQuery,
      answers: { name: 'VendorPage', schema: pageOfSchema(vendorSchema) },
      responses: { 200: 'A page of vendors', 400: 'A query parameter is not valid', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const query = await parseQuery(PageQuery, request.query);
        await caughtUp(request, [vendorsProjection.name]);
        response.json(await page<VendorSummary>(vendorsProjection.collection.name, query, { sort: byVendorName, defaultLimit: 50 }));
      },
    },
    {
      method: 'get',
      path: '/api/vendors/{vendorId}',
      operationId: 'getVendor',
      summary: "A vendor (staff, or the vendor's own accounts)",
      tag: 'vendors',
      access: 'seller',
      answers: { name: 'Vendor', schema: vendorSchema },
      responses: { 200: 'The vendor', 404: 'No such vendor (or not yours)', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const vendorId = idParameter(request, 'vendorId', 'vendor-not-found');
        ownVendorOnly(response, vendorId);
        await caughtUp(request, [vendorsProjection.name]);
        const vendor = await documents.get<VendorSummary>(vendorsProjection.collection.name, vendorId);
        if (!vendor) throw notFound('vendor-not-found', `There is no vendor ${vendorId}`);
        response.json(vendor);
      },
    },
    {
      method: 'get',
      path: '/api/vendors/{vendorId}/order-lines',
      operationId: 'listVendorOrderLines',
      summary: "A vendor's part of each order with its products, newest first: the lines, their subtotal and the order's status, nothing of the customer (staff, or the vendor's own accounts)",
      tag: 'vendors',
      access: 'seller',
      query: PageQuery,
      answers: { name: 'VendorOrderLinesPage', schema: pageOfSchema(vendorOrderLinesSchema) },
      responses: { 200: 'A page of order parts', 400: 'A query parameter is not valid', 404: 'No such vendor (or not yours)', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const vendorId = idParameter(request, 'vendorId', 'vendor-not-found');
        ownVendorOnly(response, vendorId);
        const query = await parseQuery(PageQuery, request.query);
        await caughtUp(request, [vendorOrderLinesProjection.name]);
        response.json(await page<VendorOrderLines>(vendorOrderLinesProjection.collection.name, query, { where: { vendorId }, sort: vendorsNewestFirst }));
      },
    },
    {
      method: 'get',
      path: '/api/price-rules',
      operationId: 'listPriceRules',
      summary: 'The price rules, newest first; those in force or to come, or those ended, if asked (staff)',
      tag: 'pricing',
      access: 'staff',
      query: PriceRuleListQuery,
      answers: { name: 'PriceRulePage', schema: pageOfSchema(priceRuleSchema) },
      responses: { 200: 'A page of price rules', 400: 'A query parameter is not valid', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const query = await parseQuery(PriceRuleListQuery, request.query);
        await caughtUp(request, [priceRulesProjection.name]);
        response.json(await page<PriceRuleSummary>(priceRulesProjection.collection.name, query, { ...(query.status ? { where: { status: query.status } } : {}), sort: rulesNewestFirst }));
      },
    },
    {
      method: 'get',
      path: '/api/reports/sales',
      operationId: 'salesReport',
      summary: 'Paid sales per day and per product between two UTC days (at most 366 days)',
      tag: 'reports',
      access: 'staff',
      query: SalesQuery,
      answers: { name: 'SalesReport', schema: salesReportSchema },
      responses: { 200: 'The report', 400: 'A query parameter is not valid', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        const { from, to } = await parseQuery(SalesQuery, request.query);
        const [start, end] = [dayStart(from), dayStart(to)];
        if (start === null) throw new ValidationFailedError([{ parameter: 'from', detail: 'from must be a real day' }]);
        if (end === null) throw new ValidationFailedError([{ parameter: 'to', detail: 'to must be a real day' }]);
        if (end < start) throw new ValidationFailedError([{ parameter: 'to', detail: 'to must not be before from' }]);
        if (end - start > 365 * 86_400_000) throw new ValidationFailedError([{ parameter: 'to', detail: 'a report covers at most 366 days' }]);
        await caughtUp(request, ['sales-report']);
        response.json(await salesReport(pool, from, to));
      },
    },
    {
      method: 'get',
      path: '/api/reports/payments',
      operationId: 'paymentOutcomesReport',
      summary: 'Payment outcomes per method: succeeded, failed, success rate',
      tag: 'reports',
      access: 'staff',
      answers: { name: 'PaymentOutcomes', schema: paymentOutcomesSchema },
      responses: { 200: 'The report', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        await caughtUp(request, ['payments-report']);
        response.json({ items: await paymentOutcomesReport(pool) });
      },
    },
    {
      method: 'get',
      path: '/api/reports/low-stock',
      operationId: 'lowStockReport',
      summary: 'Active products at or below their low-stock threshold, scarcest first',
      tag: 'reports',
      access: 'staff',
      answers: { name: 'LowStock', schema: lowStockSchema },
      responses: { 200: 'The report', 503: 'Not caught up with Emporium-Checkpoint yet' },
      async handle(request, response) {
        await caughtUp(request, ['stock-report']);
        response.json({ items: await lowStockReport(pool) });
      },
    },
  ];
}

/** Midnight UTC of a YYYY-MM-DD day, or null for one that is no day (2026-02-30: Date.parse rolls it over to March). */
function dayStart(day: string): number | null {
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day ? null : time;
}

function idParameter(request: Request, name: string, code: string): string {
  const value = String(request.params[name] ?? '');
  if (!uuidPattern.test(value)) throw notFound(code, `There is no ${name.replace(/Id$/, '')} ${value}`);
  return value.toLowerCase();
}

/** One more than asked for was read: its presence says there is a next page. */
function pageOf<Doc, Shown>(documents: Doc[], limit: number, sort: readonly SortKey[], show: (document: Doc) => Shown) {
  const items = documents.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = documents.length > limit && last ? encodeCursor(sort.map((key) => valueOf(last, key.path))) : null;
  return { items: items.map(show), nextCursor };
}

function valueOf(document: unknown, path: string): string | number {
  const value = path.split('.').reduce<unknown>((current, key) => (current as Record<string, unknown>)[key], document);
  return typeof value === 'number' ? value : String(value);
}

const encodeCursor = (values: readonly (string | number)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** A cursor holds the sort values of the last item shown, each of its key's type (a price is a number). */
function decodeCursor(cursor: string, sort: readonly SortKey[]): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const fits = (value: unknown, key: SortKey) => (key.type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string' && !value.includes('\u0000') && value.isWellFormed());
    if (Array.isArray(values) && values.length === sort.length && sort.every((key, i) => fits(values[i], key))) return values as (string | number)[];
  } catch {
    // falls through to the refusal below
  }
  throw new ValidationFailedError([{ parameter: 'cursor', detail: 'cursor must be the nextCursor of a previous page of the same query' }]);
}
