/**
 * Use cases: what an API user is set up for, as the rights it needs (module × action with a scope), the rights
 * it may use, and what it must not hold (write, delete, Admin, reading user data when not required — least
 * privilege, as the onOffice documentation advises). Pure data.
 */
import { L, type Localized } from './types.ts';

export const RIGHT_MODULES = [
  'estate',
  'address',
  'searchCriteria',
  'agents_log',
  'calendar',
  'task',
  'project',
  'file',
  'emailDraft',
  'pdfForms',
] as const;
export type RightModule = (typeof RIGHT_MODULES)[number];
export const RIGHT_ACTIONS = ['read', 'create', 'modify', 'delete'] as const;
export type RightAction = (typeof RIGHT_ACTIONS)[number];

export interface RightRequirement {
  module: RightModule;
  action: RightAction;
  /** "all" records or only the user's "own"; "only own" is usually too little for reads. */
  scope: 'all' | 'own';
}

export const USE_CASE_NAMES = ['website', 'lead-intake', 'portal-export', 'email', 'log-reader', 'custom'] as const;
export type UseCaseName = (typeof USE_CASE_NAMES)[number];

export interface UseCase {
  name: UseCaseName;
  title: Localized;
  description: Localized;
  required: RightRequirement[];
  optional: RightRequirement[];
  /** Admin is needed (reading the server log via the API). */
  admin: boolean;
  /** Sending mail is part of the job: a mailbox must be assigned. `optional`: checked only when asked. */
  mail: 'required' | 'optional';
  /** Which publish checks apply. */
  publish: { estates: boolean; addresses: boolean; pictures: boolean };
}

const right = (module: RightModule, action: RightAction, scope: 'all' | 'own' = 'all'): RightRequirement => ({ module, action, scope });

export const USE_CASES: Readonly<Record<Exclude<UseCaseName, 'custom'>, UseCase>> = {
  website: {
    name: 'website',
    title: L('Website (WordPress-Plugin)', 'Website (WordPress plugin)'),
    description: L(
      'Immobilienlisten und -details, Bilder, Adresslisten und Kontaktformulare, wie das offizielle WordPress-Plugin sie braucht.',
      'Estate lists and details, pictures, address lists and contact forms, as the official WordPress plugin needs them.',
    ),
    required: [right('estate', 'read'), right('address', 'read'), right('address', 'create')],
    optional: [right('searchCriteria', 'create')],
    admin: false,
    mail: 'optional',
    publish: { estates: true, addresses: true, pictures: true },
  },
  'lead-intake': {
    name: 'lead-intake',
    title: L('Interessenten-Eingang', 'Lead intake'),
    description: L(
      'Legt Adressen und Suchprofile an und verschickt eine Benachrichtigung per E-Mail.',
      'Creates addresses and search criteria and sends a notification mail.',
    ),
    required: [right('address', 'create'), right('searchCriteria', 'create')],
    optional: [right('address', 'read')],
    admin: false,
    mail: 'required',
    publish: { estates: false, addresses: false, pictures: false },
  },
  'portal-export': {
    name: 'portal-export',
    title: L('Portal-Export', 'Portal export'),
    description: L('Liest Immobilien, Bilder und Adressen – sonst nichts.', 'Reads estates, pictures and addresses — nothing else.'),
    required: [right('estate', 'read'), right('address', 'read')],
    optional: [],
    admin: false,
    mail: 'optional',
    publish: { estates: true, addresses: false, pictures: true },
  },
  email: {
    name: 'email',
    title: L('E-Mail-Versand', 'Sending e-mail'),
    description: L('Verschickt E-Mails über ein zugewiesenes Postfach.', 'Sends mail through an assigned mailbox.'),
    required: [],
    optional: [],
    admin: false,
    mail: 'required',
    publish: { estates: false, addresses: false, pictures: false },
  },
  'log-reader': {
    name: 'log-reader',
    title: L('Protokoll lesen', 'Log reader'),
    description: L('Liest das Serverprotokoll (braucht das Admin-Recht).', 'Reads the server log (needs the Admin right).'),
    required: [],
    optional: [],
    admin: true,
    mail: 'optional',
    publish: { estates: false, addresses: false, pictures: false },
  },
};

/** The `custom` use case: the rights the person picked; publish checks follow the picked reads. */
export function customUseCase(rights: readonly RightRequirement[], admin = false): UseCase {
  const reads = (m: RightModule) => rights.some((r) => r.module === m && r.action === 'read');
  return {
    name: 'custom',
    title: L('Eigene Auswahl', 'Custom'),
    description: L('Die ausgewählten Module und Aktionen.', 'The picked modules and actions.'),
    required: [...rights],
    optional: [],
    admin,
    mail: 'optional',
    publish: { estates: reads('estate'), addresses: reads('address'), pictures: false },
  };
}

/**
 * Parses `estate:read,address:create,address:read:own` (module:action[:scope]) for the custom use case.
 * Returns an error text naming the first bad item.
 */
export function parseRights(text: string): RightRequirement[] | { error: string } {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const rights: RightRequirement[] = [];
  for (const item of items) {
    const [module, action, scope = 'all', ...rest] = item.split(':');
    if (
      rest.length > 0 ||
      !(RIGHT_MODULES as readonly string[]).includes(module ?? '') ||
      !(RIGHT_ACTIONS as readonly string[]).includes(action ?? '') ||
      (scope !== 'all' && scope !== 'own')
    ) {
      return { error: `"${item}" is not module:action[:all|own] (modules: ${RIGHT_MODULES.join(', ')}; actions: ${RIGHT_ACTIONS.join(', ')})` };
    }
    if (!rights.some((r) => r.module === module && r.action === action)) rights.push(right(module as RightModule, action as RightAction, scope));
  }
  return rights;
}

export function isUseCaseName(name: string): name is UseCaseName {
  return (USE_CASE_NAMES as readonly string[]).includes(name);
}

/** Write and delete rights checked for excess on every use case that does not need them. */
export const EXCESS_CANDIDATES: readonly RightRequirement[] = [
  right('estate', 'create'),
  right('estate', 'modify'),
  right('estate', 'delete'),
  right('address', 'create'),
  right('address', 'modify'),
  right('address', 'delete'),
  right('searchCriteria', 'create'),
];

export const rightKey = (r: Pick<RightRequirement, 'module' | 'action'>): string => `${r.module}:${r.action}`;

/** The excess candidates this use case neither requires nor may use. */
export function excessCandidates(useCase: UseCase): RightRequirement[] {
  const allowed = new Set([...useCase.required, ...useCase.optional].map(rightKey));
  return EXCESS_CANDIDATES.filter((r) => !allowed.has(rightKey(r)));
}
