/** What `call` and `doctor` share: where to connect, how long to wait, in which language, and the credentials. */
import { render, T } from '../domain/i18n/index.ts';
import { checkEndpoint } from '../onoffice/endpoint.ts';
import type { ClientTimeouts } from '../onoffice/client.ts';
import type { Credentials } from '../onoffice/wire.ts';
import { UsageError, parseIntFlag, pickLang, type CliIo, type Lang } from './io.ts';

/** The parseArgs options both commands take. */
export const CONNECTION_OPTIONS = {
  endpoint: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  'connect-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface Connection {
  lang: Lang;
  endpoint: URL;
  timeouts: Partial<ClientTimeouts>;
}

export function resolveConnection(
  values: { endpoint?: string; lang?: string; timeout?: string; 'connect-timeout'?: string },
  env: CliIo['env'],
): Connection {
  const lang = pickLang(values.lang, env);
  if (!values.endpoint) throw new UsageError(T('cli.endpoint.required'));
  const endpoint = checkEndpoint(values.endpoint);
  if (!endpoint.ok) throw new UsageError(T('cli.endpoint.invalid', { reason: endpoint.reason }));
  return { lang, endpoint: endpoint.url, timeouts: resolveTimeouts(values) };
}

/** --timeout and --connect-timeout; each absent one keeps the client's default. */
export function resolveTimeouts(values: { timeout?: string; 'connect-timeout'?: string }): Partial<ClientTimeouts> {
  const totalMs = parseIntFlag('timeout', values.timeout, 100, 600_000);
  const connectMs = parseIntFlag('connect-timeout', values['connect-timeout'], 100, 600_000);
  return { ...(totalMs ? { totalMs } : {}), ...(connectMs ? { connectMs } : {}) };
}

/**
 * Reads the credentials from the environment; a secret on the command line would end up in shell history and ps.
 * A marketplace provider's API user adds its claim in ONOFFICE_API_CLAIM (trimmed: it is often pasted from a URL).
 */
export function credentialsFromEnv(env: CliIo['env']): Credentials | null {
  const token = env.ONOFFICE_TOKEN;
  const secret = env.ONOFFICE_SECRET;
  if (!token || !secret) return null;
  const apiClaim = env.ONOFFICE_API_CLAIM?.trim();
  return { token, secret, ...(apiClaim ? { apiClaim } : {}) };
}

export function missingCredentialsMessage(lang: Lang): string {
  return render(lang, T('cli.credentials.missing'));
}

/** Refuses credentials in argv without echoing them. */
export function rejectSecretsInArgv(argv: readonly string[]): void {
  const bad = argv.find((a) => /^--?(token|secret|password|passphrase|api-?claim|claim|extendedclaim)(=|$)/i.test(a));
  if (bad) {
    const name = bad.replace(/^-+/, '').split('=')[0] ?? '';
    throw new UsageError(T(/claim/i.test(name) ? 'cli.argv.claim' : 'cli.argv.credentials', { name }));
  }
}
