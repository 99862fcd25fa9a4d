/**
 * A record of every stanza in both directions, so tests can assert on the wire and debug failures.
 */
import { binaryNodeToString } from '@whiskeysockets/baileys';
import type { BinaryNode } from '@whiskeysockets/baileys';

/** One logged stanza. `in` is client→server, `out` is server→client. */
export interface StanzaLogEntry {
  /** Milliseconds since the epoch when the stanza was received or written. */
  at: number;
  direction: 'in' | 'out';
  /** Connection number (1, 2, …) within this simulator. */
  connectionId: number;
  /** The companion's device JID, when the connection has logged in. */
  jid?: string;
  node: BinaryNode;
  /** True when the stanza was not written (deaf or silent mode, or socket already closed). */
  dropped: boolean;
  /** True when no handler knew the stanza and it got a default answer. */
  unknown?: boolean;
}

/** The minimal view of a connection the log needs. */
interface LoggedConnection {
  id: number;
  jid?: string | undefined;
}

/** Appends stanzas to an in-memory list (when enabled) and reports handler errors. */
export class StanzaLog {
  readonly entries: StanzaLogEntry[] = [];
  readonly #enabled: boolean;
  readonly #onError: (message: string) => void;

  /** @param enabled keep entries; @param onError where handler errors go (defaults to stderr). */
  constructor(enabled: boolean, onError: (message: string) => void = (m) => console.error(m)) {
    this.#enabled = enabled;
    this.#onError = onError;
  }

  /** Records one stanza. */
  record(
    direction: 'in' | 'out',
    conn: LoggedConnection,
    node: BinaryNode,
    dropped: boolean,
  ): void {
    if (!this.#enabled) return;
    this.entries.push({
      at: Date.now(),
      direction,
      connectionId: conn.id,
      jid: conn.jid,
      node,
      dropped,
    });
  }

  /** Flags the latest entry for `node` as unknown (logged and default-answered). */
  markUnknown(node: BinaryNode): void {
    const entry = this.entries.findLast((e) => e.node === node);
    if (entry) entry.unknown = true;
  }

  /** Reports an error raised while handling a connection's frames. */
  error(conn: LoggedConnection, err: unknown): void {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    this.#onError(`[wa-sim] connection ${conn.id}: ${text}`);
  }

  /** Renders entries as readable XML-ish text, for debugging. */
  dump(entries: readonly StanzaLogEntry[] = this.entries): string {
    return entries
      .map(
        (e) =>
          `${e.direction === 'in' ? '>>' : '<<'} #${e.connectionId} ${binaryNodeToString(e.node)}`,
      )
      .join('\n');
  }
}
