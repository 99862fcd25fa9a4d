import type { Middleware } from 'koa';
import { UnavailableError } from '../errors.ts';

/** Where the process is in its life; webhooks are refused with 503 outside `ready`. */
export type LifecyclePhase = 'starting' | 'ready' | 'stopping';

/** Mutable holder shared by the app and its middleware. */
export interface Lifecycle {
  phase: LifecyclePhase;
}

/** Creates the lifecycle holder in `starting`. */
export function createLifecycle(): Lifecycle {
  return { phase: 'starting' };
}

/**
 * Answers 503 with `Retry-After` while starting or shutting down, so a host retries rather than
 * losing an event we could not commit (SPEC §4.3).
 */
export function requireReady(lifecycle: Lifecycle): Middleware {
  return async function requireReadyMiddleware(_ctx, next) {
    if (lifecycle.phase !== 'ready') {
      throw new UnavailableError(
        lifecycle.phase === 'starting' ? 'Service is starting' : 'Service is shutting down',
      );
    }
    await next();
  };
}
