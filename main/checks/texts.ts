/**
 * Enterprise menu paths and recurring sentences as catalogue texts (main/domain/i18n, section `checks`): German
 * quotes enterprise's own menu names. Sentences take them as parameters, so they render in the reader's language.
 */
import { T, type Text } from '../domain/i18n/index.ts';
import { RIGHT_ACTIONS, RIGHT_MODULES, type RightAction, type RightModule } from '../domain/usecases.ts';

export const RIGHTS_PATH = T('path.rights');

/** Described in German, not quoted: the material at hand gives this right no German label to quote. */
export const ONLY_PUBLISHED_RIGHT = T('right.only-published');

export const ESTATE_PUBLISH_PATH = T('path.estate-publish');

export const ADDRESS_PUBLISH_PATH = T('path.address-publish');

export const MAILBOX_PATH = T('path.mailbox');

/** 148/211 and a mail that never arrives: the assignment is one cause, the mailbox's mail server another. */
export const MAIL_SERVER_CHECK = T('note.mail-server-check');

export const LOG_PATH = T('path.log');

export const ADMIN_PATH = T('path.admin');

export const USER_DATA_RIGHT = T('right.user-data');

/** The scopes of enterprise's rights tab, and the per-record rights that can override them. */
export const SCOPES_NOTE = T('note.scopes');

export const HELP_ADVICE = T('note.help-advice');

export const CACHE_HINT = T('note.cache-hint');

/**
 * Clock and IP are measured from the computer running this app; the integration runs elsewhere (§7): a one-line
 * test the person can run on the web server.
 */
export const FROM_THIS_COMPUTER = T('note.clock-from-this-computer');

export const IP_FROM_THIS_COMPUTER = T('note.ip-from-this-computer');


/** A module's name in the rights tab; an unknown module stays as it is. */
export const moduleName = (module: string): Text =>
  (RIGHT_MODULES as readonly string[]).includes(module) ? T(`module.${module as RightModule}`) : { verbatim: module };

export const actionName = (action: string): Text =>
  (RIGHT_ACTIONS as readonly string[]).includes(action) ? T(`action.${action as RightAction}`) : { verbatim: action };

/** "Immobilie/lesen" / "property/read": module and action as the rights tab lays them out, not a quoted label. */
export const rightName = (module: string, action: string): Text => T('right.name', { module: moduleName(module), action: actionName(action) });

const TOPICS = {
  credentials: T('topic.credentials'),
  connection: T('topic.connection'),
  clock: T('topic.clock'),
  identity: T('topic.identity'),
  'rights:admin': T('topic.rights-admin'),
  'rights:excess': T('topic.rights-excess'),
  'publish:estates': T('topic.publish-estates'),
  'publish:addresses': T('topic.publish-addresses'),
  'publish:pictures': T('topic.publish-pictures'),
  contacts: T('topic.contacts'),
  mailbox: T('topic.mailbox'),
  'server-log': T('topic.server-log'),
} as const satisfies Record<string, Text>;

/** Texts read as a list: `a, b, c` (or with semicolons); a single item stays itself, none is empty. */
export function listOf(items: readonly Text[], separator: 'comma' | 'semicolon'): Text {
  if (items.length === 0) return { parts: [] };
  return items.slice(1).reduce<Text>((head, item) => T(`list.${separator}`, { head, item }), items[0] as Text);
}

/** A short name for a finding id, for findings that could not be checked. */
export function topicOf(id: string): Text {
  if (Object.hasOwn(TOPICS, id)) return TOPICS[id as keyof typeof TOPICS];
  const [, module = '', action = ''] = id.split(':');
  return T('topic.right', { right: rightName(module, action) });
}
