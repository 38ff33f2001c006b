/**
 * The engine's side of the pushed events: handlers emit here, and each transport subscribes once and
 * forwards to its windows or sockets. Typed by `EventChannels`, so a payload cannot go out on the wrong
 * channel.
 */
import type { EventChannel, EventChannels, Unsubscribe } from '../../../shared/ipc.ts';

/** A listener for every event, as a transport registers it. */
export type EventForwarder = <E extends EventChannel>(channel: E, payload: EventChannels[E]) => void;

/** A typed fan-out of pushed events to the transports. */
export class EventHub {
  private readonly forwarders = new Set<EventForwarder>();

  /** Sends an event to every subscribed transport; a failing forwarder does not stop the others. */
  emit<E extends EventChannel>(channel: E, payload: EventChannels[E]): void {
    for (const forward of this.forwarders) {
      try {
        forward(channel, payload);
      } catch {
        // A closed window or socket must not break delivery to the rest.
      }
    }
  }

  /** Listens to one event channel; returns the unsubscribe. */
  on<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): Unsubscribe {
    const forward: EventForwarder = (name, payload) => {
      // Same channel name means same payload type (EventChannels maps one to the other).
      if ((name as EventChannel) === channel) listener(payload as unknown as EventChannels[E]);
    };
    return this.subscribe(forward);
  }

  /** Subscribes a transport to every event; returns the unsubscribe. */
  subscribe(forward: EventForwarder): Unsubscribe {
    this.forwarders.add(forward);
    return () => {
      this.forwarders.delete(forward);
    };
  }
}
