/**
 * Pairing (SPEC §7.2, §7.3): the pairing page (QR as inline SVG with a countdown, or the
 * 8-character code with instructions), `POST /whatsapp/pair` (`{"phone"?}`: digits → code, else
 * QR), `GET /whatsapp/pair/status`, cancel, and the live event stream `GET /whatsapp/events`.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AdminDeps } from '../../../admin/deps.ts';
import { linkSummary } from '../../../admin/link-status.ts';
import type { LiveEventName } from '../../../admin/live-events.ts';
import { readInput, textField } from '../../../admin/request.ts';
import { done, formAware } from '../../../admin/respond.ts';
import { isAppError, ValidationError } from '../../../errors.ts';
import type { PairingRequest } from '../../../whatsapp/transport.ts';

/** OpenAlgo's success message. */
export const PAIRING_STARTED = 'Pairing started. Watch for QR or pair code.';

function pairingRequest(input: Record<string, unknown>): PairingRequest {
  const phone = textField(input, 'phone') ?? '';
  const digits = phone.replace(/\D/g, '');
  if (phone === '' || (digits === '' && textField(input, 'method') !== 'code'))
    return { method: 'qr' };
  if (digits.length < 7 || digits.length > 15) {
    throw new ValidationError(
      'Enter the phone number with its country code, 7 to 15 digits (e.g. 919876543210)',
    );
  }
  return { method: 'code', phoneNumber: digits };
}

async function startPairing(deps: AdminDeps, ctx: Context): Promise<void> {
  const request = pairingRequest(readInput(ctx));
  deps.pairing.begin(request.method);
  try {
    await deps.transport.startPairing(request);
  } catch (error) {
    deps.pairing.reset();
    if (isAppError(error) && error.status < 500) {
      throw new ValidationError(error.message, {
        details: { data: deps.pairing.snapshot().state },
      });
    }
    throw error;
  }
  deps.logger.info(
    { module: 'admin', method: request.method },
    'pairing started from the admin UI',
  );
  done(ctx, {
    message: PAIRING_STARTED,
    data: deps.pairing.snapshot().state,
    redirect: '/whatsapp/pairing',
  });
}

/**
 * What a stream starts with: the status, the pair state, and the QR or code already showing, so
 * a page that connects just after the QR arrived does not wait a whole rotation for the next one.
 */
function initialEvents(deps: AdminDeps): Array<[LiveEventName, unknown]> {
  const snapshot = deps.pairing.snapshot();
  const events: Array<[LiveEventName, unknown]> = [
    ['whatsapp_status', linkSummary(deps.transport)],
    ['whatsapp_pair_status', snapshot.state],
  ];
  if (snapshot.state.status === 'awaiting_scan' && snapshot.qrSvg) {
    events.push([
      'whatsapp_qr',
      {
        data_url: snapshot.state.qr_data_url,
        svg: snapshot.qrSvg,
        expires_at: snapshot.qrExpiresAt,
      },
    ]);
  }
  if (snapshot.state.status === 'awaiting_scan' && snapshot.state.pair_code) {
    events.push(['whatsapp_pair_code', { code: snapshot.state.pair_code }]);
  }
  return events;
}

/** Builds the router. */
export function pairingRoutes(deps: AdminDeps): Router {
  const router = new Router({ prefix: '/whatsapp' });
  router.get('/pairing', (ctx) => {
    const snapshot = deps.pairing.snapshot();
    const pending =
      snapshot.state.status === 'starting' || snapshot.state.status === 'awaiting_scan';
    // Without JavaScript the page refreshes itself while a code is showing (noscript meta).
    deps.views.page(ctx, 'pairing', 'Pairing', {
      snapshot,
      link: linkSummary(deps.transport),
      refreshSeconds: pending ? 15 : 0,
    });
  });
  router.post(
    '/pair',
    formAware('/whatsapp', (ctx) => startPairing(deps, ctx)),
  );
  router.get('/pair/status', (ctx) => {
    ctx.body = { status: 'success', data: deps.pairing.snapshot().state };
  });
  router.post(
    '/pair/cancel',
    formAware('/whatsapp/pairing', async (ctx) => {
      await deps.transport.cancelPairing();
      deps.pairing.reset();
      done(ctx, { message: 'Pairing cancelled', redirect: '/whatsapp' });
    }),
  );
  router.get('/events', (ctx) => deps.live.attach(ctx, initialEvents(deps)));
  return router;
}
