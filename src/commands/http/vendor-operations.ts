import type { Request, Response } from 'express';
import type { Operation } from '../../http/operations';
import { parseBody } from '../../http/validation';
import type { vendorHandlers } from '../handlers/vendor-handlers';
import type { CommandResult } from '../command-handler';
import { answer, commandContext, uuidParameter } from './command-responses';
import { ReasonDto, VendorProfileDto } from './dtos';

const writeProblems = { 400: 'The request is not valid (problem details name each field)', 404: 'No such vendor', 422: 'An Idempotency-Key reused for another request' };

/** Vendors (seed 002's marketplace): admins onboard them, change their profile, suspend and reinstate them. */
export function vendorOperations(vendors: ReturnType<typeof vendorHandlers>, clock: () => Date): Operation[] {
  const context = (request: Request, response: Response) => commandContext(request, response, clock);
  const changed = (response: Response, result: CommandResult<unknown, unknown>, vendorId: string) => answer(response, result, { status: 200, location: `/api/vendors/${vendorId}`, id: vendorId });
  return [
    {
      method: 'post',
      path: '/api/vendors',
      operationId: 'onboardVendor',
      summary: 'Onboard a vendor: a business that sells its products through the shop',
      tag: 'vendors',
      access: 'admin',
      body: VendorProfileDto,
      idempotencyKey: true,
      responses: { 201: 'Vendor onboarded', ...writeProblems },
      async handle(request, response) {
        const profile = await parseBody(VendorProfileDto, request.body);
        const result = await vendors.onboardVendor(profile, context(request, response));
        const id = result.streamId.slice('vendor-'.length);
        answer(response, result, { status: 201, location: `/api/vendors/${id}`, id });
      },
    },
    {
      method: 'put',
      path: '/api/vendors/{vendorId}',
      operationId: 'updateVendorProfile',
      summary: "Change a vendor's name or contact email",
      tag: 'vendors',
      access: 'admin',
      body: VendorProfileDto,
      idempotencyKey: true,
      responses: { 200: 'Profile changed (or already so)', ...writeProblems },
      async handle(request, response) {
        const vendorId = uuidParameter(request, 'vendorId');
        const profile = await parseBody(VendorProfileDto, request.body);
        const result = await vendors.updateVendorProfile(vendorId, profile, context(request, response));
        changed(response, result, vendorId);
      },
    },
    {
      method: 'post',
      path: '/api/vendors/{vendorId}/suspend',
      operationId: 'suspendVendor',
      summary: 'Suspend a vendor, with the reason',
      tag: 'vendors',
      access: 'admin',
      body: ReasonDto,
      idempotencyKey: true,
      responses: { 200: 'Suspended (or already so: the first suspension stands)', ...writeProblems },
      async handle(request, response) {
        const vendorId = uuidParameter(request, 'vendorId');
        const { reason } = await parseBody(ReasonDto, request.body);
        const result = await vendors.suspendVendor(vendorId, reason, context(request, response));
        changed(response, result, vendorId);
      },
    },
    {
      method: 'post',
      path: '/api/vendors/{vendorId}/reinstate',
      operationId: 'reinstateVendor',
      summary: 'Reinstate a suspended vendor',
      tag: 'vendors',
      access: 'admin',
      idempotencyKey: true,
      responses: { 200: 'Active (or already so)', ...writeProblems },
      async handle(request, response) {
        const vendorId = uuidParameter(request, 'vendorId');
        const result = await vendors.reinstateVendor(vendorId, context(request, response));
        changed(response, result, vendorId);
      },
    },
  ];
}
