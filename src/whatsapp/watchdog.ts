/** Settings for {@link createWatchdog}. */
export interface WatchdogOptions {
  /** No frame for this long while open → unhealthy (SPEC: 2× the keep-alive interval). */
  silenceMs: number;
  /** This many decryption failures within `failureWindowMs` → unhealthy. */
  decryptFailureLimit: number;
  failureWindowMs: number;
  onUnhealthy(reason: string): void;
}

/** Liveness watch for an open link: "connected but deaf" and broken sessions. */
export interface Watchdog {
  /** Starts watching (on `open`); restarts the clocks. */
  start(): void;
  stop(): void;
  frameSeen(): void;
  decryptFailed(): void;
}

/**
 * Detects a socket that is up but no longer delivers anything, and repeated decryption failures,
 * and reports once per start. Checks four times per silence window, so detection lags by at most
 * a quarter of it.
 */
export function createWatchdog(options: WatchdogOptions): Watchdog {
  let timer: NodeJS.Timeout | null = null;
  let lastFrameAt = 0;
  let failures: number[] = [];
  let reported = false;

  function report(reason: string): void {
    if (reported || !timer) return;
    reported = true;
    options.onUnhealthy(reason);
  }

  function check(): void {
    const silentFor = Date.now() - lastFrameAt;
    if (silentFor > options.silenceMs)
      report(`no frame from WhatsApp for ${Math.round(silentFor / 1000)} s`);
  }

  return {
    start() {
      this.stop();
      lastFrameAt = Date.now();
      failures = [];
      reported = false;
      timer = setInterval(check, Math.max(50, Math.floor(options.silenceMs / 4)));
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    frameSeen() {
      lastFrameAt = Date.now();
    },
    decryptFailed() {
      const now = Date.now();
      failures = failures.filter((at) => now - at < options.failureWindowMs);
      failures.push(now);
      if (failures.length >= options.decryptFailureLimit)
        report(`${failures.length} decryption failures`);
    },
  };
}
