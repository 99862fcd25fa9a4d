/**
 * The wiring point for slash-commands: builds the registry, limiter, confirmation store, audit log
 * and host client factory, and returns the inbound subscriber. The app calls
 * `transport.onInbound(service.handleInbound)`.
 */
import type { Database } from '../db/index.ts';
import { createHostClient, type HostClient } from '../host/client.ts';
import type { Logger } from '../logger.ts';
import type { ChunkOptions } from '../presenters/replies/index.ts';
import type { InboundHandler } from '../whatsapp/transport.ts';
import { ALL_COMMANDS } from './all.ts';
import { createAuditLog } from './audit.ts';
import { createConfirmationStore, type ConfirmationOptions } from './confirmations.ts';
import type { CommandSettings } from './context.ts';
import { createDispatcher, newErrorRef, type DispatcherTransport } from './dispatcher.ts';
import { createCommandRateLimiter } from './rate-limit.ts';
import { createRegistry, type CommandDefinition, type CommandRegistry } from './registry.ts';

/** Options for {@link createCommandService}; only the first four are required. */
export interface CommandServiceOptions {
  db: Database;
  transport: DispatcherTransport;
  settings: CommandSettings;
  logger: Logger;
  /** Injected clock; default `() => new Date()`. */
  clock?: () => Date;
  /** Host call timeout; default 5000 ms (SPEC §5.3). */
  hostTimeoutMs?: number;
  /** Builds the host client for a base URL; default the real client with the owner's key. */
  hostClientFor?: (baseUrl: string) => HostClient;
  /** Commands per minute per sender; default 20 (SPEC §5.4). */
  perMinute?: number;
  /** Age after which position-changing commands are refused; default 60 000 ms (SPEC §5.4). */
  staleAfterMs?: number;
  confirmations?: ConfirmationOptions;
  /** Reply chunking; default 3500 characters, 4 parts (SPEC §5.3). */
  chunk?: ChunkOptions;
  /** How long a reply waits for the link to open; default 15 s. */
  sendWaitMs?: number;
  /** Reference ids for unexpected errors; default 8 random hex characters. */
  newRef?: () => string;
  /** The command list; default every built-in command. */
  commands?: readonly CommandDefinition[];
}

/** The running command service. */
export interface CommandService {
  /** The subscriber for `transport.onInbound`. Never rejects. */
  handleInbound: InboundHandler;
  registry: CommandRegistry;
}

/** Builds the command service (one per app). */
export function createCommandService(options: CommandServiceOptions): CommandService {
  const hostTimeoutMs = options.hostTimeoutMs ?? 5000;
  const perMinute = options.perMinute ?? 20;
  const registry = createRegistry(options.commands ?? ALL_COMMANDS);
  const hostClientFor =
    options.hostClientFor ??
    ((baseUrl: string) =>
      createHostClient({
        baseUrl,
        timeoutMs: hostTimeoutMs,
        getApiKey: () => options.settings.getOwnerApiKey(),
      }));
  const handleInbound = createDispatcher({
    registry,
    settings: options.settings,
    transport: options.transport,
    audit: createAuditLog(options.db),
    limiter: createCommandRateLimiter(perMinute),
    perMinute,
    confirmations: createConfirmationStore(options.confirmations),
    hostClientFor,
    hostTimeoutMs,
    staleAfterMs: options.staleAfterMs ?? 60_000,
    logger: options.logger.child({ module: 'commands' }),
    clock: options.clock ?? (() => new Date()),
    newRef: options.newRef ?? newErrorRef,
    ...(options.chunk ? { chunk: options.chunk } : {}),
    ...(options.sendWaitMs !== undefined ? { sendWaitMs: options.sendWaitMs } : {}),
  });
  return { handleInbound, registry };
}
