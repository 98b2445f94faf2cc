/** Allowed status changes of a record type, as a table: `from → [to…]`. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export class StatusTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A status cannot change from ${from} to ${to}`);
    this.name = 'StatusTransitionError';
  }
}

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/** @throws StatusTransitionError when the table does not allow the change */
export function assertTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): void {
  if (!canTransition(table, from, to)) throw new StatusTransitionError(from, to);
}
