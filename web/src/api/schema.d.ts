// Made by `npm run api:types` from /api/openapi.json. Do not edit: change the API instead.

export interface paths {
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign up as a customer: profile, email and password */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in: an access token and a refresh token */
        post: operations["logIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade a refresh token (once) for a new access and refresh token; without one in the body, the session cookie's (which then gets the new one) */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: revoke the refresh token's whole family */
        post: operations["logOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account and its role */
        get: operations["whoAmI"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change your password (with the current one); ends all your sessions */
        put: operations["changePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff, admin and auditor accounts, by email (admin) */
        get: operations["listStaffAccounts"];
        put?: never;
        /** Create a staff or admin account */
        post: operations["createStaffAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vendors/{vendorId}/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account for someone of a vendor's business: it manages that vendor's products and stock, and sees the order lines of them */
        post: operations["createVendorAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a staff account's role */
        put: operations["changeAccountRole"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable an account: it can no longer sign in, and its sessions end */
        post: operations["disableAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{customerId}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase a customer (GDPR art. 17), for good: their data key is deleted, so their name, email and addresses are unreadable everywhere, in the log too; their account closes; orders, totals and payments stay. The customer themselves, or an admin */
        post: operations["eraseCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The product categories, by name */
        get: operations["listCategories"];
        put?: never;
        /** Define a product category; its id is made from its name */
        post: operations["defineCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Browse the catalog: filter by category or vendor, search name, description and code, sort by name or price, page with a cursor */
        get: operations["listProducts"];
        put?: never;
        /** Add a product under a unique code */
        post: operations["addProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/price": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a product's price */
        put: operations["changeProductPrice"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/scheduled-prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Schedule a new list price from a moment to come; it takes effect then (the catalog shows it as the next price) */
        post: operations["schedulePriceChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/scheduled-prices/{scheduleId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a scheduled price change that has not taken effect */
        post: operations["cancelScheduledPrice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product, with its stock */
        get: operations["getProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a product's name, description, category or low-stock threshold */
        patch: operations["updateProductDetails"];
        trace?: never;
    };
    "/api/products/{code}/discontinue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Discontinue a product: it can no longer be ordered */
        post: operations["discontinueProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{code}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive stock of a product */
        post: operations["receiveStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{code}/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reserve stock for an order, all or nothing */
        post: operations["reserveStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{code}/reservations/{orderId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release an order's reservation */
        post: operations["releaseReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{code}/reservations/{orderId}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Commit an order's reservation: the goods leave the stock */
        post: operations["commitReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{code}/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the counted stock on hand, with a reason */
        post: operations["adjustStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every customer, newest first (staff) */
        get: operations["listCustomers"];
        put?: never;
        /** Register a customer; an email address belongs to one customer only */
        post: operations["registerCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{customerId}/shipping-address": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a customer's shipping address */
        put: operations["changeShippingAddress"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{customerId}/sms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Opt in to text messages about your orders, with a mobile number (E.164), or out (phone null); your own only */
        put: operations["setSmsPreference"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{customerId}/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a customer's email address */
        put: operations["changeCustomerEmail"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every customer's orders, newest first, by status if asked (staff) */
        get: operations["listOrders"];
        put?: never;
        /** Place an order; names and prices are captured from the catalog */
        post: operations["placeOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an order before it is paid */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give money back on a paid order: for the lines named, or all that is left of its payment; with restock, the goods go back into stock once the gateway has refunded */
        post: operations["refundOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{notificationId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an email again, as a new message answering the first (In-Reply-To), recorded on it with who asked and why; staff for any email, a customer for their own order's confirmation; at most 3 a day per email */
        post: operations["resendNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/awaiting-payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that an order awaits a payment */
        post: operations["recordOrderAwaitingPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark an order paid by its payment */
        post: operations["markOrderPaid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/payment-failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that an order's payment failed */
        post: operations["markOrderPaymentFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject an order that cannot be supplied (out of stock) */
        post: operations["rejectOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Request payment of an order's total */
        post: operations["requestPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/{paymentId}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the gateway's outcome of a payment; the same outcome again is ignored, a different one refused */
        post: operations["recordPaymentOutcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vendors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The vendors selling through the shop, by name (staff) */
        get: operations["listVendors"];
        put?: never;
        /** Onboard a vendor: a business that sells its products through the shop */
        post: operations["onboardVendor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vendors/{vendorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A vendor (staff, or the vendor's own accounts) */
        get: operations["getVendor"];
        /** Change a vendor's name or contact email */
        put: operations["updateVendorProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vendors/{vendorId}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend a vendor, with the reason */
        post: operations["suspendVendor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vendors/{vendorId}/reinstate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reinstate a suspended vendor */
        post: operations["reinstateVendor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/price-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The price rules, newest first; those in force or to come, or those ended, if asked (staff) */
        get: operations["listPriceRules"];
        put?: never;
        /** Define a price rule: a percentage or an amount off the list price of one product, a category, a vendor or everything; from a quantity on; for a time */
        post: operations["definePriceRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/price-rules/{ruleId}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a price rule now, with the reason; orders placed from now on are priced without it */
        post: operations["endPriceRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The payment gateway's outcome of a payment, signed (Emporium-Signature: t=<unix>,v1=<HMAC-SHA256 of "<t>.<raw body>">) */
        post: operations["paymentGatewayWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shipping/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What sending these lines would cost, by service, to the customer's address or the one given (nothing is written) */
        post: operations["quoteShipping"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/shipment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a paid order to the carrier: its label is bought (once per order) and the customer is emailed its tracking number */
        post: operations["shipOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shipping/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The carrier's word on a parcel, signed (Emporium-Signature: t=<unix>,v1=<HMAC-SHA256 of "<t>.<raw body>">) */
        post: operations["shippingCarrierWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer profile with an order summary (your own, or any for staff) */
        get: operations["getCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{customerId}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's orders, newest first (your own, or any for staff) */
        get: operations["listCustomerOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order with its status timeline (your own, or any for staff) */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order's payments, oldest first: one per attempt (your own, or any for staff) */
        get: operations["listOrderPayments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment: amount, method, status and the gateway's answer (of your own orders, or any for staff) */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Emails, last changed first, by status if asked: failed (refused for good) and retrying are what needs a look (staff) */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vendors/{vendorId}/order-lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A vendor's part of each order with its products, newest first: the lines, their subtotal and the order's status, nothing of the customer (staff, or the vendor's own accounts) */
        get: operations["listVendorOrderLines"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Paid sales per day and per product between two UTC days (at most 366 days) */
        get: operations["salesReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payment outcomes per method: succeeded, failed, success rate */
        get: operations["paymentOutcomesReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/low-stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active products at or below their low-stock threshold, scarcest first */
        get: operations["lowStockReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/radar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What is stuck: payments past their deadline, refunds refused, emails failing or retrying, projections stopped or lagging, parked events */
        get: operations["stuckRadar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/projections/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rebuild read models from the first event into shadows and swap them in; the live ones serve meanwhile (progress on /health) */
        post: operations["rebuildProjections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/parked-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events a process manager could not handle and set aside, newest first, with the error and the attempts */
        get: operations["listParkedEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/parked-events/{parkedEventId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Handle a parked event's partition again, in log order, once its cause is fixed; what fails again stays parked */
        post: operations["retryParkedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/{entity}/{entityId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every event of an order, payment, customer, product, stock item or notification, with who, when and why (recorded in your audit trail) */
        get: operations["auditHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/{entity}/{entityId}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entity's state as of a time or a stream revision, computed with the domain's own evolve (recorded in your audit trail) */
        get: operations["auditStateAt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/trace/{traceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything an order (or a request, by correlation id) set off, in every stream, as a tree of causes (recorded in your audit trail) */
        get: operations["auditTrace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        MoneyDto: {
            amount: number;
            /** @enum {string} */
            currency: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BOV" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHE" | "CHF" | "CHW" | "CLF" | "CLP" | "CNY" | "COP" | "COU" | "CRC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MXV" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SLL" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "USN" | "UYI" | "UYU" | "UYW" | "UZS" | "VED" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XAG" | "XAU" | "XBA" | "XBB" | "XBC" | "XBD" | "XCD" | "XDR" | "XOF" | "XPD" | "XPF" | "XPT" | "XSU" | "XTS" | "XUA" | "XXX" | "YER" | "ZAR" | "ZMW" | "ZWL";
        };
        AddressDto: {
            line1: string;
            line2?: string;
            city: string;
            postalCode: string;
            /** @enum {string} */
            country: "AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "YE" | "YT" | "ZA" | "ZM" | "ZW";
        };
        DefineCategoryDto: {
            name: string;
            description: string;
        };
        AddProductDto: {
            code: string;
            name: string;
            description: string;
            categoryId: string;
            price: components["schemas"]["MoneyDto"];
            lowStockThreshold: number;
            weightGrams?: number;
            /** Format: uuid */
            vendorId?: string;
        };
        UpdateProductDetailsDto: {
            name?: string;
            description?: string;
            categoryId?: string;
            lowStockThreshold?: number;
            weightGrams?: number;
        };
        EraseCustomerDto: {
            /** @enum {string} */
            confirmation: "erase";
        };
        VendorProfileDto: {
            name: string;
            /** Format: email */
            contactEmail: string;
        };
        ReasonDto: {
            reason: string;
        };
        ReceiveStockDto: {
            quantity: number;
        };
        ReserveStockDto: {
            /** Format: uuid */
            orderId: string;
            quantity: number;
        };
        AdjustStockDto: {
            countedOnHand: number;
            reason: string;
        };
        RegisterCustomerDto: {
            firstName: string;
            lastName: string;
            /** Format: email */
            email: string;
            shippingAddress: components["schemas"]["AddressDto"];
        };
        ChangeEmailDto: {
            /** Format: email */
            email: string;
        };
        OrderLineDto: {
            productCode: string;
            quantity: number;
        };
        ShownPriceDto: {
            amount: number;
            /** @enum {string} */
            currency: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BOV" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHE" | "CHF" | "CHW" | "CLF" | "CLP" | "CNY" | "COP" | "COU" | "CRC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MXV" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SLL" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "USN" | "UYI" | "UYU" | "UYW" | "UZS" | "VED" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XAG" | "XAU" | "XBA" | "XBB" | "XBC" | "XBD" | "XCD" | "XDR" | "XOF" | "XPD" | "XPF" | "XPT" | "XSU" | "XTS" | "XUA" | "XXX" | "YER" | "ZAR" | "ZMW" | "ZWL";
        };
        PlacedOrderLineDto: {
            expectedUnitPrice?: components["schemas"]["ShownPriceDto"];
            productCode: string;
            quantity: number;
        };
        RefundOrderDto: {
            reason: string;
            lines?: components["schemas"]["OrderLineDto"][];
            restock?: boolean;
        };
        PlaceOrderDto: {
            /** Format: uuid */
            customerId?: string;
            lines: components["schemas"]["PlacedOrderLineDto"][];
            /** @enum {string} */
            paymentMethod: "card" | "paypal" | "bank-transfer";
            paymentToken?: string;
            shippingAddress?: components["schemas"]["AddressDto"];
            /** @enum {string} */
            delivery?: "pickup" | "standard" | "express";
            expectedShippingCost?: components["schemas"]["ShownPriceDto"];
        };
        ShippingQuoteDto: {
            /** Format: uuid */
            customerId?: string;
            lines: components["schemas"]["OrderLineDto"][];
            shippingAddress?: components["schemas"]["AddressDto"];
        };
        PaymentReferenceDto: {
            /** Format: uuid */
            paymentId: string;
        };
        OrderPaymentFailedDto: {
            reason: string;
            /** Format: uuid */
            paymentId: string;
        };
        UnavailableLineDto: {
            productCode: string;
            requested: number;
            available: number;
        };
        RejectOrderDto: {
            unavailable: components["schemas"]["UnavailableLineDto"][];
        };
        RequestPaymentDto: {
            /** Format: uuid */
            orderId: string;
            /** @enum {string} */
            method?: "card" | "paypal" | "bank-transfer";
        };
        PaymentOutcomeDto: {
            /** @enum {string} */
            status: "succeeded" | "failed";
            gatewayReference?: string;
            reason?: string;
        };
        SignUpDto: {
            password: string;
            firstName: string;
            lastName: string;
            /** Format: email */
            email: string;
            shippingAddress: components["schemas"]["AddressDto"];
        };
        LoginDto: {
            email: string;
            password: string;
            /** @enum {string} */
            refreshTokenIn?: "body" | "cookie";
        };
        RefreshTokenDto: {
            refreshToken: string;
        };
        RefreshSessionDto: {
            refreshToken?: string;
        };
        ChangePasswordDto: {
            currentPassword: string;
            newPassword: string;
        };
        CreateStaffAccountDto: {
            /** Format: email */
            email: string;
            password: string;
            /** @enum {string} */
            role: "staff" | "admin" | "auditor";
        };
        CreateVendorAccountDto: {
            /** Format: email */
            email: string;
            password: string;
        };
        ChangeRoleDto: {
            /** @enum {string} */
            role: "staff" | "admin" | "auditor";
        };
        DefinePriceRuleDto: {
            name: string;
            /** @enum {string} */
            appliesTo: "all" | "product" | "category" | "vendor";
            productCode?: string;
            categoryId?: string;
            /** Format: uuid */
            vendorId?: string;
            percentOff?: number;
            amountOff?: components["schemas"]["MoneyDto"];
            minQuantity?: number;
            /** Format: date-time */
            validFrom?: string;
            /** Format: date-time */
            validUntil?: string;
        };
        ScheduledPriceDto: {
            amount: number;
            /** @enum {string} */
            currency: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BOV" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHE" | "CHF" | "CHW" | "CLF" | "CLP" | "CNY" | "COP" | "COU" | "CRC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MXV" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SLL" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "USN" | "UYI" | "UYU" | "UYW" | "UZS" | "VED" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XAG" | "XAU" | "XBA" | "XBB" | "XBC" | "XBD" | "XCD" | "XDR" | "XOF" | "XPD" | "XPF" | "XPT" | "XSU" | "XTS" | "XUA" | "XXX" | "YER" | "ZAR" | "ZMW" | "ZWL";
            /** Format: date-time */
            effectiveAt: string;
        };
        SmsPreferenceDto: {
            phone: string | null;
        };
        GatewayEventDataDto: {
            gatewayReference: string;
            /** Format: uuid */
            paymentId: string;
            /** Format: uuid */
            orderId: string;
            amount: components["schemas"]["MoneyDto"];
            /** Format: uuid */
            refundId?: string;
            refundReference?: string;
            failureCode?: string;
            failureMessage?: string;
        };
        GatewayEventDto: {
            id: string;
            /** @enum {string} */
            type: "payment.succeeded" | "payment.failed" | "refund.succeeded" | "refund.failed";
            created: number;
            data: components["schemas"]["GatewayEventDataDto"];
        };
        TrackingEventDataDto: {
            /** Format: uuid */
            shipmentId: string;
            /** Format: uuid */
            orderId: string;
            trackingNumber: string;
            /** @enum {string} */
            status: "in_transit" | "out_for_delivery" | "delivered" | "exception";
            description?: string;
            /** Format: date-time */
            occurredAt: string;
        };
        TrackingEventDto: {
            id: string;
            /** @enum {string} */
            type: "tracking.updated";
            created: number;
            data: components["schemas"]["TrackingEventDataDto"];
        };
        ParkedEventsQuery: {
            process?: string;
            includeResolved?: boolean;
            limit?: number;
        };
        AuditReadQuery: {
            showPersonalData?: boolean;
        };
        StateQuery: {
            at: string;
            showPersonalData?: boolean;
        };
        RebuildDto: {
            projections: ("catalog" | "categories" | "customers" | "order-history" | "payments" | "emails" | "staff-accounts" | "vendors" | "vendor-order-lines" | "price-rules" | "sales-report" | "payments-report" | "stock-report")[];
        };
        PageQuery: {
            limit?: number;
            cursor?: string;
        };
        ProductListQuery: {
            category?: string;
            q?: string;
            /** Format: uuid */
            vendor?: string;
            /** @enum {string} */
            sort?: "name" | "-name" | "price" | "-price";
            limit?: number;
            cursor?: string;
        };
        PriceRuleListQuery: {
            /** @enum {string} */
            status?: "active" | "ended";
            limit?: number;
            cursor?: string;
        };
        OrderListQuery: {
            /** @enum {string} */
            status?: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
            limit?: number;
            cursor?: string;
        };
        NotificationListQuery: {
            /** @enum {string} */
            status?: "requested" | "sent" | "retrying" | "failed";
            limit?: number;
            cursor?: string;
        };
        SalesQuery: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
        };
        Session: {
            /** @description A JWT (EdDSA); send it as Authorization: Bearer <token> */
            accessToken: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description Seconds the access token lives */
            expiresIn: number;
            /** @description Use once, at POST /api/auth/refresh, for a new pair. Absent when it went into the session cookie (refreshTokenIn: cookie) */
            refreshToken?: string;
            /** Format: date-time */
            refreshTokenExpiresAt: string;
            accountId: string;
            /** @enum {unknown} */
            role: "customer" | "staff" | "admin" | "auditor" | "vendor";
        };
        Me: {
            accountId?: string;
            /** @enum {unknown} */
            role?: "customer" | "staff" | "admin" | "auditor" | "vendor";
            customerId?: string | null;
            /** @description The vendor a vendor account acts for */
            vendorId?: string | null;
        };
        WebhookReceived: {
            /** @constant */
            received?: true;
        };
        ShippingQuote: {
            /** @description The parcel, packed (a product without a recorded weight counts 500 g a unit) */
            weightGrams: number;
            destinationCountry: string;
            /** @description The carrier's services for this parcel, cheapest first; empty: it cannot be shipped there (collect it at the shop) */
            rates: {
                /** @enum {unknown} */
                service: "standard" | "express";
                carrier: string;
                cost: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                estimatedDays: number;
            }[];
        };
        OrderShippedAnswer: {
            id: string;
            revision: number;
            checkpoint: string | null;
            alreadyApplied?: boolean;
            shipment: {
                shipmentId: string;
                carrier: string;
                /** @enum {unknown} */
                service: "standard" | "express";
                trackingNumber: string;
                /** @description The printable label */
                labelUrl: string;
            };
        };
        TrackingReceived: {
            /** @constant */
            received?: true;
        };
        ProductPage: {
            items: {
                code: string;
                name: string;
                description: string;
                category: {
                    id: string;
                    name: string;
                };
                price: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                onHand: number;
                reserved: number;
                /** @description On hand less reserved: what can be ordered now */
                available: number;
                lowStockThreshold: number;
                lowStock: boolean;
                /** @description Packed, per unit; absent: not recorded, and shipped as 500 g */
                weightGrams?: number;
                /** @enum {unknown} */
                status: "active" | "discontinued";
                vendor: {
                    id: string;
                    name: string;
                    /** @enum {unknown} */
                    status: "active" | "suspended";
                } | null;
                /** @description The price before any price rule; `price` is what one costs now */
                listPrice: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                priceRule: {
                    ruleId: string;
                    name: string;
                } | null;
                priceValidUntil: string | null;
                /** @description Lower unit prices from a quantity on */
                quantityPrices: {
                    minQuantity: number;
                    price: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    priceRule: {
                        ruleId: string;
                        name: string;
                    };
                }[];
                nextListPrice: {
                    price: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    /** Format: date-time */
                    effectiveAt: string;
                } | null;
                /** @description Every list price to come, earliest first */
                scheduled?: {
                    scheduleId: string;
                    price: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    /** Format: date-time */
                    effectiveAt: string;
                }[];
            }[];
            nextCursor: string | null;
        };
        Product: {
            code: string;
            name: string;
            description: string;
            category: {
                id: string;
                name: string;
            };
            price: {
                /** @description In minor units (cents) */
                amount: number;
                /** @description ISO 4217 */
                currency: string;
            };
            onHand: number;
            reserved: number;
            /** @description On hand less reserved: what can be ordered now */
            available: number;
            lowStockThreshold: number;
            lowStock: boolean;
            /** @description Packed, per unit; absent: not recorded, and shipped as 500 g */
            weightGrams?: number;
            /** @enum {unknown} */
            status: "active" | "discontinued";
            vendor: {
                id: string;
                name: string;
                /** @enum {unknown} */
                status: "active" | "suspended";
            } | null;
            /** @description The price before any price rule; `price` is what one costs now */
            listPrice: {
                /** @description In minor units (cents) */
                amount: number;
                /** @description ISO 4217 */
                currency: string;
            };
            priceRule: {
                ruleId: string;
                name: string;
            } | null;
            priceValidUntil: string | null;
            /** @description Lower unit prices from a quantity on */
            quantityPrices: {
                minQuantity: number;
                price: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                priceRule: {
                    ruleId: string;
                    name: string;
                };
            }[];
            nextListPrice: {
                price: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                /** Format: date-time */
                effectiveAt: string;
            } | null;
            /** @description Every list price to come, earliest first */
            scheduled?: {
                scheduleId: string;
                price: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                /** Format: date-time */
                effectiveAt: string;
            }[];
        };
        Categories: {
            items: {
                id: string;
                name: string;
                description: string;
            }[];
        };
        CustomerPage: {
            items: {
                customerId: string;
                firstName: string;
                lastName: string;
                email: string;
                shippingAddress: {
                    line1: string;
                    line2?: string;
                    city: string;
                    postalCode: string;
                    /** @description ISO 3166-1 alpha-2 */
                    country: string;
                };
                /** Format: date-time */
                registeredAt: string;
                /**
                 * Format: date-time
                 * @description Set once the customer is erased (GDPR art. 17): name, email and address then read ‹erased›
                 */
                erasedAt?: string;
                smsPhone?: string | null;
                orders: {
                    count: number;
                    totalSpent: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    }[];
                    lastOrder: {
                        orderId: string;
                        /** Format: date-time */
                        placedAt: string;
                        /** @enum {unknown} */
                        status: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
                        total: {
                            /** @description In minor units (cents) */
                            amount: number;
                            /** @description ISO 4217 */
                            currency: string;
                        };
                    } | null;
                };
            }[];
            nextCursor: string | null;
        };
        OrderPage: {
            items: {
                orderId: string;
                customerId: string;
                lines: {
                    productCode: string;
                    name: string;
                    quantity: number;
                    unitPrice: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    lineTotal: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    /** @description The vendor selling it; absent for the shop's own products */
                    vendorId?: string;
                    /** @description The price rule that made the unit price, when one did */
                    priceRule?: {
                        ruleId: string;
                        name: string;
                    };
                    /** @description The list price the rule was taken off */
                    listPrice?: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                }[];
                total: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                /** @enum {unknown} */
                paymentMethod: "card" | "paypal" | "bank-transfer";
                shippingAddress: {
                    line1: string;
                    line2?: string;
                    city: string;
                    postalCode: string;
                    /** @description ISO 3166-1 alpha-2 */
                    country: string;
                };
                /** @enum {unknown} */
                status: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
                /** Format: date-time */
                placedAt: string;
                paymentId: string | null;
                timeline: {
                    /** @enum {unknown} */
                    status: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
                    /** Format: date-time */
                    at: string;
                    reason?: string;
                    paymentId?: string;
                    unavailable?: {
                        productCode: string;
                        requested: number;
                        available: number;
                    }[];
                }[];
                /** @description How it travels and what that costs (part of the total); absent: collected at the shop */
                shipping?: {
                    /** @enum {unknown} */
                    service: "standard" | "express";
                    carrier: string;
                    cost: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    estimatedDays: number;
                    weightGrams: number;
                };
                /** @description The parcel, once shipped */
                shipment?: {
                    shipmentId: string;
                    carrier: string;
                    /** @enum {unknown} */
                    service: "standard" | "express";
                    trackingNumber: string;
                    /** @description The printable label */
                    labelUrl: string;
                    /** @description The carrier's word on the parcel, oldest first */
                    tracking: {
                        /** @enum {unknown} */
                        status: "in_transit" | "out_for_delivery" | "delivered" | "exception";
                        /** Format: date-time */
                        at: string;
                        description?: string;
                    }[];
                };
            }[];
            nextCursor: string | null;
        };
        CustomerProfile: {
            customerId: string;
            firstName: string;
            lastName: string;
            email: string;
            shippingAddress: {
                line1: string;
                line2?: string;
                city: string;
                postalCode: string;
                /** @description ISO 3166-1 alpha-2 */
                country: string;
            };
            /** Format: date-time */
            registeredAt: string;
            /**
             * Format: date-time
             * @description Set once the customer is erased (GDPR art. 17): name, email and address then read ‹erased›
             */
            erasedAt?: string;
            smsPhone?: string | null;
            orders: {
                count: number;
                totalSpent: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                }[];
                lastOrder: {
                    orderId: string;
                    /** Format: date-time */
                    placedAt: string;
                    /** @enum {unknown} */
                    status: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
                    total: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                } | null;
            };
        };
        Order: {
            orderId: string;
            customerId: string;
            lines: {
                productCode: string;
                name: string;
                quantity: number;
                unitPrice: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                lineTotal: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                /** @description The vendor selling it; absent for the shop's own products */
                vendorId?: string;
                /** @description The price rule that made the unit price, when one did */
                priceRule?: {
                    ruleId: string;
                    name: string;
                };
                /** @description The list price the rule was taken off */
                listPrice?: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
            }[];
            total: {
                /** @description In minor units (cents) */
                amount: number;
                /** @description ISO 4217 */
                currency: string;
            };
            /** @enum {unknown} */
            paymentMethod: "card" | "paypal" | "bank-transfer";
            shippingAddress: {
                line1: string;
                line2?: string;
                city: string;
                postalCode: string;
                /** @description ISO 3166-1 alpha-2 */
                country: string;
            };
            /** @enum {unknown} */
            status: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
            /** Format: date-time */
            placedAt: string;
            paymentId: string | null;
            timeline: {
                /** @enum {unknown} */
                status: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
                /** Format: date-time */
                at: string;
                reason?: string;
                paymentId?: string;
                unavailable?: {
                    productCode: string;
                    requested: number;
                    available: number;
                }[];
            }[];
            /** @description How it travels and what that costs (part of the total); absent: collected at the shop */
            shipping?: {
                /** @enum {unknown} */
                service: "standard" | "express";
                carrier: string;
                cost: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                estimatedDays: number;
                weightGrams: number;
            };
            /** @description The parcel, once shipped */
            shipment?: {
                shipmentId: string;
                carrier: string;
                /** @enum {unknown} */
                service: "standard" | "express";
                trackingNumber: string;
                /** @description The printable label */
                labelUrl: string;
                /** @description The carrier's word on the parcel, oldest first */
                tracking: {
                    /** @enum {unknown} */
                    status: "in_transit" | "out_for_delivery" | "delivered" | "exception";
                    /** Format: date-time */
                    at: string;
                    description?: string;
                }[];
            };
        };
        OrderPayments: {
            items: {
                paymentId: string;
                orderId: string;
                amount: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                /** @enum {unknown} */
                method: "card" | "paypal" | "bank-transfer";
                /** @enum {unknown} */
                status: "requested" | "submitted" | "succeeded" | "failed";
                gatewayReference: string | null;
                failureReason: string | null;
                /** Format: date-time */
                requestedAt: string;
                submittedAt: string | null;
                settledAt: string | null;
                /** Format: date-time */
                succeededLateAt?: string;
                refunds?: {
                    refundId: string;
                    amount: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    reason: string;
                    /** @enum {unknown} */
                    status: "requested" | "refunded" | "failed";
                    failureReason: string | null;
                    /** Format: date-time */
                    requestedAt: string;
                    settledAt: string | null;
                }[];
                /**
                 * @description How its last settled refund ended; failed: refused by the gateway, and not given back since
                 * @enum {unknown}
                 */
                lastRefundOutcome?: "refunded" | "failed";
            }[];
        };
        Payment: {
            paymentId: string;
            orderId: string;
            amount: {
                /** @description In minor units (cents) */
                amount: number;
                /** @description ISO 4217 */
                currency: string;
            };
            /** @enum {unknown} */
            method: "card" | "paypal" | "bank-transfer";
            /** @enum {unknown} */
            status: "requested" | "submitted" | "succeeded" | "failed";
            gatewayReference: string | null;
            failureReason: string | null;
            /** Format: date-time */
            requestedAt: string;
            submittedAt: string | null;
            settledAt: string | null;
            /** Format: date-time */
            succeededLateAt?: string;
            refunds?: {
                refundId: string;
                amount: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                reason: string;
                /** @enum {unknown} */
                status: "requested" | "refunded" | "failed";
                failureReason: string | null;
                /** Format: date-time */
                requestedAt: string;
                settledAt: string | null;
            }[];
            /**
             * @description How its last settled refund ended; failed: refused by the gateway, and not given back since
             * @enum {unknown}
             */
            lastRefundOutcome?: "refunded" | "failed";
        };
        NotificationPage: {
            items: {
                notificationId: string;
                to: string;
                /** @description The customer it was written to; absent for staff alerts */
                customerId?: string;
                subject: string;
                purpose: string;
                /** @enum {unknown} */
                status: "requested" | "sent" | "retrying" | "failed";
                attempts: number;
                lastError: string | null;
                /** Format: date-time */
                requestedAt: string;
                /** Format: date-time */
                updatedAt: string;
                resendOf?: string;
                resends?: {
                    resendId: string;
                    reason: string;
                    requestedBy: {
                        id: string;
                        role: string;
                    };
                    /** Format: date-time */
                    requestedAt: string;
                }[];
            }[];
            nextCursor: string | null;
        };
        StaffAccountPage: {
            items: {
                accountId: string;
                email: string;
                /** @enum {unknown} */
                role: "staff" | "admin" | "auditor" | "vendor";
                /** @description A vendor account's vendor */
                vendorId?: string;
                /** @enum {unknown} */
                status: "active" | "disabled";
                /** Format: date-time */
                createdAt: string;
            }[];
            nextCursor: string | null;
        };
        VendorPage: {
            items: {
                vendorId: string;
                name: string;
                contactEmail: string;
                /** @enum {unknown} */
                status: "active" | "suspended";
                suspendedReason: string | null;
                /** Format: date-time */
                onboardedAt: string;
                /** Format: date-time */
                updatedAt: string;
            }[];
            nextCursor: string | null;
        };
        Vendor: {
            vendorId: string;
            name: string;
            contactEmail: string;
            /** @enum {unknown} */
            status: "active" | "suspended";
            suspendedReason: string | null;
            /** Format: date-time */
            onboardedAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        VendorOrderLinesPage: {
            items: {
                id: string;
                orderId: string;
                vendorId: string;
                lines: {
                    productCode: string;
                    name: string;
                    quantity: number;
                    unitPrice: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    lineTotal: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    /** @description The vendor selling it; absent for the shop's own products */
                    vendorId?: string;
                    /** @description The price rule that made the unit price, when one did */
                    priceRule?: {
                        ruleId: string;
                        name: string;
                    };
                    /** @description The list price the rule was taken off */
                    listPrice?: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                }[];
                subtotal: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                /** @enum {unknown} */
                status: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
                /** Format: date-time */
                placedAt: string;
                /** Format: date-time */
                updatedAt: string;
            }[];
            nextCursor: string | null;
        };
        PriceRulePage: {
            items: {
                ruleId: string;
                name: string;
                scope: {
                    /** @constant */
                    kind: "all";
                } | {
                    /** @constant */
                    kind: "product";
                    productCode: string;
                } | {
                    /** @constant */
                    kind: "category";
                    categoryId: string;
                } | {
                    /** @constant */
                    kind: "vendor";
                    vendorId: string;
                };
                discount: {
                    /** @constant */
                    kind: "percentage";
                    percent: number;
                } | {
                    /** @constant */
                    kind: "fixed";
                    amount: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                };
                validFrom: string | null;
                validUntil: string | null;
                minQuantity: number;
                /** @enum {unknown} */
                status: "active" | "ended";
                definedBy: {
                    id: string;
                    role: string;
                };
                /** Format: date-time */
                definedAt: string;
                ended: {
                    reason: string;
                    /** Format: date-time */
                    at: string;
                } | null;
            }[];
            nextCursor: string | null;
        };
        SalesReport: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            days: {
                /** Format: date */
                day: string;
                currency: string;
                orders: number;
                units: number;
                /** @description In minor units */
                revenue: number;
            }[];
            products: {
                productCode: string;
                currency: string;
                units: number;
                revenue: number;
            }[];
            /** @description Paid sales by vendor; vendorId null is the shop’s own products. An order with lines of several vendors counts as an order for each */
            vendors: {
                vendorId: string | null;
                currency: string;
                orders: number;
                units: number;
                revenue: number;
            }[];
        };
        PaymentOutcomes: {
            items: {
                /** @enum {unknown} */
                method: "card" | "paypal" | "bank-transfer";
                succeeded: number;
                failed: number;
                successRate: number | null;
            }[];
        };
        LowStock: {
            items: {
                code: string;
                name: string;
                onHand: number;
                reserved: number;
                available: number;
                threshold: number;
            }[];
        };
        Radar: {
            /** Format: date-time */
            at: string;
            paymentsPastDeadline: {
                /** @enum {unknown} */
                state: "open" | "expired";
                dueAt: string | null;
                payment: {
                    paymentId: string;
                    orderId: string;
                    amount: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    /** @enum {unknown} */
                    method: "card" | "paypal" | "bank-transfer";
                    /** @enum {unknown} */
                    status: "requested" | "submitted" | "succeeded" | "failed";
                    gatewayReference: string | null;
                    failureReason: string | null;
                    /** Format: date-time */
                    requestedAt: string;
                    submittedAt: string | null;
                    settledAt: string | null;
                    /** Format: date-time */
                    succeededLateAt?: string;
                    refunds?: {
                        refundId: string;
                        amount: {
                            /** @description In minor units (cents) */
                            amount: number;
                            /** @description ISO 4217 */
                            currency: string;
                        };
                        reason: string;
                        /** @enum {unknown} */
                        status: "requested" | "refunded" | "failed";
                        failureReason: string | null;
                        /** Format: date-time */
                        requestedAt: string;
                        settledAt: string | null;
                    }[];
                    /**
                     * @description How its last settled refund ended; failed: refused by the gateway, and not given back since
                     * @enum {unknown}
                     */
                    lastRefundOutcome?: "refunded" | "failed";
                };
            }[];
            /** @description Payments whose last refund the gateway refused: the money is still to give back */
            refundsRefused: {
                paymentId: string;
                orderId: string;
                amount: {
                    /** @description In minor units (cents) */
                    amount: number;
                    /** @description ISO 4217 */
                    currency: string;
                };
                /** @enum {unknown} */
                method: "card" | "paypal" | "bank-transfer";
                /** @enum {unknown} */
                status: "requested" | "submitted" | "succeeded" | "failed";
                gatewayReference: string | null;
                failureReason: string | null;
                /** Format: date-time */
                requestedAt: string;
                submittedAt: string | null;
                settledAt: string | null;
                /** Format: date-time */
                succeededLateAt?: string;
                refunds?: {
                    refundId: string;
                    amount: {
                        /** @description In minor units (cents) */
                        amount: number;
                        /** @description ISO 4217 */
                        currency: string;
                    };
                    reason: string;
                    /** @enum {unknown} */
                    status: "requested" | "refunded" | "failed";
                    failureReason: string | null;
                    /** Format: date-time */
                    requestedAt: string;
                    settledAt: string | null;
                }[];
                /**
                 * @description How its last settled refund ended; failed: refused by the gateway, and not given back since
                 * @enum {unknown}
                 */
                lastRefundOutcome?: "refunded" | "failed";
            }[];
            /** @description Emails refused for good (failed) and not sent again since, or being retried, last changed first */
            emailsNotSent: {
                notificationId: string;
                to: string;
                /** @description The customer it was written to; absent for staff alerts */
                customerId?: string;
                subject: string;
                purpose: string;
                /** @enum {unknown} */
                status: "requested" | "sent" | "retrying" | "failed";
                attempts: number;
                lastError: string | null;
                /** Format: date-time */
                requestedAt: string;
                /** Format: date-time */
                updatedAt: string;
                resendOf?: string;
                resends?: {
                    resendId: string;
                    reason: string;
                    requestedBy: {
                        id: string;
                        role: string;
                    };
                    /** Format: date-time */
                    requestedAt: string;
                }[];
            }[];
            projections: {
                name: string;
                state: string | null;
                lag: number | null;
                stuck: boolean;
            }[];
            parkedEvents: Record<string, never>[];
        };
        RebuildAccepted: {
            rebuilding?: string[];
        };
        ParkedEvents: {
            items: {
                id?: string;
                process?: string;
                eventId?: string;
                streamId?: string;
                eventType?: string;
                eventPosition?: number;
                partitionKey?: string;
                /** @enum {unknown} */
                reason?: "failed" | "waiting";
                error?: string | null;
                attempts?: number;
                /** Format: date-time */
                parkedAt?: string;
                lastTriedAt?: string | null;
                resolvedAt?: string | null;
            }[];
        };
        ParkedRetryOutcome: {
            handled: string[];
            stillParked: number;
            error?: string;
        };
        AuditHistory: {
            streamId: string;
            events: Record<string, never>[];
        };
        AuditState: {
            streamId: string;
            revision: number | null;
            recordedAt?: string | null;
            state: unknown;
        };
        AuditTrace: {
            subject: Record<string, never>;
            events: number;
            streams?: unknown[];
            roots: unknown[];
        };
        CommandAccepted: {
            /** @description The id (or code) of the resource the command acted on */
            id: string;
            /** @description Its stream revision afterwards; also the weak ETag */
            revision: number;
            /** @description Where the event log stands after the command; give it to the query API to read your own writes */
            checkpoint: string | null;
            /** @description A retry found the command applied by an earlier attempt */
            alreadyApplied?: boolean;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            instance?: string;
            traceId?: string;
            errors?: {
                pointer?: string;
                detail?: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    signUp: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignUpDto"];
            };
        };
        responses: {
            /** @description Signed up; sign in next */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An access token was sent and is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The email belongs to someone else */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The email or password is not right */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many failed sign-ins; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RefreshSessionDto"];
            };
        };
        responses: {
            /** @description A new pair */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The refresh token is not valid (used, revoked or expired), or there is none */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RefreshSessionDto"];
            };
        };
        responses: {
            /** @description Signed out (the session cookie too) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An access token was sent and is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    whoAmI: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who you are */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            /** @description Password changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The current password is not right */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStaffAccounts: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of accounts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffAccountPage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createStaffAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateStaffAccountDto"];
            };
        };
        responses: {
            /** @description Account created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The email belongs to someone else */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createVendorAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                vendorId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVendorAccountDto"];
            };
        };
        responses: {
            /** @description Account created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The email belongs to someone else */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeAccountRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRoleDto"];
            };
        };
        responses: {
            /** @description Role changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Customer accounts have no staff roles; admins cannot change their own role */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    disableAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description Account disabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Admins cannot disable their own account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eraseCustomer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EraseCustomerDto"];
            };
        };
        responses: {
            /** @description Erased (asked again: erased already) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role, or to be that customer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such customer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or a request with this Idempotency-Key is still running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCategories: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every category */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Categories"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An access token was sent and is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    defineCategory: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DefineCategoryDto"];
            };
        };
        responses: {
            /** @description Category defined */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProducts: {
        parameters: {
            query?: {
                category?: string;
                q?: string;
                vendor?: string;
                sort?: "name" | "-name" | "price" | "-price";
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of products */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductPage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An access token was sent and is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddProductDto"];
            };
        };
        responses: {
            /** @description Product added */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeProductPrice: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written */
                "If-Match"?: string;
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoneyDto"];
            };
        };
        responses: {
            /** @description Price changed (or already that price) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match is stale: the resource changed; nothing was written */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    schedulePriceChange: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduledPriceDto"];
            };
        };
        responses: {
            /** @description Scheduled; the answer names the scheduled change */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelScheduledPrice: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An access token was sent and is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such product */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProductDetails: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written */
                "If-Match"?: string;
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProductDetailsDto"];
            };
        };
        responses: {
            /** @description Details updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match is stale: the resource changed; nothing was written */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    discontinueProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written */
                "If-Match"?: string;
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description Product discontinued */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match is stale: the resource changed; nothing was written */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveStock: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written */
                "If-Match"?: string;
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiveStockDto"];
            };
        };
        responses: {
            /** @description Stock received */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match is stale: the resource changed; nothing was written */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reserveStock: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReserveStockDto"];
            };
        };
        responses: {
            /** @description Reserved already for this order (the same request again) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description Stock reserved */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    releaseReservation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description Reservation released */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    commitReservation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reservation committed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adjustStock: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written */
                "If-Match"?: string;
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdjustStockDto"];
            };
        };
        responses: {
            /** @description Stock adjusted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match is stale: the resource changed; nothing was written */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCustomers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of customers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerPage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerCustomer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterCustomerDto"];
            };
        };
        responses: {
            /** @description Customer registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeShippingAddress: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written */
                "If-Match"?: string;
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddressDto"];
            };
        };
        responses: {
            /** @description Address changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match is stale: the resource changed; nothing was written */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setSmsPreference: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SmsPreferenceDto"];
            };
        };
        responses: {
            /** @description Opted in or out (or so already) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeCustomerEmail: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written */
                "If-Match"?: string;
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeEmailDto"];
            };
        };
        responses: {
            /** @description Email changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match is stale: the resource changed; nothing was written */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrders: {
        parameters: {
            query?: {
                status?: "placed" | "awaiting-payment" | "paid" | "shipped" | "delivered" | "payment-failed" | "cancelled" | "rejected" | "refunded";
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    placeOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlaceOrderDto"];
            };
        };
        responses: {
            /** @description Order placed */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written */
                "If-Match"?: string;
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description Order cancelled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match is stale: the resource changed; nothing was written */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refundOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefundOrderDto"];
            };
        };
        responses: {
            /** @description Refund asked of the payment gateway; its outcome follows (the payment, the order, an email) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resendNotification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                notificationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description Asked for: the mail sender sends it; its history shows both */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Sent again too often today */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordOrderAwaitingPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentReferenceDto"];
            };
        };
        responses: {
            /** @description Order awaits payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markOrderPaid: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentReferenceDto"];
            };
        };
        responses: {
            /** @description Order paid */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markOrderPaymentFailed: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderPaymentFailedDto"];
            };
        };
        responses: {
            /** @description Payment failure recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectOrderDto"];
            };
        };
        responses: {
            /** @description Order rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestPaymentDto"];
            };
        };
        responses: {
            /** @description Payment requested */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordPaymentOutcome: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentOutcomeDto"];
            };
        };
        responses: {
            /** @description Outcome recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or the key is in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refers to something unusable, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listVendors: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of vendors */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VendorPage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    onboardVendor: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VendorProfileDto"];
            };
        };
        responses: {
            /** @description Vendor onboarded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or a request with this Idempotency-Key is still running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getVendor: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path: {
                vendorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The vendor */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Vendor"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateVendorProfile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                vendorId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VendorProfileDto"];
            };
        };
        responses: {
            /** @description Profile changed (or already so) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or a request with this Idempotency-Key is still running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    suspendVendor: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                vendorId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description Suspended (or already so: the first suspension stands) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or a request with this Idempotency-Key is still running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reinstateVendor: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                vendorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Active (or already so) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule, or a request with this Idempotency-Key is still running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPriceRules: {
        parameters: {
            query?: {
                status?: "active" | "ended";
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of price rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceRulePage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    definePriceRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DefinePriceRuleDto"];
            };
        };
        responses: {
            /** @description Rule defined; it applies from validFrom (or now) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Names a product, category or vendor that is not there, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    endPriceRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description Ended (or ended already) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAccepted"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such price rule */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused by a business rule */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Names a product, category or vendor that is not there, or an Idempotency-Key reused for another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    paymentGatewayWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GatewayEventDto"];
            };
        };
        responses: {
            /** @description Recorded (or recorded before) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReceived"];
                };
            };
            /** @description Signature missing, wrong or stale; or not a gateway event */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An access token was sent and is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such payment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    quoteShipping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShippingQuoteDto"];
            };
        };
        responses: {
            /** @description The rates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShippingQuote"];
                };
            };
            /** @description The request is not valid (problem details name each field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such customer or product */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    shipOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller's own, per operation, for 24 hours */
                "Idempotency-Key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Shipped before: the same label */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderShippedAnswer"];
                };
            };
            /** @description Shipped: the label and its tracking number */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderShippedAnswer"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not paid, collected at the shop, or shipped with another parcel */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    shippingCarrierWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrackingEventDto"];
            };
        };
        responses: {
            /** @description Recorded (or recorded before, or older than what is known) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackingReceived"];
                };
            };
            /** @description Signature missing, wrong or stale; or not a tracking event */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An access token was sent and is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Auditors read; they change nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such order or parcel */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerProfile"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such customer (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCustomerOrders: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such customer (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such order (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrderPayments: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order's payments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPayments"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such order (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path: {
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such payment (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                status?: "requested" | "sent" | "retrying" | "failed";
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of emails */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listVendorOrderLines: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path: {
                vendorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of order parts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VendorOrderLinesPage"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role, or a vendor account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    salesReport: {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SalesReport"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    paymentOutcomesReport: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentOutcomes"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lowStockReport: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write */
                "Emporium-Checkpoint"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LowStock"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not caught up with Emporium-Checkpoint yet */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    stuckRadar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What is stuck now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Radar"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rebuildProjections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RebuildDto"];
            };
        };
        responses: {
            /** @description Rebuild started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RebuildAccepted"];
                };
            };
            /** @description Unknown projections, or one named twice */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the admin role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A projection is being rebuilt already, or does not run in this process */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listParkedEvents: {
        parameters: {
            query?: {
                process?: string;
                includeResolved?: boolean;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The parked events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParkedEvents"];
                };
            };
            /** @description A query parameter is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryParkedEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                parkedEventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tried again: what was handled, and what is still parked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParkedRetryOutcome"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the staff role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such parked event */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditHistory: {
        parameters: {
            query?: {
                showPersonalData?: boolean;
            };
            header?: never;
            path: {
                entity: "order" | "payment" | "customer" | "product" | "stock" | "notification";
                entityId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditHistory"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the auditor role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entity */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditStateAt: {
        parameters: {
            query: {
                at: string;
                showPersonalData?: boolean;
            };
            header?: never;
            path: {
                entity: "order" | "payment" | "customer" | "product" | "stock" | "notification";
                entityId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The state then */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditState"];
                };
            };
            /** @description `at` is neither a time nor a revision */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the auditor role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entity */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditTrace: {
        parameters: {
            query?: {
                showPersonalData?: boolean;
            };
            header?: never;
            path: {
                traceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trace */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditTrace"];
                };
            };
            /** @description The request is not valid (problem details name each field or parameter at fault) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in, or the access token is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the auditor role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Nothing belongs to that order or correlation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
