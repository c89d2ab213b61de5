import type { EventName, EventPayload, Unsubscribe } from '../shared/ipc-contract';

type AnyListener = <Name extends EventName>(name: Name, payload: EventPayload<Name>) => void;

/** The host's outgoing events, typed by the contract; a failing listener never breaks the host. */
export class HostEvents {
  private readonly listeners = new Set<AnyListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /** Every event (the IPC bridge and the WebSocket server forward them all). */
  onAny(listener: AnyListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<Name extends EventName>(name: Name, listener: (payload: EventPayload<Name>) => void): Unsubscribe {
    return this.onAny((eventName: EventName, payload: unknown) => {
      if (eventName === name) listener(payload as EventPayload<Name>);
    });
  }

  emit<Name extends EventName>(name: Name, payload: EventPayload<Name>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
