import type { notificationHandlers } from '../handlers/notification-handlers';
import type { Request, Response } from 'express';
import type { Operation } from '../../http/operations';
import { HttpProblem } from '../../http/problem-details';
import { parseBody, ValidationFailedError } from '../../http/validation';
import type { Principal } from '../../identity/access-tokens';
import type { CommandResult } from '../command-handler';
import { answer, commandContext, uuidParameter } from './command-responses';
import type { catalogHandlers } from '../handlers/catalog-handlers';
import type { customerHandlers } from '../handlers/customer-handlers';
import type { inventoryHandlers } from '../handlers/inventory-handlers';
import type { orderHandlers } from '../handlers/order-handlers';
import type { paymentHandlers } from '../handlers/payment-handlers';
import {
  AddProductDto,
  AddressDto,
  AdjustStockDto,
  ChangeEmailDto,
  DefineCategoryDto,
  MoneyDto,
  OrderPaymentFailedDto,
  PaymentOutcomeDto,
  PaymentReferenceDto,
  PlaceOrderDto,
  productCodePattern,
  ReasonDto,
  RefundOrderDto,
  ReceiveStockDto,
  RejectOrderDto,
  RequestPaymentDto,
  ReserveStockDto,
  ScheduledPriceDto,
  SmsPreferenceDto,
  UpdateProductDetailsDto,
  RegisterCustomerDto,
} from './dtos';

export interface CommandHandlers {
  readonly catalog: ReturnType<typeof catalogHandlers>;
  readonly inventory: ReturnType<typeof inventoryHandlers>;
  readonly customers: ReturnType<typeof customerHandlers>;
  readonly orders: ReturnType<typeof orderHandlers>;
  readonly payments: ReturnType<typeof paymentHandlers>;
  readonly notifications: ReturnType<typeof notificationHandlers>;
}

const writeProblems = { 400: 'The request is not valid (problem details name each field)', 404: 'No such resource', 409: 'Refused by a business rule, or the key is in use', 422: 'Refers to something unusable, or an Idempotency-Key reused for another request' };
const changeProblems = { ...writeProblems, 412: 'If-Match is stale: the resource changed; nothing was written' };

/**
 * The command API: one operation per command. Handlers are thin on purpose: validate the body,
 * build the command's context from the request, run the command, answer with Location, the
 * stream revision as a weak ETag, and the checkpoint to read one's own writes at.
 */
export function commandOperations(handlers: CommandHandlers, clock: () => Date): Operation[] {
  const context = (request: Request, response: Response) => commandContext(request, response, clock);

  const created = (location: string, id: string) => (response: Response, result: CommandResult<unknown, unknown>) =>
    answer(response, result, { status: result.events.length > 0 ? 201 : 200, location, id });
  const changed = (location: string, id: string) => (response: Response, result: CommandResult<unknown, unknown>) => answer(response, result, { status: 200, location, id });

  return [
    {
      method: 'post',
      path: '/api/categories',
      operationId: 'defineCategory',
      summary: 'Define a product category; its id is made from its name',
      tag: 'catalog',
      access: 'staff',
      body: DefineCategoryDto,
      idempotencyKey: true,
      responses: { 201: 'Category defined', ...writeProblems },
      async handle(request, response) {
        const body = await parseBody(DefineCategoryDto, request.body);
        const result = await handlers.catalog.defineCategory(body, context(request, response));
        const id = result.streamId.slice('category-'.length);
        created(`/api/categories/${id}`, id)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/products',
      operationId: 'addProduct',
      summary: 'Add a product under a unique code',
      tag: 'catalog',
      access: 'seller',
      body: AddProductDto,
      idempotencyKey: true,
      responses: { 201: 'Product added', ...writeProblems },
      async handle(request, response) {
        const body = await parseBody(AddProductDto, request.body);
        const result = await handlers.catalog.addProduct(body, context(request, response));
        created(`/api/products/${body.code}`, body.code)(response, result);
      },
    },
    {
      method: 'put',
      path: '/api/products/{code}/price',
      operationId: 'changeProductPrice',
      summary: "Change a product's price",
      tag: 'catalog',
      access: 'seller',
      body: MoneyDto,
      ifMatch: true,
      idempotencyKey: true,
      responses: { 200: 'Price changed (or already that price)', ...changeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const price = await parseBody(MoneyDto, request.body);
        const result = await handlers.catalog.changeProductPrice({ code, price: { amount: price.amount, currency: price.currency } }, context(request, response));
        changed(`/api/products/${code}`, code)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/products/{code}/scheduled-prices',
      operationId: 'schedulePriceChange',
      summary: "Schedule a new list price from a moment to come; it takes effect then (the catalog shows it as the next price)",
      tag: 'catalog',
      access: 'seller',
      body: ScheduledPriceDto,
      idempotencyKey: true,
      responses: { 201: 'Scheduled; the answer names the scheduled change', ...writeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const body = await parseBody(ScheduledPriceDto, request.body);
        const result = await handlers.catalog.schedulePriceChange({ code, price: { amount: body.amount, currency: body.currency }, effectiveAt: new Date(body.effectiveAt) }, context(request, response));
        created(`/api/products/${code}`, result.scheduleId)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/products/{code}/scheduled-prices/{scheduleId}/cancel',
      operationId: 'cancelScheduledPrice',
      summary: 'Cancel a scheduled price change that has not taken effect',
      tag: 'catalog',
      access: 'seller',
      idempotencyKey: true,
      responses: { 200: 'Cancelled', ...writeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const scheduleId = uuidParameter(request, 'scheduleId');
        const result = await handlers.catalog.cancelScheduledPrice({ code, scheduleId }, context(request, response));
        changed(`/api/products/${code}`, scheduleId)(response, result);
      },
    },
    {
      method: 'patch',
      path: '/api/products/{code}',
      operationId: 'updateProductDetails',
      summary: "Update a product's name, description, category or low-stock threshold",
      tag: 'catalog',
      access: 'seller',
      body: UpdateProductDetailsDto,
      ifMatch: true,
      idempotencyKey: true,
      responses: { 200: 'Details updated', ...changeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const body = await parseBody(UpdateProductDetailsDto, request.body);
        const result = await handlers.catalog.updateProductDetails({ ...body, code }, context(request, response));
        changed(`/api/products/${code}`, code)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/products/{code}/discontinue',
      operationId: 'discontinueProduct',
      summary: 'Discontinue a product: it can no longer be ordered',
      tag: 'catalog',
      access: 'seller',
      body: ReasonDto,
      ifMatch: true,
      idempotencyKey: true,
      responses: { 200: 'Product discontinued', ...changeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const { reason } = await parseBody(ReasonDto, request.body);
        const result = await handlers.catalog.discontinueProduct({ code, reason }, context(request, response));
        changed(`/api/products/${code}`, code)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/inventory/{code}/receipts',
      operationId: 'receiveStock',
      summary: 'Receive stock of a product',
      tag: 'inventory',
      access: 'seller',
      body: ReceiveStockDto,
      ifMatch: true,
      idempotencyKey: true,
      responses: { 200: 'Stock received', ...changeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const { quantity } = await parseBody(ReceiveStockDto, request.body);
        const result = await handlers.inventory.receiveStock({ code, quantity }, context(request, response));
        changed(`/api/inventory/${code}`, code)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/inventory/{code}/reservations',
      operationId: 'reserveStock',
      summary: 'Reserve stock for an order, all or nothing',
      tag: 'inventory',
      access: 'staff',
      body: ReserveStockDto,
      idempotencyKey: true,
      responses: { 201: 'Stock reserved', 200: 'Reserved already for this order (the same request again)', ...writeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const body = await parseBody(ReserveStockDto, request.body);
        const result = await handlers.inventory.reserveStock({ code, ...body }, context(request, response));
        created(`/api/inventory/${code}/reservations/${body.orderId}`, code)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/inventory/{code}/reservations/{orderId}/release',
      operationId: 'releaseReservation',
      summary: "Release an order's reservation",
      tag: 'inventory',
      access: 'staff',
      body: ReasonDto,
      idempotencyKey: true,
      responses: { 200: 'Reservation released', ...writeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const orderId = uuidParameter(request, 'orderId');
        const { reason } = await parseBody(ReasonDto, request.body);
        const result = await handlers.inventory.releaseReservation({ code, orderId, reason }, context(request, response));
        changed(`/api/inventory/${code}/reservations/${orderId}`, code)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/inventory/{code}/reservations/{orderId}/commit',
      operationId: 'commitReservation',
      summary: "Commit an order's reservation: the goods leave the stock",
      tag: 'inventory',
      access: 'staff',
      idempotencyKey: true,
      responses: { 200: 'Reservation committed', ...writeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const orderId = uuidParameter(request, 'orderId');
        const result = await handlers.inventory.commitReservation({ code, orderId }, context(request, response));
        changed(`/api/inventory/${code}/reservations/${orderId}`, code)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/inventory/{code}/adjustments',
      operationId: 'adjustStock',
      summary: 'Set the counted stock on hand, with a reason',
      tag: 'inventory',
      access: 'seller',
      body: AdjustStockDto,
      ifMatch: true,
      idempotencyKey: true,
      responses: { 200: 'Stock adjusted', ...changeProblems },
      async handle(request, response) {
        const code = productCode(request);
        const body = await parseBody(AdjustStockDto, request.body);
        const result = await handlers.inventory.adjustStock({ code, ...body }, context(request, response));
        changed(`/api/inventory/${code}`, code)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/customers',
      operationId: 'registerCustomer',
      summary: 'Register a customer; an email address belongs to one customer only',
      tag: 'customers',
      access: 'staff',
      body: RegisterCustomerDto,
      idempotencyKey: true,
      responses: { 201: 'Customer registered', ...writeProblems },
      async handle(request, response) {
        const body = await parseBody(RegisterCustomerDto, request.body);
        const result = await handlers.customers.registerCustomer(body, context(request, response));
        const id = result.streamId.slice('customer-'.length);
        created(`/api/customers/${id}`, id)(response, result);
      },
    },
    {
      method: 'put',
      path: '/api/customers/{customerId}/shipping-address',
      operationId: 'changeShippingAddress',
      summary: "Change a customer's shipping address",
      tag: 'customers',
      access: 'signed-in',
      body: AddressDto,
      ifMatch: true,
      idempotencyKey: true,
      responses: { 200: 'Address changed', ...changeProblems },
      async handle(request, response) {
        const customerId = uuidParameter(request, 'customerId');
        const shippingAddress = await parseBody(AddressDto, request.body);
        const result = await handlers.customers.changeShippingAddress({ customerId, shippingAddress: { ...shippingAddress } }, context(request, response));
        changed(`/api/customers/${customerId}`, customerId)(response, result);
      },
    },
    {
      method: 'put',
      path: '/api/customers/{customerId}/sms',
      operationId: 'setSmsPreference',
      summary: 'Opt in to text messages about your orders, with a mobile number (E.164), or out (phone null); your own only',
      tag: 'customers',
      access: 'signed-in',
      body: SmsPreferenceDto,
      idempotencyKey: true,
      responses: { 200: 'Opted in or out (or so already)', ...writeProblems },
      async handle(request, response) {
        const customerId = uuidParameter(request, 'customerId');
        const { phone } = await parseBody(SmsPreferenceDto, request.body);
        const result = await handlers.customers.setSmsPreference({ customerId, phone }, context(request, response));
        changed(`/api/customers/${customerId}`, customerId)(response, result);
      },
    },
    {
      method: 'put',
      path: '/api/customers/{customerId}/email',
      operationId: 'changeCustomerEmail',
      summary: "Change a customer's email address",
      tag: 'customers',
      access: 'signed-in',
      body: ChangeEmailDto,
      ifMatch: true,
      idempotencyKey: true,
      responses: { 200: 'Email changed', ...changeProblems },
      async handle(request, response) {
        const customerId = uuidParameter(request, 'customerId');
        const { email } = await parseBody(ChangeEmailDto, request.body);
        const result = await handlers.customers.changeEmail({ customerId, email }, context(request, response));
        changed(`/api/customers/${customerId}`, customerId)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/orders',
      operationId: 'placeOrder',
      summary: 'Place an order; names and prices are captured from the catalog',
      tag: 'orders',
      access: 'signed-in',
      body: PlaceOrderDto,
      idempotencyKey: true,
      responses: { 201: 'Order placed', ...writeProblems },
      async handle(request, response) {
        const body = await parseBody(PlaceOrderDto, request.body);
        const customerId = orderingCustomer(response, body.customerId);
        const result = await handlers.orders.placeOrder(
          {
            ...body,
            customerId,
            lines: body.lines.map(({ productCode, quantity, expectedUnitPrice }) => ({ productCode, quantity, ...(expectedUnitPrice ? { expectedUnitPrice: { amount: expectedUnitPrice.amount, currency: expectedUnitPrice.currency } } : {}) })),
            ...(body.shippingAddress ? { shippingAddress: { ...body.shippingAddress } } : {}),
          },
          context(request, response),
        );
        const id = result.streamId.slice('order-'.length);
        created(`/api/orders/${id}`, id)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/orders/{orderId}/cancel',
      operationId: 'cancelOrder',
      summary: 'Cancel an order before it is paid',
      tag: 'orders',
      access: 'signed-in',
      body: ReasonDto,
      ifMatch: true,
      idempotencyKey: true,
      responses: { 200: 'Order cancelled', ...changeProblems },
      async handle(request, response) {
        const orderId = uuidParameter(request, 'orderId');
        const { reason } = await parseBody(ReasonDto, request.body);
        const result = await handlers.orders.cancel({ orderId, reason }, context(request, response));
        changed(`/api/orders/${orderId}`, orderId)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/orders/{orderId}/refunds',
      operationId: 'refundOrder',
      summary: "Give money back on a paid order: for the lines named, or all that is left of its payment; with restock, the goods go back into stock once the gateway has refunded",
      tag: 'orders',
      access: 'staff',
      body: RefundOrderDto,
      idempotencyKey: true,
      responses: { 202: 'Refund asked of the payment gateway; its outcome follows (the payment, the order, an email)', ...writeProblems },
      async handle(request, response) {
        const orderId = uuidParameter(request, 'orderId');
        const { reason, lines, restock } = await parseBody(RefundOrderDto, request.body);
        const result = await handlers.payments.refundOrder({ orderId, reason, ...(lines ? { lines } : {}), restock: restock ?? false }, context(request, response));
        answer(response, result, { status: 202, location: `/api/orders/${orderId}`, id: result.refundId });
      },
    },
    {
      method: 'post',
      path: '/api/notifications/{notificationId}/resend',
      operationId: 'resendNotification',
      summary: "Send an email again, as a new message answering the first (In-Reply-To), recorded on it with who asked and why; staff for any email, a customer for their own order's confirmation; at most 3 a day per email",
      tag: 'notifications',
      access: 'signed-in',
      body: ReasonDto,
      idempotencyKey: true,
      responses: { 202: 'Asked for: the mail sender sends it; its history shows both', 429: 'Sent again too often today', ...writeProblems },
      async handle(request, response) {
        const notificationId = uuidParameter(request, 'notificationId');
        const { reason } = await parseBody(ReasonDto, request.body);
        const result = await handlers.notifications.requestResend({ notificationId, reason }, context(request, response));
        answer(response, result, { status: 202, location: `/api/notifications/${notificationId}`, id: result.resendId });
      },
    },
    {
      method: 'post',
      path: '/api/orders/{orderId}/awaiting-payment',
      operationId: 'recordOrderAwaitingPayment',
      summary: 'Record that an order awaits a payment',
      tag: 'orders',
      access: 'staff',
      body: PaymentReferenceDto,
      idempotencyKey: true,
      responses: { 200: 'Order awaits payment', ...writeProblems },
      async handle(request, response) {
        const orderId = uuidParameter(request, 'orderId');
        const { paymentId } = await parseBody(PaymentReferenceDto, request.body);
        const result = await handlers.orders.recordAwaitingPayment({ orderId, paymentId }, context(request, response));
        changed(`/api/orders/${orderId}`, orderId)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/orders/{orderId}/paid',
      operationId: 'markOrderPaid',
      summary: 'Mark an order paid by its payment',
      tag: 'orders',
      access: 'staff',
      body: PaymentReferenceDto,
      idempotencyKey: true,
      responses: { 200: 'Order paid', ...writeProblems },
      async handle(request, response) {
        const orderId = uuidParameter(request, 'orderId');
        const { paymentId } = await parseBody(PaymentReferenceDto, request.body);
        const result = await handlers.orders.markPaid({ orderId, paymentId }, context(request, response));
        changed(`/api/orders/${orderId}`, orderId)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/orders/{orderId}/payment-failed',
      operationId: 'markOrderPaymentFailed',
      summary: "Record that an order's payment failed",
      tag: 'orders',
      access: 'staff',
      body: OrderPaymentFailedDto,
      idempotencyKey: true,
      responses: { 200: 'Payment failure recorded', ...writeProblems },
      async handle(request, response) {
        const orderId = uuidParameter(request, 'orderId');
        const body = await parseBody(OrderPaymentFailedDto, request.body);
        const result = await handlers.orders.markPaymentFailed({ orderId, ...body }, context(request, response));
        changed(`/api/orders/${orderId}`, orderId)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/orders/{orderId}/reject',
      operationId: 'rejectOrder',
      summary: 'Reject an order that cannot be supplied (out of stock)',
      tag: 'orders',
      access: 'staff',
      body: RejectOrderDto,
      idempotencyKey: true,
      responses: { 200: 'Order rejected', ...writeProblems },
      async handle(request, response) {
        const orderId = uuidParameter(request, 'orderId');
        const { unavailable } = await parseBody(RejectOrderDto, request.body);
        const result = await handlers.orders.reject({ orderId, unavailable: unavailable.map((line) => ({ ...line })) }, context(request, response));
        changed(`/api/orders/${orderId}`, orderId)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/payments',
      operationId: 'requestPayment',
      summary: "Request payment of an order's total",
      tag: 'payments',
      access: 'signed-in',
      body: RequestPaymentDto,
      idempotencyKey: true,
      responses: { 201: 'Payment requested', ...writeProblems },
      async handle(request, response) {
        const body = await parseBody(RequestPaymentDto, request.body);
        const result = await handlers.payments.requestPayment(body, context(request, response));
        const id = result.streamId.slice('payment-'.length);
        created(`/api/payments/${id}`, id)(response, result);
      },
    },
    {
      method: 'post',
      path: '/api/payments/{paymentId}/outcome',
      operationId: 'recordPaymentOutcome',
      summary: "Record the gateway's outcome of a payment; the same outcome again is ignored, a different one refused",
      tag: 'payments',
      access: 'staff',
      body: PaymentOutcomeDto,
      idempotencyKey: true,
      responses: { 200: 'Outcome recorded', ...writeProblems },
      async handle(request, response) {
        const paymentId = uuidParameter(request, 'paymentId');
        const body = await parseBody(PaymentOutcomeDto, request.body);
        const outcome = body.status === 'succeeded' ? { status: body.status, gatewayReference: body.gatewayReference! } : { status: body.status, reason: body.reason! };
        const result = await handlers.payments.recordOutcome({ paymentId, outcome }, context(request, response));
        changed(`/api/payments/${paymentId}`, paymentId)(response, result);
      },
    },
  ];
}

/**
 * Whom an order is for: a customer orders for themselves (the id comes from the sign-in, never
 * the body); staff name the customer.
 */
export function orderingCustomer(response: Response, given: string | null | undefined): string {
  // An optional field may come as null: it names nobody, as if left out.
  const requested = given ?? undefined;
  const principal = response.locals.principal as Principal;
  if (principal.role === 'customer') {
    if (requested !== undefined && requested !== principal.accountId) {
      throw new ValidationFailedError([{ pointer: '/customerId', detail: 'customerId is taken from your sign-in; leave it out' }]);
    }
    return principal.accountId;
  }
  if (requested === undefined) throw new ValidationFailedError([{ pointer: '/customerId', detail: 'customerId must name the customer the order is for' }]);
  return requested;
}

/** A product code in the path; one that cannot exist is simply not found. */
function productCode(request: Request): string {
  const code = String(request.params.code ?? '').toUpperCase();
  if (!productCodePattern.test(code)) throw new HttpProblem(404, 'product-not-found', `There is no product ${String(request.params.code)}`);
  return code;
}
