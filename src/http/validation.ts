import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { registerDecorator, validate, type ValidationError, type ValidationOptions } from 'class-validator';
import { RecentlyUsed } from '../shared/recently-used';

export type FieldError =
  /** JSON Pointer (RFC 6901) to the field at fault in the request body: "/lines/0/quantity". */
  | { readonly pointer: string; readonly detail: string }
  /** A query parameter at fault. */
  | { readonly parameter: string; readonly detail: string };

/** The request body (or a parameter) is not what the endpoint takes. */
export class ValidationFailedError extends Error {
  override readonly name = 'ValidationFailedError';
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${'pointer' in e ? e.pointer || '(body)' : `?${e.parameter}`}: ${e.detail}`).join('; '));
  }
}

/**
 * Turns a JSON body into a validated DTO instance. Unknown fields are refused rather than dropped:
 * a client that sends `status` or `price` where they are not taken should hear about it.
 */
export async function parseBody<T extends object>(dto: ClassConstructor<T>, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError([{ pointer: '', detail: 'The body must be a JSON object' }]);
  }
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new ValidationFailedError(flatten(errors, ''));
  return instance;
}

/** Turns a query string into a validated DTO instance; unknown parameters are refused, naming them. */
export async function parseQuery<T extends object>(dto: ClassConstructor<T>, query: unknown): Promise<T> {
  // The storefront asks the same few queries again and again: a query found valid once is not
  // transformed and validated anew. Each caller gets its own copy.
  const key = JSON.stringify(query ?? {});
  let known = validQueries.get(dto);
  if (!known) validQueries.set(dto, (known = new RecentlyUsed(200)));
  const kept = known.get(key) as T | undefined;
  if (kept) return Object.assign(Object.create(Object.getPrototypeOf(kept) as object) as T, kept);
  const instance = plainToInstance(dto, query ?? {});
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    throw new ValidationFailedError(errors.flatMap((error) => Object.values(error.constraints ?? {}).map((detail) => ({ parameter: error.property, detail: detail.replace(/^property /, '') }))));
  }
  known.set(key, Object.assign(Object.create(Object.getPrototypeOf(instance) as object) as T, instance));
  return instance;
}

/** Queries found valid, by DTO and by their parameters as parsed. */
const validQueries = new WeakMap<ClassConstructor<object>, RecentlyUsed<string, object>>();

function flatten(errors: readonly ValidationError[], parent: string): FieldError[] {
  return errors.flatMap((error) => {
    const pointer = `${parent}/${escapePointer(error.property)}`;
    const own = Object.values(error.constraints ?? {}).map((detail) => ({ pointer, detail: detail.replace(/^property /, '') }));
    return [...own, ...flatten(error.children ?? [], pointer)];
  });
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Text a person typed: no control characters (tabs and line breaks allowed where `multiline`).
 * PostgreSQL cannot store U+0000 in JSON at all, and the others only ever cause trouble downstream.
 */
export function IsPlainText(options: { multiline?: boolean } = {}, validationOptions?: ValidationOptions) {
  // eslint-disable-next-line no-control-regex
  const forbidden = options.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlainText',
      target: object.constructor,
      propertyName,
      // Read by the OpenAPI document, which states the rule as a pattern.
      constraints: options.multiline ? ['multiline'] : [],
      options: { message: `${propertyName} must not contain control characters`, ...validationOptions },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !forbidden.test(value) },
    });
}
