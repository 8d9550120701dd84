/**
 * The error catalogue: every onOffice error code this project meets (ONOFFICE_API.md §5) and every transport
 * failure, each with a category, a short explanation and a concrete fix. The texts are keys of the text catalogue
 * (main/domain/i18n, section `errors`), so a stored explanation renders in the language chosen when it is read.
 * German is written for agency staff working in enterprise, so fixes name enterprise's German menus. Enterprise
 * labels stand in „…“ only where the enterprise help uses that exact wording; everything else is described. Pure
 * data and pure functions.
 */
import { join, T, verbatim, type Text } from '../domain/i18n/index.ts';
import { SECRET_LENGTH, TIMESTAMP_WINDOW_SECONDS, TOKEN_LENGTH, type ErrorCategory } from '../domain/vocabulary.ts';

export { ERROR_CATEGORIES, type ErrorCategory } from '../domain/vocabulary.ts';

export interface CatalogueEntry {
  code: number;
  category: ErrorCategory;
  /** The server's message as documented; the live message may differ (placeholders filled, wording changed). */
  serverMessage: string;
  title: Text;
  explanation: Text;
  fix: Text;
}

/** Failures where no usable API answer arrived. */
export const TRANSPORT_ERROR_CODES = [
  'timeout-connect',
  'timeout-total',
  'connection-refused',
  'connection-reset',
  'dns',
  'tls',
  'plain-http',
  'http-status',
  'too-large',
  'malformed',
  'aborted',
  'network',
  'endpoint-invalid',
] as const;
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

export interface ErrorContext {
  tokenLength?: number;
  secretLength?: number;
  /** Server clock minus local clock, seconds; positive means the local clock is behind. */
  clockOffsetSeconds?: number | null;
  httpStatus?: number;
  endpointHost?: string;
  detail?: string;
  /** Whether the request carried a marketplace API claim (`extendedclaim`): tells the two causes of 193 apart. */
  apiClaimSent?: boolean;
}

export interface ExplainedError {
  code: number | TransportErrorCode;
  category: ErrorCategory;
  /** What the server said, verbatim; empty for transport failures. */
  serverMessage: string;
  title: Text;
  explanation: Text;
  fix: Text;
}

export { SECRET_LENGTH, TOKEN_LENGTH };
/** Accepted distance between the action timestamp and server time (§3). */
export const CLOCK_WINDOW_SECONDS = TIMESTAMP_WINDOW_SECONDS;

// ---------------------------------------------------------------------------------------------------------------
// Fixes shared by several codes.

const REGENERATE = T('errors.shared.regenerate');

const RECOPY_OR_REGENERATE = join(
  T('errors.shared.recopyOrRegenerate'),
  REGENERATE,
);

const SUPPORT_WITH_CODE = (code: number): Text => T('errors.shared.supportWithCode', { code });

const READ_RIGHTS = T('errors.shared.readRights');

const MAILBOX = T('errors.shared.mailbox');

// „Postfach aktiv“ only switches the fetching of incoming mail: sending does not depend on it, so no text here may
// blame an inactive mailbox for mail that was not sent.
const MAIL_DELIVERY = T('errors.shared.mailDelivery');

const OWN_REQUEST_BUG = T('errors.shared.ownRequestBug');

const FIELD_NAMES = T('errors.shared.fieldNames');

const MARKETPLACE_ACTIVATION = T('errors.shared.marketplaceActivation');

/** 137 causes that only hand-written integration code has: never a cause for requests this app builds itself. */
const OWN_INTEGRATION_137 = T('errors.shared.ownIntegration137');

/** A check from this app measures this computer; clock and IP restriction concern the machine running the integration. */
const MEASURED_HERE = T('errors.shared.measuredHere');

/** §8: where a provider finds the claim, and which one counts. */
const CLAIM_SOURCE = T('errors.shared.claimSource');

/** Where the claim goes: the profile in this app, the environment for its command line, the parameters in one's own code. */
const ENTER_API_CLAIM = T('errors.shared.enterApiClaim');

/** For agency staff who meet a marketplace code with an API user that is not theirs to use. */
const NOT_A_PROVIDER = T('errors.shared.notAProvider');

/** §8: the mix-up providers make most often. */
const TWO_SECRETS = T('errors.shared.twoSecrets');

// ---------------------------------------------------------------------------------------------------------------
// The catalogue. Codes sharing one meaning share one text; each keeps its own documented server message.

type Row = readonly [code: number, serverMessage: string];

function group(category: ErrorCategory, rows: readonly Row[], title: Text, explanation: Text, fix: Text): CatalogueEntry[] {
  return rows.map(([code, serverMessage]) => Object.freeze({ code, category, serverMessage, title, explanation, fix }));
}

const credentials: CatalogueEntry[] = [
  ...group(
    'credentials',
    [[13, 'Missing or invalid element: token']],
    T('errors.api.13.title'),
    T('errors.api.13.explanation'),
    RECOPY_OR_REGENERATE,
  ),
  ...group(
    'credentials',
    [[22, 'Not authenticated']],
    T('errors.api.22.title'),
    T('errors.api.22.explanation'),
    T('errors.api.22.fix'),
  ),
  ...group(
    'credentials',
    [[28, 'Error during client registration']],
    T('errors.api.28.title'),
    T('errors.api.28.explanation'),
    SUPPORT_WITH_CODE(28),
  ),
  ...group(
    'credentials',
    [[30, 'Error retrieving client information']],
    T('errors.api.30.title'),
    T('errors.api.30.explanation'),
    SUPPORT_WITH_CODE(30),
  ),
  ...group(
    'credentials',
    [[40, 'Invalid user credentials']],
    T('errors.api.40.title'),
    T('errors.api.40.explanation'),
    RECOPY_OR_REGENERATE,
  ),
  ...group(
    'credentials',
    [[41, 'Customer unknown']],
    T('errors.api.41.title'),
    T('errors.api.41.explanation'),
    join(
      T('errors.api.41.fix'),
      REGENERATE,
    ),
  ),
  ...group(
    'credentials',
    [[42, 'Customer is not active']],
    T('errors.api.42.title'),
    T('errors.api.42.explanation'),
    T('errors.api.42.fix'),
  ),
  ...group(
    'credentials',
    [[43, 'User unknown']],
    T('errors.api.43.title'),
    T('errors.api.43.explanation'),
    T('errors.api.43.fix'),
  ),
  ...group(
    'credentials',
    [[45, 'Refresh token is not valid']],
    T('errors.api.45.title'),
    T('errors.api.45.explanation'),
    T('errors.api.45.fix'),
  ),
  ...group(
    'credentials',
    [[47, 'Client does not exist']],
    T('errors.api.47.title'),
    T('errors.api.47.explanation'),
    T('errors.api.47.fix'),
  ),
  ...group(
    'credentials',
    [[48, 'Client access revoked']],
    T('errors.api.48.title'),
    T('errors.api.48.explanation'),
    T('errors.api.48.fix'),
  ),
  ...group(
    'credentials',
    [[49, 'Secret is wrong']],
    T('errors.api.49.title'),
    T('errors.api.49.explanation'),
    join(RECOPY_OR_REGENERATE, TWO_SECRETS),
  ),
  ...group(
    'credentials',
    [[104, 'User is not active']],
    T('errors.api.104.title'),
    T('errors.api.104.explanation'),
    T('errors.api.104.fix'),
  ),
  ...group(
    'credentials',
    [[134, 'Type of user not allowed for login']],
    T('errors.api.134.title'),
    T('errors.api.134.explanation'),
    T('errors.api.134.fix'),
  ),
  ...group(
    'credentials',
    [[137, 'The HMAC is invalid']],
    T('errors.api.137.title'),
    T('errors.api.137.explanation'),
    join(RECOPY_OR_REGENERATE, TWO_SECRETS, OWN_INTEGRATION_137),
  ),
  ...group(
    'credentials',
    [[153, 'Token data by given access token invalid']],
    T('errors.api.153.title'),
    T('errors.api.153.explanation'),
    RECOPY_OR_REGENERATE,
  ),
  ...group(
    'credentials',
    [[158, 'Access from this IP not allowed']],
    T('errors.api.158.title'),
    T('errors.api.158.explanation'),
    join(
      T('errors.api.158.fix'),
      MEASURED_HERE,
      T('errors.api.158.fix.2'),
    ),
  ),
];

const clock: CatalogueEntry[] = group(
  'clock',
  [[136, 'Your timestamp is too old or your server time is wrong']],
  T('errors.api.136.title'),
  T('errors.api.136.explanation'),
  join(
    T('errors.api.136.fix'),
    MEASURED_HERE,
    T('errors.api.136.fix.2'),
  ),
);

const rights: CatalogueEntry[] = [
  ...group(
    'rights',
    [
      [80, 'Unknown record'],
      [292, 'Unknown address record'],
      [293, 'Unknown estate record'],
    ],
    T('errors.api.80.title'),
    T('errors.api.80.explanation'),
    READ_RIGHTS,
  ),
  ...group(
    'rights',
    [[131, 'Address creation without proper user rights']],
    T('errors.api.131.title'),
    T('errors.api.131.explanation'),
    T('errors.api.131.fix'),
  ),
  ...group(
    'rights',
    [[149, 'No read permission for this estate']],
    T('errors.api.149.title'),
    T('errors.api.149.explanation'),
    READ_RIGHTS,
  ),
  ...group(
    'rights',
    [[170, 'No read permission for this user']],
    T('errors.api.170.title'),
    T('errors.api.170.explanation'),
    T('errors.api.170.fix'),
  ),
  ...group(
    'rights',
    [[174, 'Missing permission to perform modify call']],
    T('errors.api.174.title'),
    T('errors.api.174.explanation'),
    T('errors.api.174.fix'),
  ),
  ...group(
    'rights',
    [[183, 'User access not granted']],
    T('errors.api.183.title'),
    T('errors.api.183.explanation'),
    T('errors.api.183.fix'),
  ),
  ...group(
    'rights',
    [[156, 'Access violation']],
    T('errors.api.156.title'),
    T('errors.api.156.explanation'),
    T('errors.api.156.fix'),
  ),
  ...group(
    'rights',
    [[253, 'No access to %s']],
    T('errors.api.253.title'),
    T('errors.api.253.explanation'),
    T('errors.api.253.fix'),
  ),
  ...group(
    'rights',
    [[261, 'Missing write right for address(es) with id(s) %s']],
    T('errors.api.261.title'),
    T('errors.api.261.explanation'),
    T('errors.api.261.fix'),
  ),
  ...group(
    'rights',
    [[262, 'Missing write right for estate(s) with id(s) %s']],
    T('errors.api.262.title'),
    T('errors.api.262.explanation'),
    T('errors.api.262.fix'),
  ),
];

const mail: CatalogueEntry[] = [
  ...group(
    'mail',
    [[51, 'Invalid email identity']],
    T('errors.api.51.title'),
    T('errors.api.51.explanation'),
    MAILBOX,
  ),
  ...group(
    'mail',
    [[52, 'List of receivers is not an array']],
    T('errors.api.52.title'),
    T('errors.api.52.explanation'),
    T('errors.api.52.fix'),
  ),
  ...group(
    'mail',
    [[53, 'Missing receivers']],
    T('errors.api.53.title'),
    T('errors.api.53.explanation'),
    T('errors.api.53.fix'),
  ),
  ...group(
    'mail',
    [
      [55, 'Invalid receivers'],
      [146, 'Invalid recipient'],
    ],
    T('errors.api.55.title'),
    T('errors.api.55.explanation'),
    T('errors.api.55.fix'),
  ),
  ...group(
    'mail',
    [
      [56, 'Error during sending mail'],
      [211, 'Email could not be sent'],
    ],
    T('errors.api.56.title'),
    T('errors.api.56.explanation'),
    MAIL_DELIVERY,
  ),
  ...group(
    'mail',
    [[148, 'No mails sent']],
    T('errors.api.148.title'),
    T('errors.api.148.explanation'),
    MAIL_DELIVERY,
  ),
  ...group(
    'mail',
    [[191, 'No read access to email template']],
    T('errors.api.191.title'),
    T('errors.api.191.explanation'),
    T('errors.api.191.fix'),
  ),
  ...group(
    'mail',
    [[233, 'missing email template']],
    T('errors.api.233.title'),
    T('errors.api.233.explanation'),
    T('errors.api.233.fix'),
  ),
  ...group(
    'mail',
    [
      [238, 'the attachment is too big'],
      [242, 'Error while sending; attachment size may have been exceeded'],
    ],
    T('errors.api.238.title'),
    T('errors.api.238.explanation'),
    T('errors.api.238.fix'),
  ),
  // The mailbox probe asks emailInfo for a message that does not exist: these answers come after the identity passed.
  ...group(
    'mail',
    [
      [62, 'Email does not exist (anymore)'],
      [133, 'No email for given message id'],
      [276, 'Mail could not be found'],
      [283, 'Mail could not be found'],
    ],
    T('errors.api.62.title'),
    T('errors.api.62.explanation'),
    T('errors.api.62.fix'),
  ),
];

const fields: CatalogueEntry[] = [
  ...group(
    'fields',
    [
      [75, 'Unknown field: %s'],
      [141, 'Unknown field: %s'],
      [145, 'Unknown field: %s'],
    ],
    T('errors.api.75.title'),
    T('errors.api.75.explanation'),
    FIELD_NAMES,
  ),
  ...group(
    'fields',
    [[143, 'Unknown field in estate data']],
    T('errors.api.143.title'),
    T('errors.api.143.explanation'),
    FIELD_NAMES,
  ),
  ...group(
    'fields',
    [[212, 'Unknown sort field']],
    T('errors.api.212.title'),
    T('errors.api.212.explanation'),
    FIELD_NAMES,
  ),
  ...group(
    'fields',
    [[252, 'Unknown value in select field']],
    T('errors.api.252.title'),
    T('errors.api.252.explanation'),
    T('errors.api.252.fix'),
  ),
];

const structure: CatalogueEntry[] = [
  ...group(
    'structure',
    [
      [3, 'JSON error'],
      [4, 'Invalid JSON'],
      [5, 'JSON error'],
      [6, 'JSON error'],
      [7, 'JSON error'],
      [8, 'JSON error'],
    ],
    T('errors.api.3.title'),
    T('errors.api.3.explanation'),
    OWN_REQUEST_BUG,
  ),
  ...group(
    'structure',
    [[9, 'Empty request']],
    T('errors.api.9.title'),
    T('errors.api.9.explanation'),
    join(
      T('errors.api.9.fix'),
      OWN_REQUEST_BUG,
    ),
  ),
  ...group(
    'structure',
    [
      [14, 'Missing or invalid element: request'],
      [15, 'Missing or invalid element: actions'],
      [16, 'Missing or invalid element: actionid'],
      [17, 'Missing or invalid element: actionid'],
      [18, 'Missing or invalid element: resourceid'],
      [19, 'Missing or invalid element: resourcetype'],
      [20, 'Missing or invalid element: parameters'],
    ],
    T('errors.api.14.title'),
    T('errors.api.14.explanation'),
    OWN_REQUEST_BUG,
  ),
  ...group(
    'structure',
    [
      [23, 'Missing configuration for actionId'],
      [24, 'Missing configuration for resourceId'],
      [25, 'Missing configuration for resourceType'],
    ],
    T('errors.api.23.title'),
    T('errors.api.23.explanation'),
    join(
      T('errors.api.23.fix'),
      OWN_REQUEST_BUG,
    ),
  ),
  ...group(
    'structure',
    [[302, 'only up to 500 Ids']],
    T('errors.api.302.title'),
    T('errors.api.302.explanation'),
    T('errors.api.302.fix'),
  ),
  ...group(
    'structure',
    [[167, 'Missing parameter "%s"']],
    T('errors.api.167.title'),
    T('errors.api.167.explanation'),
    join(
      T('errors.api.167.fix'),
      OWN_REQUEST_BUG,
    ),
  ),
  ...group(
    'structure',
    [[139, 'Missing params "picture categories" or "estateids"']],
    T('errors.api.139.title'),
    T('errors.api.139.explanation'),
    OWN_REQUEST_BUG,
  ),
  ...group(
    'structure',
    [
      [58, 'Missing message id'],
      [59, 'Missing email uid'],
      [60, 'Missing email folder'],
    ],
    T('errors.api.58.title'),
    T('errors.api.58.explanation'),
    OWN_REQUEST_BUG,
  ),
  ...group(
    'structure',
    [[50, 'Missing email identity']],
    T('errors.api.50.title'),
    T('errors.api.50.explanation'),
    join(
      T('errors.api.50.fix'),
      OWN_REQUEST_BUG,
    ),
  ),
  ...group(
    'structure',
    [[142, 'Unknown operator']],
    T('errors.api.142.title'),
    T('errors.api.142.explanation'),
    OWN_REQUEST_BUG,
  ),
  // The documentation names this code only by the parameter it concerns; the live message says more.
  ...group(
    'structure',
    [[256, 'listlimit']],
    T('errors.api.256.title'),
    T('errors.api.256.explanation'),
    join(
      T('errors.api.256.fix'),
      OWN_REQUEST_BUG,
    ),
  ),
  // 184, 286 and 243 name a value in the request, not the caller: token and secret were accepted.
  ...group(
    'structure',
    [[184, 'User id is not existing or inactive']],
    T('errors.api.184.title'),
    T('errors.api.184.explanation'),
    T('errors.api.184.fix'),
  ),
  ...group(
    'structure',
    [[286, 'User %s is not active']],
    T('errors.api.286.title'),
    T('errors.api.286.explanation'),
    T('errors.api.286.fix'),
  ),
  ...group(
    'structure',
    [[243, 'The HMAC is invalid. "%s" should be passed as string']],
    T('errors.api.243.title'),
    T('errors.api.243.explanation'),
    T('errors.api.243.fix'),
  ),
];

const marketplace: CatalogueEntry[] = [
  ...group(
    'marketplace',
    [
      [177, 'Invalid parameter cache'],
      [178, 'Invalid parameter cache'],
    ],
    T('errors.api.177.title'),
    T('errors.api.177.explanation'),
    MARKETPLACE_ACTIVATION,
  ),
  ...group(
    'marketplace',
    [[193, 'extendedclaim required or invalid']],
    T('errors.api.193.title'),
    T('errors.api.193.explanation'),
    join(CLAIM_SOURCE, ENTER_API_CLAIM, NOT_A_PROVIDER),
  ),
  ...group(
    'marketplace',
    [[201, 'extendedclaim outdated']],
    T('errors.api.201.title'),
    T('errors.api.201.explanation'),
    join(
      T('errors.api.201.fix'),
      ENTER_API_CLAIM,
    ),
  ),
  ...group(
    'marketplace',
    [[240, 'Call not allowed for marketplace API users']],
    T('errors.api.240.title'),
    T('errors.api.240.explanation'),
    T('errors.api.240.fix'),
  ),
  ...group(
    'marketplace',
    [[248, 'No matching extendedclaim']],
    T('errors.api.248.title'),
    T('errors.api.248.explanation'),
    join(
      T('errors.api.248.fix'),
      ENTER_API_CLAIM,
      T('errors.api.248.fix.2'),
      MARKETPLACE_ACTIVATION,
    ),
  ),
];

const server: CatalogueEntry[] = [
  ...group(
    'server',
    [[1, 'Unknown error']],
    T('errors.api.1.title'),
    T('errors.api.1.explanation'),
    SUPPORT_WITH_CODE(1),
  ),
  ...group(
    'server',
    [[97, 'Error in action']],
    T('errors.api.97.title'),
    T('errors.api.97.explanation'),
    join(
      T('errors.api.97.fix'),
      SUPPORT_WITH_CODE(97),
    ),
  ),
  ...group(
    'server',
    [[500, 'Server error']],
    T('errors.api.500.title'),
    T('errors.api.500.explanation'),
    SUPPORT_WITH_CODE(500),
  ),
];

export const API_ERROR_CATALOGUE: ReadonlyMap<number, CatalogueEntry> = new Map(
  [...credentials, ...clock, ...rights, ...mail, ...fields, ...structure, ...marketplace, ...server].map((e) => [e.code, e]),
);

/** Codes whose live message carries the useful detail (a field name, ids, a parameter): quote it. */
const QUOTE_SERVER_MESSAGE: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 58, 59, 60, 75, 141, 142, 145, 167, 212, 243, 252, 253, 256, 261, 262, 286, 302,
]);

export function categoryOf(code: number): ErrorCategory {
  return API_ERROR_CATALOGUE.get(code)?.category ?? 'api';
}

// ---------------------------------------------------------------------------------------------------------------
// Interpolation helpers: every value that goes into a sentence goes through one of these.

/** The server's own words are never translated: they stand in the text verbatim. */
const serverSaid = (message: string): Text =>
  message.trim() === '' ? T('errors.serverSaid.empty') : T('errors.serverSaid', { message: verbatim(message) });

const unknownTitle = (code: number): Text => T('errors.unknown.title', { code });
const unknownExplanation = (code: number): Text => T('errors.unknown.explanation', { code });
const unknownFix = (code: number): Text => T('errors.unknown.fix', { code });

// One and other are the same choice in German and English, so the plural form can be picked here.
const measuredLength = (n: number | undefined): Text =>
  n === undefined ? T('errors.length.notMeasured') : T(n === 1 ? 'errors.length.one' : 'errors.length.other', { count: n });

const wrongLengths = (token: number | undefined, secret: number | undefined): Text =>
  T('errors.hmac.wrongLengths', { token: measuredLength(token), secret: measuredLength(secret) });

const swappedLengths = (token: number, secret: number): Text => T('errors.hmac.swapped', { token, secret });

/** Whole seconds with a rough larger unit, so 412 s also reads as about 7 min. */
const duration = (seconds: number): Text => {
  if (seconds >= 7200) return T('errors.duration.hours', { seconds, hours: Math.round(seconds / 3600) });
  if (seconds >= 120) return T('errors.duration.minutes', { seconds, minutes: Math.round(seconds / 60) });
  return T('errors.duration.seconds', { seconds });
};

/** Offset = server minus local: positive means the local clock is behind. */
const offsetSentence = (offset: number): Text => {
  const abs = Math.abs(Math.round(offset));
  if (abs === 0) return T('errors.clock.match');
  return T(offset > 0 ? 'errors.clock.behind' : 'errors.clock.ahead', { duration: duration(abs) });
};

/** A clock off by (almost) whole hours usually has the wrong time zone while showing the right local time. */
const timeZoneHint = (abs: number): Text | null => {
  const hours = Math.round(abs / 3600);
  if (hours < 1 || Math.abs(abs - hours * 3600) > CLOCK_WINDOW_SECONDS) return null;
  return T(hours === 1 ? 'errors.clock.timeZone.one' : 'errors.clock.timeZone.other', { count: hours });
};

function clockExplanation(offset: number | null | undefined): Text {
  const window = T('errors.clock.window');
  if (offset === null || offset === undefined || !Number.isFinite(offset)) return join(window, T('errors.clock.unmeasured'));
  const abs = Math.abs(Math.round(offset));
  if (abs <= CLOCK_WINDOW_SECONDS) return join(window, offsetSentence(offset), T('errors.clock.withinWindow'));
  return join(window, offsetSentence(offset), timeZoneHint(abs));
}

/** 193 from a request this app built: it knows whether a claim went with it. */
const claimSent = (sent: boolean): Text => T(sent ? 'errors.claim.sent' : 'errors.claim.notSent');

/** 137 with the measured lengths of token and secret: a wrong length names the copy error plainly. */
function hmacAdvice(entry: CatalogueEntry, ctx: ErrorContext): { explanation: Text; fix: Text } {
  const token = ctx.tokenLength;
  const secret = ctx.secretLength;
  if (token === SECRET_LENGTH && secret === TOKEN_LENGTH) {
    return { explanation: swappedLengths(token, secret), fix: T('errors.hmac.swapped.fix') };
  }
  if ((token !== undefined && token !== TOKEN_LENGTH) || (secret !== undefined && secret !== SECRET_LENGTH)) {
    const tooLong = (token ?? 0) > TOKEN_LENGTH || (secret ?? 0) > SECRET_LENGTH;
    return { explanation: join(wrongLengths(token, secret), tooLong ? T('errors.hmac.tooLong') : null), fix: RECOPY_OR_REGENERATE };
  }
  if (token === TOKEN_LENGTH && secret === SECRET_LENGTH) return { explanation: T('errors.hmac.rightLengths'), fix: entry.fix };
  return { explanation: entry.explanation, fix: entry.fix };
}

/** Callers get their own copy: a text changed by one never changes the catalogue. */
const copy = (t: Text): Text => structuredClone(t);

/** Explains an onOffice error code (top-level or per action) for the person in front of the screen. */
export function explainApiError(code: number, serverMessage: string, ctx: ErrorContext = {}): ExplainedError {
  const entry = API_ERROR_CATALOGUE.get(code);
  if (!entry) {
    return {
      code,
      category: 'api',
      serverMessage,
      title: unknownTitle(code),
      explanation: join(unknownExplanation(code), serverSaid(serverMessage)),
      fix: unknownFix(code),
    };
  }
  let explanation = entry.explanation;
  let fix = entry.fix;
  if (code === 137) ({ explanation, fix } = hmacAdvice(entry, ctx));
  if (code === 136) explanation = clockExplanation(ctx.clockOffsetSeconds);
  if (code === 193 && ctx.apiClaimSent !== undefined) explanation = join(explanation, claimSent(ctx.apiClaimSent));
  if (QUOTE_SERVER_MESSAGE.has(code) && serverMessage.trim() !== '') explanation = join(explanation, serverSaid(serverMessage));
  return { code, category: entry.category, serverMessage, title: copy(entry.title), explanation: copy(explanation), fix: copy(fix) };
}

// ---------------------------------------------------------------------------------------------------------------
// Transport failures.

const serverName = (host: string | undefined): Text => (host ? T('errors.transport.server.named', { host }) : T('errors.transport.server'));

const hostName = (host: string | undefined): Text =>
  host ? T('errors.transport.hostName.named', { host }) : T('errors.transport.hostName');

/** The system's own wording (an OpenSSL line, an errno) is kept as it is, after the explanation. */
const technicalDetail = (detail: string | undefined): Text | null =>
  detail && detail.trim() !== '' ? T('errors.transport.detail', { detail: verbatim(detail.trim()) }) : null;

const httpStatusText = (status: number | undefined): Text =>
  status === undefined ? T('errors.transport.httpStatus.unknown') : T('errors.transport.httpStatus', { status });

const ENDPOINT_EXAMPLE = T('errors.shared.endpointExample');
const WRITE_MAY_HAVE_RUN = T('errors.shared.writeMayHaveRun');
const CHECK_CONNECTION = T('errors.shared.checkConnection');
const TRY_AGAIN = T('errors.transport.tryAgain');

function httpStatusAdvice(status: number | undefined): { explanation: Text; fix: Text } {
  if (status !== undefined && status >= 500) {
    return { explanation: join(httpStatusText(status), T('errors.transport.httpStatus.5xx')), fix: T('errors.transport.httpStatus.5xx.fix') };
  }
  if (status === 407) {
    return { explanation: join(httpStatusText(status), T('errors.transport.httpStatus.407')), fix: T('errors.transport.httpStatus.407.fix') };
  }
  if (status !== undefined && status >= 400) {
    return {
      explanation: join(httpStatusText(status), T('errors.transport.httpStatus.4xx')),
      fix: join(T('errors.transport.checkEndpointCarefully'), ENDPOINT_EXAMPLE),
    };
  }
  return {
    explanation: join(httpStatusText(status), T('errors.transport.httpStatus.other')),
    fix: join(T('errors.transport.checkEndpoint'), ENDPOINT_EXAMPLE),
  };
}

interface Advice {
  title: Text;
  explanation: Text;
  fix: Text;
}

// One small function per failure; `to` names the server the call went to.
const TRANSPORT_ADVICE: Record<TransportErrorCode, (to: Text, ctx: ErrorContext) => Advice> = {
  'timeout-connect': (to) => ({
    title: T('errors.transport.timeout-connect.title'),
    explanation: T('errors.transport.timeout-connect.explanation', { server: to }),
    fix: join(CHECK_CONNECTION, TRY_AGAIN),
  }),
  'timeout-total': (to) => ({
    title: T('errors.transport.timeout-total.title'),
    explanation: T('errors.transport.timeout-total.explanation', { server: to }),
    fix: join(T('errors.transport.timeout-total.fix'), WRITE_MAY_HAVE_RUN),
  }),
  'connection-refused': (to) => ({
    title: T('errors.transport.connection-refused.title'),
    explanation: T('errors.transport.connection-refused.explanation', { server: to }),
    fix: join(T('errors.transport.connection-refused.fix'), ENDPOINT_EXAMPLE),
  }),
  'connection-reset': (to) => ({
    title: T('errors.transport.connection-reset.title'),
    explanation: T('errors.transport.connection-reset.explanation', { server: to }),
    fix: join(T('errors.transport.connection-reset.fix'), WRITE_MAY_HAVE_RUN),
  }),
  dns: (_to, ctx) => ({
    title: T('errors.transport.dns.title'),
    explanation: T('errors.transport.dns.explanation', { name: hostName(ctx.endpointHost) }),
    fix: T('errors.transport.dns.fix'),
  }),
  tls: (to) => ({
    title: T('errors.transport.tls.title'),
    explanation: T('errors.transport.tls.explanation', { server: to }),
    fix: T('errors.transport.tls.fix'),
  }),
  // An https:// address whose port speaks plain HTTP: OpenSSL calls it "wrong version number", which reads like a
  // certificate problem but is a wrong scheme or port.
  'plain-http': (to) => ({
    title: T('errors.transport.plain-http.title'),
    explanation: T('errors.transport.plain-http.explanation', { server: to }),
    fix: join(T('errors.transport.plain-http.fix'), ENDPOINT_EXAMPLE),
  }),
  'http-status': (_to, ctx) => ({ title: T('errors.transport.http-status.title'), ...httpStatusAdvice(ctx.httpStatus) }),
  'too-large': () => ({
    title: T('errors.transport.too-large.title'),
    explanation: T('errors.transport.too-large.explanation'),
    fix: T('errors.transport.too-large.fix'),
  }),
  malformed: () => ({
    title: T('errors.transport.malformed.title'),
    explanation: T('errors.transport.malformed.explanation'),
    fix: join(T('errors.transport.malformed.fix'), ENDPOINT_EXAMPLE),
  }),
  aborted: () => ({
    title: T('errors.transport.aborted.title'),
    explanation: T('errors.transport.aborted.explanation'),
    fix: join(T('errors.transport.aborted.fix'), WRITE_MAY_HAVE_RUN),
  }),
  network: (to) => ({
    title: T('errors.transport.network.title'),
    explanation: T('errors.transport.network.explanation', { server: to }),
    fix: join(CHECK_CONNECTION, TRY_AGAIN),
  }),
  'endpoint-invalid': () => ({
    title: T('errors.transport.endpoint-invalid.title'),
    explanation: T('errors.transport.endpoint-invalid.explanation'),
    fix: join(T('errors.transport.endpoint-invalid.fix'), ENDPOINT_EXAMPLE),
  }),
};

/** Explains a failure where no usable API answer arrived. */
export function explainTransportError(code: TransportErrorCode, ctx: ErrorContext = {}): ExplainedError {
  const { title, explanation, fix } = TRANSPORT_ADVICE[code](serverName(ctx.endpointHost), ctx);
  return { code, category: 'transport', serverMessage: '', title, explanation: join(explanation, technicalDetail(ctx.detail)), fix };
}
