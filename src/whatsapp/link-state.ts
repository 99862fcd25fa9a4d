import { EventEmitter } from 'node:events';
import { WHATSAPP_CONFIG_ID, WhatsappConfig, type Database } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import type { LinkMetrics } from './link-metrics.ts';
import type { LinkState, StateChange } from './transport.ts';

/** Holds the link state; every transition is logged, stored, exported and pushed (SPEC §8.1). */
export interface LinkStateHolder {
  get(): LinkState;
  since(): Date;
  set(state: LinkState, details?: { reason?: string; statusCode?: number }): void;
  onChange(listener: (change: StateChange) => void): () => void;
  /** Resolves when every pending state write has reached the database. */
  flushed(): Promise<void>;
}

/** Reads the last stored state (what the link was doing before the process stopped). */
export async function loadStoredState(db: Database): Promise<LinkState> {
  const row = await db.em().findOne(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
  return row?.state ?? 'unpaired';
}

async function persistState(db: Database, state: LinkState, since: Date): Promise<void> {
  await db
    .em()
    .nativeUpdate(
      WhatsappConfig,
      { id: WHATSAPP_CONFIG_ID },
      { state, stateSince: since, isActive: state === 'open' || state === 'degraded' },
    );
}

/** Creates the holder in `initial`. State writes are serialised so the last one always wins. */
export function createLinkStateHolder(
  db: Database,
  logger: Logger,
  metrics: LinkMetrics,
  initial: LinkState,
): LinkStateHolder {
  const events = new EventEmitter();
  let current = initial;
  let since = new Date();
  let writes: Promise<void> = Promise.resolve();
  metrics.setState(current);
  return {
    get: () => current,
    since: () => since,
    set(state, details = {}) {
      if (state === current) return;
      const change: StateChange = { state, previous: current, at: new Date(), ...details };
      current = state;
      since = change.at;
      metrics.setState(state);
      logger.info(
        {
          state,
          previous: change.previous,
          reason: details.reason,
          statusCode: details.statusCode,
        },
        'whatsapp link state',
      );
      writes = writes
        .then(() => persistState(db, state, change.at))
        .catch((error: unknown) => logger.error({ err: error }, 'could not store the link state'));
      events.emit('change', change);
    },
    onChange(listener) {
      events.on('change', listener);
      return () => events.off('change', listener);
    },
    flushed: () => writes,
  };
}
