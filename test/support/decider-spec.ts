import { foldEvents, type Decider } from '../../src/domain/shared/decider';
import { DomainError, type DomainErrorKind } from '../../src/domain/shared/domain-error';

/** Given these events / when this command / then these events, or this refusal. */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given: (events: Event[]) => ({
      when: (command: Command) => {
        const decide = () => decider.decide(command, foldEvents(decider, events));
        return {
          then: (expected: Event[]) => expect(decide()).toEqual(expected),
          thenNothingNew: () => expect(decide()).toEqual([]),
          thenRefused: (kind: DomainErrorKind, code: string, details?: Record<string, unknown>) => {
            let refusal: unknown;
            try {
              decide();
            } catch (error) {
              refusal = error;
            }
            expect(refusal).toBeInstanceOf(DomainError);
            expect(refusal).toMatchObject({ kind, code, ...(details ? { details: expect.objectContaining(details) as unknown } : {}) });
          },
        };
      },
    }),
  };
}
