import type { Request, Response } from 'express';
import type { RuleScope } from '../../domain/pricing/price-book';
import type { Operation } from '../../http/operations';
import { parseBody, ValidationFailedError } from '../../http/validation';
import type { pricingHandlers } from '../handlers/pricing-handlers';
import { answer, commandContext, uuidParameter } from './command-responses';
import { DefinePriceRuleDto, priceRuleProblems, ReasonDto } from './dtos';

const writeProblems = { 400: 'The request is not valid (problem details name each field)', 409: 'Refused by a business rule', 422: 'Names a product, category or vendor that is not there, or an Idempotency-Key reused for another request' };

/** Price rules (seed 002's dynamic pricing): the staff define and end them; every order is priced by them. */
export function pricingOperations(pricing: ReturnType<typeof pricingHandlers>, clock: () => Date): Operation[] {
  const context = (request: Request, response: Response) => commandContext(request, response, clock);
  return [
    {
      method: 'post',
      path: '/api/price-rules',
      operationId: 'definePriceRule',
      summary: 'Define a price rule: a percentage or an amount off the list price of one product, a category, a vendor or everything; from a quantity on; for a time',
      tag: 'pricing',
      access: 'staff',
      body: DefinePriceRuleDto,
      idempotencyKey: true,
      responses: { 201: 'Rule defined; it applies from validFrom (or now)', ...writeProblems },
      async handle(request, response) {
        const body = await parseBody(DefinePriceRuleDto, request.body);
        const problems = priceRuleProblems(body);
        if (problems.length > 0) throw new ValidationFailedError(problems);
        const scope: RuleScope =
          body.appliesTo === 'product' ? { kind: 'product', productCode: body.productCode! }
          : body.appliesTo === 'category' ? { kind: 'category', categoryId: body.categoryId! }
          : body.appliesTo === 'vendor' ? { kind: 'vendor', vendorId: body.vendorId!.toLowerCase() }
          : { kind: 'all' };
        const result = await pricing.definePriceRule(
          {
            name: body.name,
            scope,
            discount: body.percentOff !== undefined ? { kind: 'percentage', percent: body.percentOff } : { kind: 'fixed', amount: { amount: body.amountOff!.amount, currency: body.amountOff!.currency } },
            // Stored as UTC instants: the same moment however the client wrote it.
            ...(body.validFrom ? { validFrom: new Date(body.validFrom).toISOString() } : {}),
            ...(body.validUntil ? { validUntil: new Date(body.validUntil).toISOString() } : {}),
            ...(body.minQuantity !== undefined ? { minQuantity: body.minQuantity } : {}),
          },
          context(request, response),
        );
        answer(response, result, { status: result.events.length > 0 ? 201 : 200, location: `/api/price-rules/${result.ruleId}`, id: result.ruleId });
      },
    },
    {
      method: 'post',
      path: '/api/price-rules/{ruleId}/end',
      operationId: 'endPriceRule',
      summary: 'End a price rule now, with the reason; orders placed from now on are priced without it',
      tag: 'pricing',
      access: 'staff',
      body: ReasonDto,
      idempotencyKey: true,
      responses: { 200: 'Ended (or ended already)', 404: 'No such price rule', ...writeProblems },
      async handle(request, response) {
        const ruleId = uuidParameter(request, 'ruleId');
        const { reason } = await parseBody(ReasonDto, request.body);
        const result = await pricing.endPriceRule({ ruleId, reason }, context(request, response));
        answer(response, result, { status: 200, location: `/api/price-rules/${ruleId}`, id: ruleId });
      },
    },
  ];
}
