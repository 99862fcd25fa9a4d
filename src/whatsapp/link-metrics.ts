import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LINK_STATES, type LinkState } from './transport.ts';

/** The link's Prometheus series (names documented in the README). */
export interface LinkMetrics {
  setState(state: LinkState): void;
  reconnect(): void;
  sent(outcome: 'sent' | 'failed' | 'not_open', seconds?: number): void;
}

/** Registers the link's series on the app registry. */
export function createLinkMetrics(registry: Registry): LinkMetrics {
  const state = new Gauge({
    name: 'oaw_whatsapp_link_state',
    help: 'WhatsApp link state (1 for the current state, 0 for the others)',
    labelNames: ['state'],
    registers: [registry],
  });
  const reconnects = new Counter({
    name: 'oaw_whatsapp_reconnects_total',
    help: 'Reconnect attempts scheduled after a disconnect',
    registers: [registry],
  });
  const sends = new Counter({
    name: 'oaw_whatsapp_sends_total',
    help: 'Messages sent through WhatsApp, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'oaw_whatsapp_send_latency_seconds',
    help: 'Time from send call to WhatsApp accepting the message',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    setState(current) {
      for (const candidate of LINK_STATES)
        state.set({ state: candidate }, candidate === current ? 1 : 0);
    },
    reconnect: () => reconnects.inc(),
    sent(outcome, seconds) {
      sends.inc({ outcome });
      if (seconds !== undefined) latency.observe(seconds);
    },
  };
}
