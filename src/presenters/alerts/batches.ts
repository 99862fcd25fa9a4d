/**
 * Bodies of multi-order alerts (research §2.3): basketorder, splitorder, optionsorder and
 * optionsmultiorder. The caps (3 basket lines, 5 option legs) and the `[OK] N/A  -> id` rendering of
 * option results without symbol/action are part of OpenAlgo's format and kept on purpose.
 */
import { isSuccess, resultMarker, tally, type AlertContext } from './context.ts';
import { count, field, firstPresent, isTruthy, list, pyFloat, text, textOr } from './values.ts';

const BASKET_SHOWN = 3;
const OPTION_LEGS_SHOWN = 5;

/** A result's order id if it has one, else its message, else `N/A`. */
function resultOutcome(item: unknown): string {
  return text(firstPresent(field(item, 'orderid'), field(item, 'message')));
}

/** basketorder: tally and the first three results, on success only. */
export function basketBody({ res }: AlertContext): string[] {
  if (!isSuccess(res)) return [];
  const results = list(res.results);
  const { total, successful, failed } = tally(results);
  const lines = [`Total Orders: ${total}`, `Successful: ${successful}`, `Failed: ${failed}`];
  for (const item of results.slice(0, BASKET_SHOWN)) {
    lines.push(`${resultMarker(item)} ${text(field(item, 'symbol'))}: ${resultOutcome(item)}`);
  }
  if (total > BASKET_SHOWN) lines.push(`... and ${total - BASKET_SHOWN} more`);
  return lines;
}

/** splitorder: sizes and tally whatever the status, then how a failure went. */
export function splitBody({ req, res }: AlertContext): string[] {
  const results = list(res.results);
  const { total, successful, failed } = tally(results);
  const lines = [
    `Symbol: ${text(req.symbol)}`,
    `Total Quantity: ${count(res.total_quantity)}`,
    `Split Size: ${count(res.split_size)}`,
    `Total Orders: ${total}`,
    `Successful: ${successful}`,
    `Failed: ${failed}`,
  ];
  if (failed > 0 && successful === 0) {
    lines.push('All orders rejected');
  } else if (failed > 0) {
    lines.push('Partial fill');
    const reason = field(
      results.find((item) => resultMarker(item) === '[X]'),
      'message',
    );
    if (isTruthy(reason)) lines.push(`Reason: ${text(reason)}`);
  }
  return lines;
}

/** One option leg: `[OK] {symbol} {action} -> {orderid|message}`; absent action prints empty. */
function legLine(item: unknown): string {
  const action = textOr(field(item, 'action'), '');
  return `${resultMarker(item)} ${text(field(item, 'symbol'))} ${action} -> ${resultOutcome(item)}`;
}

/** optionsorder and optionsmultiorder: underlying, legs (first five) and the underlying's LTP. */
export function optionsBody({ req, res }: AlertContext): string[] {
  const lines = [`Underlying: ${text(req.underlying)}`];
  if (!isSuccess(res)) {
    lines.push(`Error: ${textOr(res.message, 'Failed')}`);
    return lines;
  }
  const results = list(res.results);
  if (results.length > 0) {
    const { total, successful, failed } = tally(results);
    lines.push(`Total Legs: ${total}`, `Successful: ${successful}`, `Failed: ${failed}`);
    lines.push(...results.slice(0, OPTION_LEGS_SHOWN).map(legLine));
  }
  if (isTruthy(res.underlying_ltp)) lines.push(`Underlying LTP: ${pyFloat(res.underlying_ltp)}`);
  return lines;
}
