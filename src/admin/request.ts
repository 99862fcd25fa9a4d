/**
 * How an admin request wants its answer, and its input as one plain record, whether it came as a
 * form (the pages, which work without JavaScript) or as JSON (scripts and OpenAlgo's client).
 */
import type { Context } from 'koa';
import { ValidationError } from '../errors.ts';
import { parseJsonBody, rawBodyOf } from '../http/middleware/body.ts';

/**
 * True for script/JSON clients, by OpenAlgo's rule (`X-Requested-With: XMLHttpRequest`, an
 * `Accept` starting with `application/json`, or a JSON body), plus event-stream clients, which
 * cannot follow a redirect to a login page either.
 */
export function wantsJson(ctx: Context): boolean {
  if (ctx.get('X-Requested-With').toLowerCase() === 'xmlhttprequest') return true;
  const accept = ctx.get('Accept').toLowerCase();
  if (accept.startsWith('application/json') || accept.startsWith('text/event-stream')) return true;
  return Boolean(ctx.is('application/json', '+json'));
}

/** True when the body is an HTML form post (answered with a redirect, not JSON). */
export function isFormPost(ctx: Context): boolean {
  return ctx.method === 'POST' && Boolean(ctx.is('application/x-www-form-urlencoded'));
}

/** The form fields; for a repeated name the last value wins (hidden "false" + checkbox "true"). */
export function readForm(ctx: Context): Record<string, string> {
  const params = new URLSearchParams(rawBodyOf(ctx).toString('utf8'));
  const fields: Record<string, string> = {};
  for (const [name, value] of params) fields[name] = value;
  return fields;
}

/** The request's input as a record: form fields, or the JSON object (empty body allowed). */
export function readInput(ctx: Context): Record<string, unknown> {
  if (isFormPost(ctx)) return readForm(ctx);
  if (rawBodyOf(ctx).length === 0) return {};
  const body = parseJsonBody(ctx);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** A text field, trimmed; undefined when absent or not text. */
export function textField(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value.trim() : undefined;
}

/** A path under `/whatsapp` to go back to, from a form's `_back` field; else `fallback`. */
export function backPath(input: Record<string, unknown>, fallback: string): string {
  const back = textField(input, '_back');
  return back && /^\/whatsapp(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&_.%-]*)?$/.test(back)
    ? back
    : fallback;
}
