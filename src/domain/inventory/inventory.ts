import { Map as PersistentMap } from 'immutable';
import { notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';

/**
 * Stock of one product (stream inventory-<code>). Available = on hand − reserved, and no command
 * may take it below zero. An order reserves, payment commits (the goods leave), failure or
 * cancellation releases. Each downward crossing of the product's low-stock threshold is recorded
 * once, so that staff are alerted once per crossing.
 */
export type InventoryCommand =
  | { type: 'ReceiveStock'; data: { code: string; quantity: number; now: Date } }
  | { type: 'ReserveStock'; data: { code: string; orderId: string; quantity: number; lowStockThreshold: number; now: Date } }
  | { type: 'ReleaseReservation'; data: { code: string; orderId: string; reason: string; now: Date } }
  | { type: 'CommitReservation'; data: { code: string; orderId: string; now: Date } }
  | { type: 'AdjustStock'; data: { code: string; countedOnHand: number; reason: string; lowStockThreshold: number; now: Date } };

export type InventoryEvent =
  | { type: 'StockReceived'; data: { code: string; quantity: number; onHand: number; receivedAt: string } }
  | { type: 'StockReserved'; data: { code: string; orderId: string; quantity: number; available: number; reservedAt: string } }
  | { type: 'ReservationReleased'; data: { code: string; orderId: string; quantity: number; reason: string; releasedAt: string } }
  | { type: 'ReservationCommitted'; data: { code: string; orderId: string; quantity: number; onHand: number; committedAt: string } }
  | { type: 'StockAdjusted'; data: { code: string; previousOnHand: number; onHand: number; reason: string; adjustedAt: string } }
  | { type: 'LowStockReached'; data: { code: string; available: number; threshold: number; reachedAt: string } };

export interface Reservation {
  readonly quantity: number;
  readonly status: 'reserved' | 'committed' | 'released';
}

export interface InventoryState {
  readonly onHand: number;
  readonly reserved: number;
  /**
   * Every order that ever reserved the product, settled ones too: committing or releasing again
   * must find what was done. A persistent map, because the stream folds one event per order
   * touching the product: a copied record made each event cost as much as the product's whole
   * history, so that a product's life cost grew with the square of its orders.
   */
  readonly reservations: PersistentMap<string, Reservation>;
}

export const initialInventoryState: InventoryState = { onHand: 0, reserved: 0, reservations: PersistentMap() };

/** The state as a snapshot stores it (plain JSON: the reservations as a record by order id), and back. */
export const inventorySnapshotForm = {
  toStored: (state: InventoryState): unknown => ({ onHand: state.onHand, reserved: state.reserved, reservations: state.reservations.toObject() }),
  fromStored: (stored: unknown): InventoryState => {
    const { onHand, reserved, reservations } = stored as { onHand: number; reserved: number; reservations: Record<string, Reservation> };
    return { onHand, reserved, reservations: PersistentMap(reservations) };
  },
};

export const available = (state: InventoryState): number => state.onHand - state.reserved;

function positiveQuantity(quantity: number, code: string): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw ruleViolated('invalid-quantity', `A quantity of ${code} must be a whole number above zero, got ${quantity}`, { code, quantity });
  }
}

/** Appends LowStockReached when the events take the available stock from above the threshold to at or below it. */
function withLowStockAlert(state: InventoryState, events: InventoryEvent[], threshold: number, now: Date): InventoryEvent[] {
  const before = available(state);
  const after = available(events.reduce(evolveInventory, state));
  if (before > threshold && after <= threshold) {
    const code = events[0]!.data.code;
    return [...events, { type: 'LowStockReached', data: { code, available: after, threshold, reachedAt: now.toISOString() } }];
  }
  return events;
}

export function receiveStock(command: Extract<InventoryCommand, { type: 'ReceiveStock' }>, state: InventoryState): InventoryEvent[] {
  const { code, quantity, now } = command.data;
  positiveQuantity(quantity, code);
  return [{ type: 'StockReceived', data: { code, quantity, onHand: state.onHand + quantity, receivedAt: now.toISOString() } }];
}

export function reserveStock(command: Extract<InventoryCommand, { type: 'ReserveStock' }>, state: InventoryState): InventoryEvent[] {
  const { code, orderId, quantity, lowStockThreshold, now } = command.data;
  positiveQuantity(quantity, code);
  const existing = state.reservations.get(orderId);
  if (existing) {
    // A redelivered reservation of the same order is already done.
    if (existing.status === 'reserved' && existing.quantity === quantity) return [];
    throw ruleViolated('reservation-exists', `Order ${orderId} already has a ${existing.status} reservation of ${existing.quantity} × ${code}`, {
      code,
      orderId,
      reservation: existing,
    });
  }
  if (available(state) < quantity) {
    throw ruleViolated('insufficient-stock', `Only ${available(state)} × ${code} available, ${quantity} requested`, {
      code,
      requested: quantity,
      available: available(state),
    });
  }
  const events: InventoryEvent[] = [
    { type: 'StockReserved', data: { code, orderId, quantity, available: available(state) - quantity, reservedAt: now.toISOString() } },
  ];
  return withLowStockAlert(state, events, lowStockThreshold, now);
}

function reservationOf(state: InventoryState, code: string, orderId: string): Reservation {
  const reservation = state.reservations.get(orderId);
  if (!reservation) throw notFound('reservation-not-found', `Order ${orderId} has no reservation of ${code}`, { code, orderId });
  return reservation;
}

export function releaseReservation(command: Extract<InventoryCommand, { type: 'ReleaseReservation' }>, state: InventoryState): InventoryEvent[] {
  const { code, orderId, reason, now } = command.data;
  const reservation = reservationOf(state, code, orderId);
  if (reservation.status === 'released') return [];
  if (reservation.status === 'committed') {
    throw ruleViolated('reservation-committed', `The reservation of ${code} for order ${orderId} is committed: the goods have left`, { code, orderId });
  }
  return [{ type: 'ReservationReleased', data: { code, orderId, quantity: reservation.quantity, reason, releasedAt: now.toISOString() } }];
}

export function commitReservation(command: Extract<InventoryCommand, { type: 'CommitReservation' }>, state: InventoryState): InventoryEvent[] {
  const { code, orderId, now } = command.data;
  const reservation = reservationOf(state, code, orderId);
  if (reservation.status === 'committed') return [];
  if (reservation.status === 'released') {
    throw ruleViolated('reservation-released', `The reservation of ${code} for order ${orderId} was released`, { code, orderId });
  }
  return [
    {
      type: 'ReservationCommitted',
      data: { code, orderId, quantity: reservation.quantity, onHand: state.onHand - reservation.quantity, committedAt: now.toISOString() },
    },
  ];
}

export function adjustStock(command: Extract<InventoryCommand, { type: 'AdjustStock' }>, state: InventoryState): InventoryEvent[] {
  const { code, countedOnHand, reason, lowStockThreshold, now } = command.data;
  if (!Number.isSafeInteger(countedOnHand) || countedOnHand < 0) {
    throw ruleViolated('invalid-quantity', `A stock count of ${code} must be a whole number, zero or more, got ${countedOnHand}`, { code, countedOnHand });
  }
  if (countedOnHand === state.onHand) return [];
  if (countedOnHand < state.reserved) {
    throw ruleViolated('adjustment-below-reserved', `${state.reserved} × ${code} are reserved for orders; a count of ${countedOnHand} would leave them short`, {
      code,
      countedOnHand,
      reserved: state.reserved,
    });
  }
  const events: InventoryEvent[] = [
    { type: 'StockAdjusted', data: { code, previousOnHand: state.onHand, onHand: countedOnHand, reason, adjustedAt: now.toISOString() } },
  ];
  return withLowStockAlert(state, events, lowStockThreshold, now);
}

export function decideInventory(command: InventoryCommand, state: InventoryState): InventoryEvent[] {
  switch (command.type) {
    case 'ReceiveStock':
      return receiveStock(command, state);
    case 'ReserveStock':
      return reserveStock(command, state);
    case 'ReleaseReservation':
      return releaseReservation(command, state);
    case 'CommitReservation':
      return commitReservation(command, state);
    case 'AdjustStock':
      return adjustStock(command, state);
    default:
      return unreachable(command);
  }
}

export function evolveInventory(state: InventoryState, event: InventoryEvent): InventoryState {
  switch (event.type) {
    case 'StockReceived':
      return { ...state, onHand: state.onHand + event.data.quantity };
    case 'StockReserved':
      return {
        ...state,
        reserved: state.reserved + event.data.quantity,
        reservations: state.reservations.set(event.data.orderId, { quantity: event.data.quantity, status: 'reserved' }),
      };
    case 'ReservationReleased':
      return {
        ...state,
        reserved: state.reserved - event.data.quantity,
        reservations: state.reservations.set(event.data.orderId, { quantity: event.data.quantity, status: 'released' }),
      };
    case 'ReservationCommitted':
      return {
        onHand: state.onHand - event.data.quantity,
        reserved: state.reserved - event.data.quantity,
        reservations: state.reservations.set(event.data.orderId, { quantity: event.data.quantity, status: 'committed' }),
      };
    case 'StockAdjusted':
      return { ...state, onHand: event.data.onHand };
    case 'LowStockReached':
      return state;
    default:
      return unreachable(event);
  }
}

export const inventoryDecider: Decider<InventoryCommand, InventoryEvent, InventoryState> = {
  initialState: initialInventoryState,
  decide: decideInventory,
  evolve: evolveInventory,
};
