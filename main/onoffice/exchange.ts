/**
 * What the client reports about every HTTP exchange it makes, for the journal. It carries the raw bodies, which
 * contain the token and the HMACs: whoever stores or shows an Exchange must redact it first (main/store/journal).
 * The secret itself is never in an Exchange: it only keys the HMAC.
 */
import type { ActionKind } from './wire.ts';

export interface ExchangeAction {
  kind: ActionKind;
  resourcetype: string;
  resourceid: string;
  identifier: string;
  /** Per-action status as answered; null when the exchange failed before per-action results existed. */
  status: { errorcode: number; message: string } | null;
}

export interface Exchange {
  /** Wall-clock start, milliseconds since the epoch. */
  startedAt: number;
  durationMs: number;
  /** The endpoint URL that was called (never carries credentials). */
  endpoint: string;
  /** 1 for the first attempt, 2 and 3 for automatic retries of read/get. */
  attempt: number;
  httpStatus: number | null;
  /** Raw request body as sent: contains the token and HMACs. */
  requestBody: string;
  /** Raw (decompressed) response body, capped; null when none arrived. */
  responseBody: string | null;
  /** Top-level status of the response; null when none could be read. */
  top: { code: number; errorcode: number; message: string } | null;
  actions: ExchangeAction[];
  /** The failure of the whole exchange, if any: a transport error code ('timeout-total', …) or 'api'/'malformed'. */
  failure: { code: string; message: string } | null;
  /** Server clock minus local clock in seconds, from the response Date header; null when unknown. */
  clockOffsetSeconds: number | null;
}
