/**
 * The notify module's door: `createNotifyService` builds the use case and its router for the
 * composition root; the outbox drainer imports the content mapping for queued notify rows.
 */
import type Router from '@koa/router';
import { notifyRoutes } from '../http/routes/notify.ts';
import { buildNotifyOpenApi } from './openapi.ts';
import { createNotifyHandler, type NotifyService, type NotifyServiceDeps } from './service.ts';

export {
  SELF_RECIPIENT,
  outboxFieldsToContent,
  outboxToRecipient,
  buildContent,
} from './content.ts';
export { checkAttachmentPath, MAX_ATTACHMENT_BYTES } from './attachments.ts';
export { createIdempotencyStore, IDEMPOTENCY_TTL_MS } from './idempotency.ts';
export { NOTIFY_PATH, OPENAPI_PATH, buildNotifyOpenApi } from './openapi.ts';
export type { NotifyService, NotifyServiceDeps } from './service.ts';

/** Options of {@link createNotifyService}: the service's deps plus the version shown in OpenAPI. */
export interface CreateNotifyServiceOptions extends NotifyServiceDeps {
  /** `info.version` of the OpenAPI document (the plugin manifest's version). */
  version?: string;
}

/** The wired notify API. */
export interface NotifyModule {
  service: NotifyService;
  /** Mount with `createHttpApp({ routers: [..., router] })`. */
  router: Router;
}

/** Builds the notify service and its router (`POST /api/v1/whatsapp/notify`, OpenAPI document). */
export function createNotifyService(options: CreateNotifyServiceOptions): NotifyModule {
  const service = createNotifyHandler(options);
  const openApi = buildNotifyOpenApi(options.version ?? '0.1.0');
  return { service, router: notifyRoutes({ service, openApi }) };
}
