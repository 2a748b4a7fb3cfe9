/**
 * Single active worker per job across processes: each process asks to keep the jobs it can do,
 * holds the lease of some, and stands by for the others, taking a lease over when its holder dies.
 * Projections and the relay run under one, so that two projectors (or relays) side by side never
 * write the same read model (or publish the same log) at once in the normal course.
 *
 * A lease can be lost (its connection drops) a moment before its work is stopped here, so for a
 * short while two holders may overlap; the work under a lease must therefore stay idempotent, as
 * projections and the relay are. The lease makes overlap rare, not impossible.
 */
export interface Leases {
  /**
   * Keeps the job `name` running in one process: when this one gets the lease, `activate` starts
   * the work and returns how to stop it, called when the lease is lost or the leases close.
   */
  keep(name: string, activate: () => Promise<Deactivate>): void;
  /** The jobs asked for, and which this process holds now. */
  status(): readonly LeaseStatus[];
  /** Stops the work under every lease held (each finishing what it has in hand), then lets them go. */
  close(): Promise<void>;
}

export type Deactivate = () => Promise<void>;

export interface LeaseStatus {
  readonly name: string;
  readonly held: boolean;
  /** When this process got it, if it holds it. */
  readonly since?: string;
}
