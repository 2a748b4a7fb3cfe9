/**
 * Why a command was refused, in business terms. The HTTP layer maps the kind to a status and the
 * code to a stable problem type; deciders know nothing of HTTP.
 */
export type DomainErrorKind =
  /** The command breaks a business rule in the current state (insufficient stock, order already paid). */
  | 'rule-violated'
  /** The thing the command creates exists already (a product code, an email). */
  | 'already-exists'
  /** The thing the command acts on does not exist. */
  | 'not-found'
  /** The command refers to something unusable (an unknown category, a discontinued product). */
  | 'invalid-reference'
  /** The command was asked too often (resending one email); it may be asked again later. */
  | 'limit-reached';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable, kebab-case: clients may branch on it. */
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const ruleViolated = (code: string, message: string, details?: Record<string, unknown>) => new DomainError('rule-violated', code, message, details);
export const alreadyExists = (code: string, message: string, details?: Record<string, unknown>) => new DomainError('already-exists', code, message, details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>) => new DomainError('not-found', code, message, details);
export const limitReached = (code: string, message: string, details?: Record<string, unknown>) => new DomainError('limit-reached', code, message, details);
export const invalidReference = (code: string, message: string, details?: Record<string, unknown>) => new DomainError('invalid-reference', code, message, details);
