/**
 * The one wrapper every contract call goes through, whichever carrier brought it (Electron IPC or the browser
 * host's loopback bridge): look up the channel, parse the request with its zod schema, run the handler, and
 * answer with the result envelope. Handlers never throw across the boundary; unknown failures are reported
 * without their message (it could carry request data) and logged by the caller if it wants.
 */
import type { z } from 'zod';
import { CHANNELS, type BoundaryError, type ChannelName, type ParsedRequestOf, type Result, type ResultOf } from '../../preload/contract.ts';
import { render, type Text } from '../domain/i18n/index.ts';

/** What the carrier knows about one call: `signal` aborts when its asker is gone (the page closed, the host stops). */
export interface CallContext {
  signal: AbortSignal;
}

export type Handlers = { [C in ChannelName]: (request: ParsedRequestOf<C>, context: CallContext) => Promise<ResultOf<C>> };

/**
 * An error a handler means the person to see: a stable code and a message. Given as a catalogue text, the page
 * shows it in the person's language; the plain message is then its English rendering (for logs and old pages).
 */
export class BoundaryFailure extends Error {
  readonly code: string;
  readonly details: unknown;
  readonly text: Text | undefined;
  constructor(code: string, message: string | Text, details?: unknown) {
    super(typeof message === 'string' ? message : render('en', message));
    this.name = 'BoundaryFailure';
    this.code = code;
    this.details = details;
    this.text = typeof message === 'string' ? undefined : message;
  }
}

/** Errors that carry a code meant for the person (BoundaryFailure, the store's typed errors) pass through. */
function toBoundaryError(e: unknown): BoundaryError | null {
  if (e instanceof BoundaryFailure) {
    return { code: e.code, message: e.message, ...(e.text === undefined ? {} : { text: e.text }), ...(e.details === undefined ? {} : { details: e.details }) };
  }
  if (e instanceof Error && e.name === 'StoreError' && 'code' in e && typeof e.code === 'string') {
    const details = 'details' in e && e.details !== undefined ? { details: e.details } : {};
    return { code: e.code, message: e.message, ...details };
  }
  return null;
}

const isChannelName = (name: string): name is ChannelName => Object.hasOwn(CHANNELS, name);

export type Dispatch = (channel: string, request: unknown, context?: CallContext) => Promise<Result<unknown>>;

/** For a carrier that does not follow its asker: a signal that never aborts. */
const NEVER_ABORTED: CallContext = { signal: new AbortController().signal };

export function createDispatcher(handlers: Handlers, onUnexpected: (channel: string, error: unknown) => void = () => undefined): Dispatch {
  return async (channel, request, context = NEVER_ABORTED) => {
    if (!isChannelName(channel)) return { ok: false, error: { code: 'unknown-channel', message: 'This request is not part of the app.' } };
    const schema: z.ZodType = CHANNELS[channel].request;
    const parsed = schema.safeParse(request ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid-request',
          message: 'The request was not understood.',
          details: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        },
      };
    }
    try {
      const handler = handlers[channel] as (r: unknown, c: CallContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, context) };
    } catch (e) {
      const known = toBoundaryError(e);
      if (known) return { ok: false, error: known };
      onUnexpected(channel, e);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app. Your data is unchanged; details are in the app log.' } };
    }
  };
}
