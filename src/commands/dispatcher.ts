/**
 * The inbound subscriber (SPEC §5, ARCHITECTURE flow 2): guards → rate limit → parse → registry →
 * staleness → handler inside an error boundary → chunked reply → audit row. Nothing escapes it: a
 * failure before the sender is known is logged (never with the message text) and dropped; after
 * that the owner gets a short reply, with a reference id when the detail stays in the log.
 */
import { randomBytes } from 'node:crypto';
import { HostApiError } from '../errors.ts';
import type { HostClient } from '../host/client.ts';
import { maskJid, type Logger } from '../logger.ts';
import {
  chunkReply,
  presentHostFailure,
  presentSlowDown,
  presentStale,
  presentUnexpected,
  presentUnknownCommand,
  type ChunkOptions,
} from '../presenters/replies/index.ts';
import type { InboundHandler, InboundMessage, WhatsAppTransport } from '../whatsapp/transport.ts';
import type { AuditLog } from './audit.ts';
import type { ConfirmationStore } from './confirmations.ts';
import type { CommandOutcome, CommandSettings } from './context.ts';
import { admit, messageAgeMs, type Admission } from './guards.ts';
import { bareJid } from './jid.ts';
import { waitUntilSendable } from './link-ready.ts';
import { parseCommand } from './parser.ts';
import type { CommandRateLimiter } from './rate-limit.ts';
import type { CommandDefinition, CommandRegistry } from './registry.ts';

/** The transport calls the dispatcher needs. */
export type DispatcherTransport = Pick<
  WhatsAppTransport,
  'state' | 'stateSince' | 'identity' | 'send' | 'isOwnMessage' | 'onStateChange'
>;

/** Everything the dispatcher is built from (see `createCommandService` for the defaults). */
export interface DispatcherOptions {
  registry: CommandRegistry;
  settings: CommandSettings;
  transport: DispatcherTransport;
  audit: AuditLog;
  limiter: CommandRateLimiter;
  perMinute: number;
  confirmations: ConfirmationStore;
  /** A host client for `HOST_SERVER` (the owner's key, the command timeout). */
  hostClientFor: (baseUrl: string) => HostClient;
  hostTimeoutMs: number;
  /** Position-changing commands older than this are refused (SPEC §5.4: 60 s). */
  staleAfterMs: number;
  logger: Logger;
  clock: () => Date;
  newRef: () => string;
  chunk?: ChunkOptions;
  /** How long a reply waits for the link to open (replayed offline messages); default 15 s. */
  sendWaitMs?: number;
}

/** What running one known command produced. */
interface RunResult {
  reply: string;
  outcome: CommandOutcome;
  errorRef: string | null;
  durationMs: number;
}

/** A short reference for an unexpected error: 8 hex characters, shown to the owner and logged. */
export function newErrorRef(): string {
  return randomBytes(4).toString('hex');
}

/** Builds the subscriber for `transport.onInbound`. */
export function createDispatcher(options: DispatcherOptions): InboundHandler {
  return async function dispatchInbound(message) {
    let admission: Admission | null = null;
    try {
      admission = await admitMessage(options, message);
      if (admission !== null) await dispatchAdmitted(options, message, admission);
    } catch (error) {
      const ref = options.newRef();
      options.logger.error({ err: error, ref }, 'command dispatch failed');
      if (admission !== null) await reply(options, admission, presentUnexpected(ref));
    }
  };
}

/** The guards of SPEC §5.1 plus the echo guard; null means ignore silently. */
async function admitMessage(
  options: DispatcherOptions,
  message: InboundMessage,
): Promise<Admission | null> {
  if (message.text === null || !message.text.trimStart().startsWith('/')) return null;
  const mode = await options.settings.getMode();
  const admission = admit(message, options.transport.identity(), mode);
  if (admission === null) return null;
  // The link already drops our own echoes; checking again costs little and prevents reply loops.
  if (await options.transport.isOwnMessage(message.id)) return null;
  return admission;
}

async function dispatchAdmitted(
  options: DispatcherOptions,
  message: InboundMessage,
  admission: Admission,
): Promise<void> {
  const now = options.clock();
  const decision = options.limiter.check(bareJid(message.senderJid) ?? message.senderJid, now);
  if (decision !== 'allow') {
    if (decision === 'warn') await reply(options, admission, presentSlowDown(options.perMinute));
    return;
  }
  const parsed = parseCommand(message.text ?? '');
  const command = parsed === null ? undefined : options.registry.lookup(parsed.name);
  if (parsed === null || command === undefined) {
    const suggestion = parsed === null ? null : options.registry.suggest(parsed.name);
    await reply(options, admission, presentUnknownCommand(suggestion));
    return;
  }
  const result = await runCommand(options, command, parsed.args, message, now);
  await reply(options, admission, result.reply);
  await recordAudit(options, command, parsed.args, message, now, result);
}

/** Staleness check, then the handler in the error boundary. */
async function runCommand(
  options: DispatcherOptions,
  command: CommandDefinition,
  args: readonly string[],
  message: InboundMessage,
  now: Date,
): Promise<RunResult> {
  const started = performance.now();
  const finish = (partial: Omit<RunResult, 'durationMs'>): RunResult => ({
    ...partial,
    durationMs: performance.now() - started,
  });
  const age = messageAgeMs(message, now);
  if (command.changesPositions && age > options.staleAfterMs) {
    return finish({ reply: presentStale(command.name, age), outcome: 'stale', errorRef: null });
  }
  let hostServer = '';
  try {
    hostServer = await options.settings.getHostServer();
    const result = await command.handler({
      args,
      message,
      now,
      host: options.hostClientFor(hostServer),
      settings: options.settings,
      link: options.transport,
      confirmations: options.confirmations,
      helpEntries: () => options.registry.helpEntries(),
    });
    return finish({ reply: result.reply, outcome: result.outcome ?? 'ok', errorRef: null });
  } catch (error) {
    return finish(failureResult(options, command.name, error, hostServer));
  }
}

/** Maps a thrown error to its reply: specific words for host failures, a reference otherwise. */
function failureResult(
  options: DispatcherOptions,
  command: string,
  error: unknown,
  hostServer: string,
): Omit<RunResult, 'durationMs'> {
  if (error instanceof HostApiError && error.kind !== 'server_error') {
    options.logger.warn(
      { command, kind: error.kind, status: error.hostStatus },
      'host call failed',
    );
    const view = { kind: error.kind, message: error.message, hostServer, ref: '' };
    return {
      reply: presentHostFailure({ ...view, timeoutMs: options.hostTimeoutMs }),
      outcome: 'host_error',
      errorRef: null,
    };
  }
  const ref = options.newRef();
  options.logger.error({ err: error, ref, command }, 'command failed');
  const outcome = error instanceof HostApiError ? 'host_error' : 'error';
  return { reply: presentUnexpected(ref), outcome, errorRef: ref };
}

/** Sends a reply in parts; a failed send is logged (without the text) and never thrown. */
async function reply(options: DispatcherOptions, admission: Admission, text: string) {
  if (!(await waitUntilSendable(options.transport, options.sendWaitMs))) {
    options.logger.warn(
      { state: options.transport.state() },
      'link not open; command reply dropped',
    );
    return;
  }
  for (const part of chunkReply(text, options.chunk)) {
    try {
      await options.transport.send(admission.replyTo, { type: 'text', text: part });
    } catch (error) {
      options.logger.warn({ err: error }, 'command reply not sent');
      return;
    }
  }
}

async function recordAudit(
  options: DispatcherOptions,
  command: CommandDefinition,
  args: readonly string[],
  message: InboundMessage,
  now: Date,
  result: RunResult,
): Promise<void> {
  const { outcome, durationMs, errorRef } = result;
  options.logger.info(
    {
      command: command.name,
      outcome,
      durationMs: Math.round(durationMs),
      sender: maskJid(message.senderJid),
    },
    'command handled',
  );
  try {
    await options.audit.record({
      senderJid: message.senderJid,
      command: command.name,
      args,
      outcome,
      durationMs,
      errorRef,
      executedAt: now,
    });
  } catch (error) {
    options.logger.error({ err: error, command: command.name }, 'command audit row not written');
  }
}
