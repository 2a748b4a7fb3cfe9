import { EventEmitter } from 'node:events';
import type { Notification, Pool, PoolClient } from 'pg';
import type { Logger } from '../../shared/logger';

const channel = 'emporium_events_appended';
const reconnectDelayMs = 1_000;
/** Under a steady stream of appends, other processes are woken at most this often (and polls fill any gap). */
const minNotifyIntervalMs = 10;

/**
 * Wakes subscriptions when events are appended: at once for subscriptions in this process, and
 * through LISTEN/NOTIFY for those in other processes (the distributed roles).
 *
 * The NOTIFY is sent after the append has committed, in its own statement, and coalesced to at
 * most one every few milliseconds: a NOTIFY inside the append transaction would take PostgreSQL's
 * global notification lock at every commit and serialise all writers. Subscriptions also poll,
 * so a notification lost with a dropped connection only delays delivery.
 */
export class AppendNotifications {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private stopListening: (() => void) | null = null;
  private listening = false;
  private closed = false;
  private notifyInFlight: Promise<void> | null = null;
  private notifyAgain = false;
  private lastNotifyAt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly notifyOtherProcesses = true,
  ) {}

  /** Call after an append has committed. */
  appended(): void {
    this.local.emit('appended');
    if (this.notifyOtherProcesses) this.notifyOthers();
  }

  onAppended(listener: () => void): () => void {
    this.local.on('appended', listener);
    if (!this.listening) {
      this.listening = true;
      void this.listen();
    }
    return () => this.local.off('appended', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.notifyInFlight;
    this.stopListening?.();
  }

  private notifyOthers(): void {
    if (this.closed) return;
    if (this.notifyInFlight) {
      this.notifyAgain = true;
      return;
    }
    const wait = Math.max(0, this.lastNotifyAt + minNotifyIntervalMs - Date.now());
    this.notifyInFlight = new Promise<void>((resolve) => setTimeout(resolve, wait))
      .then(async () => {
        this.lastNotifyAt = Date.now();
        if (!this.closed) await this.pool.query("select pg_notify($1, '')", [channel]);
      })
      .catch((error: unknown) => this.logger.warn('could not notify other processes of an append', { error }))
      .finally(() => {
        this.notifyInFlight = null;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.notifyOthers();
        }
      });
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    let connection: PoolClient;
    try {
      connection = await this.pool.connect();
    } catch (error) {
      this.logger.warn('could not LISTEN for appends; retrying', { error });
      this.scheduleReconnect();
      return;
    }
    let released = false;
    const onNotification = (message: Notification) => {
      if (message.channel === channel) this.local.emit('appended');
    };
    // The LISTEN connection is never handed back to the pool: it is closed, so that its
    // subscription to the channel and our handlers leave with it.
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      this.stopListening = null;
      connection.off('notification', onNotification);
      connection.off('error', onError);
      // The server may still say goodbye on the closing socket; there is nobody left to tell.
      connection.on('error', () => undefined);
      connection.release(error ?? true);
    };
    const onError = (error: Error) => {
      this.logger.warn('lost the LISTEN connection; reconnecting', { error });
      release(error);
      this.scheduleReconnect();
    };
    connection.on('notification', onNotification);
    connection.on('error', onError);
    this.stopListening = () => release();
    try {
      await connection.query(`listen ${channel}`);
    } catch (error) {
      this.logger.warn('could not LISTEN for appends; retrying', { error });
      release(error as Error);
      this.scheduleReconnect();
      return;
    }
    if (this.closed) return release();
    // Something may have been appended while we were not listening.
    this.local.emit('appended');
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, reconnectDelayMs);
  }
}
