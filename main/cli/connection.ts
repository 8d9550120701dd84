/** What `call` and `doctor` share: where to connect, how long to wait, in which language, and the credentials. */
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
  if (!values.endpoint) throw new UsageError('--endpoint is required');
  const endpoint = checkEndpoint(values.endpoint);
  if (!endpoint.ok) throw new UsageError(`--endpoint: ${endpoint.reason}`);
  const totalMs = parseIntFlag('timeout', values.timeout, 100, 600_000);
  const connectMs = parseIntFlag('connect-timeout', values['connect-timeout'], 100, 600_000);
  return { lang, endpoint: endpoint.url, timeouts: { ...(totalMs ? { totalMs } : {}), ...(connectMs ? { connectMs } : {}) } };
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
  return lang === 'de'
    ? 'Zugangsdaten fehlen: setzen Sie ONOFFICE_TOKEN und ONOFFICE_SECRET in der Umgebung.'
    : 'Credentials missing: set ONOFFICE_TOKEN and ONOFFICE_SECRET in the environment.';
}

/** Refuses credentials in argv without echoing them. */
export function rejectSecretsInArgv(argv: readonly string[]): void {
  const bad = argv.find((a) => /^--?(token|secret|password|passphrase|api-?claim|claim|extendedclaim)(=|$)/i.test(a));
  if (bad) {
    const name = bad.replace(/^-+/, '').split('=')[0] ?? '';
    const instead = /claim/i.test(name) ? 'ONOFFICE_API_CLAIM' : 'ONOFFICE_TOKEN and ONOFFICE_SECRET';
    throw new UsageError(
      `--${name} is not accepted: credentials on the command line end up in shell history and process lists. ` +
        `Set ${instead} in the environment instead.`,
    );
  }
}
