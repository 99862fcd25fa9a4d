/** Helpers shared by the alert presenter tests. */
import type { OrderEvent } from '../../../src/http/schemas/order-event.ts';
import { renderAlert, SEPARATOR } from '../../../src/presenters/alerts/index.ts';

/** The body lines of a rendered alert: between the separator and the `Time:` line. */
export function bodyOf(event: OrderEvent): string[] {
  const lines = renderAlert(event).split('\n');
  const start = lines.indexOf(SEPARATOR);
  if (start < 0 || !lines.at(-1)?.startsWith('Time: ')) {
    throw new Error(`not an alert layout:\n${lines.join('\n')}`);
  }
  return lines.slice(start + 1, -1);
}
