/**
 * A decider: what a context decides, as plain functions. `decide` turns a command and the state
 * folded from the stream into new events, or throws a DomainError; `evolve` folds one event into
 * the state. No I/O, no clock: time and ids arrive in the command.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export function foldEvents<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>, events: readonly Event[]): State {
  return events.reduce(decider.evolve, decider.initialState);
}

/** Proves at compile time that a switch handled every case. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
