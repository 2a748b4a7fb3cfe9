import type { Decider } from '../shared/decider';

/**
 * The auditors' own trail (stream audit-<account id>): every audit query over HTTP is recorded
 * before it is answered, with who looked at what, and whether personal data was shown. Reading
 * the history of someone's order is itself part of the history.
 */
export type AuditQuery = 'history' | 'state' | 'trace';

export type AuditTrailCommand = {
  type: 'RecordAuditRead';
  data: { auditorId: string; role: string; query: AuditQuery; subject: string; showPersonalData: boolean; now: Date };
};

export type AuditTrailEvent = {
  type: 'AuditDataRead';
  data: { auditorId: string; role: string; query: AuditQuery; subject: string; showPersonalData: boolean; readAt: string };
};

export interface AuditTrailState {
  readonly reads: number;
}

export function recordAuditRead(command: AuditTrailCommand): AuditTrailEvent[] {
  const { now, ...read } = command.data;
  return [{ type: 'AuditDataRead', data: { ...read, readAt: now.toISOString() } }];
}

export const auditTrailDecider: Decider<AuditTrailCommand, AuditTrailEvent, AuditTrailState> = {
  initialState: { reads: 0 },
  decide: (command) => recordAuditRead(command),
  evolve: (state) => ({ reads: state.reads + 1 }),
};
