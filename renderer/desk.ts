/**
 * The renderer's only way to the main process. In Electron the preload exposes `window.desk`; in the browser host
 * the same `DeskApi` is built here on top of the loopback bridge (POST per call, server-sent events), authorised by
 * the session token the host put in the URL fragment. No secret ever comes back through either.
 */
import type { ChannelName, DeskApi, EventName, EventPayloads, JournalExportOutcome, RequestOf, Result } from '../preload/contract.ts';
import { CHANNEL_NAMES, EVENT_NAMES } from '../main/domain/vocabulary.ts';

declare global {
  interface Window {
    desk?: DeskApi;
  }
}

const SESSION_KEY = 'desk-session';

/** Takes the token from `#session=…` once and removes it from the address bar; a reload finds it in sessionStorage. */
function takeSessionToken(): string | null {
  const match = /(?:^#|&)session=([^&]+)/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    const token = decodeURIComponent(match[1]);
    try {
      window.sessionStorage.setItem(SESSION_KEY, token);
    } catch {
      // Storage can be disabled; the token then lives for this page only.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  try {
    return window.sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

type Listener = (payload: unknown) => void;

function createHttpBridge(): DeskApi {
  const session = takeSessionToken();
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;

  const call = async (channel: ChannelName, request: unknown): Promise<Result<unknown>> => {
    if (session === null) {
      return { ok: false, error: { code: 'no-session', message: 'This page was opened without its session link. Open the address the app printed when it started.' } };
    }
    let response: Response;
    try {
      response = await fetch(`/bridge/call/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Session': session },
        body: JSON.stringify(request ?? {}),
        cache: 'no-store',
      });
    } catch {
      return { ok: false, error: { code: 'bridge-unreachable', message: 'The app is not reachable. Is it still running?' } };
    }
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'bridge-unreachable', message: `The app answered with status ${response.status} and no usable result.` } };
    }
  };

  const ensureSource = (): void => {
    if (source !== null || session === null) return;
    source = new EventSource(`/bridge/events?session=${encodeURIComponent(session)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        let payload: unknown;
        try {
          payload = JSON.parse((event as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  };

  const api: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) api[channel] = (request: unknown) => call(channel, request);
  // An export is a download the browser saves as it arrives (flat memory on both sides); its progress and end come
  // as journalExportProgress events, so the event stream is opened first.
  api.journalExport = (request: RequestOf<'journalExport'>): Promise<Result<JournalExportOutcome>> => {
    if (session === null) return call('journalExport', request) as Promise<Result<JournalExportOutcome>>;
    ensureSource();
    const query = new URLSearchParams({ session, request: JSON.stringify(request) });
    const a = document.createElement('a');
    a.href = `/bridge/download/journalExport?${query.toString()}`;
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
    return Promise.resolve({ ok: true, value: { state: 'started', fileName: null, rows: 0 } });
  };
  api.on = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): (() => void) => {
    ensureSource();
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  };
  return api as DeskApi;
}

let desk: DeskApi | null = null;

export function getDesk(): DeskApi {
  desk ??= window.desk ?? createHttpBridge();
  return desk;
}
