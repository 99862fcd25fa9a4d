import { collectDefaultMetrics, Registry } from 'prom-client';

/** The app's Prometheus registry. One per app instance so tests can run several apps at once. */
export interface Metrics {
  registry: Registry;
}

/** Creates a registry with Node process metrics; feature modules register their own series on it. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'openalgo-whatsapp' });
  collectDefaultMetrics({ register: registry, prefix: 'oaw_' });
  return { registry };
}
