// The session's events (backend → UI): one typed emitter every service publishes on and every transport
// (IPC, WebSocket, CLI, scripts) listens to, plus the app log line that the status bar and the CLI show.
import { EventEmitter } from 'node:events';
import type { EventListener, EventName, Events } from '../shared/api.ts';

export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open window, socket and script may listen; none of them is a leak.
    this.emitter.setMaxListeners(0);
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }

  /** A line for the UI's log and the status bar. */
  readonly log: Log = (level, message) => {
    this.emit('app.log', { level, message, time: Date.now() / 1000 });
  };

  close(): void {
    this.emitter.removeAllListeners();
  }
}
