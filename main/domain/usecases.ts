/**
 * Use cases, defined once: what an API user is set up for, as the rights it needs (module × action with a scope),
 * the rights it may use, and what it must not hold (write, delete, Admin, reading user data when not required —
 * least privilege, as the onOffice documentation advises); with their title and description keys in the text
 * catalogue, and the action kinds of the API. Pure data and types, shared by main, preload and renderer.
 */
import type { MessageKey } from './i18n/core.ts';
import { T, type Text } from './i18n/text.ts';

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

/** The kinds of action an API request carries. */
export const ACTION_KINDS = ['read', 'create', 'modify', 'delete', 'get', 'do'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface RightRequirement {
  module: RightModule;
  action: RightAction;
  /** "all" records or only the user's "own"; "only own" is usually too little for reads. */
  scope: 'all' | 'own';
}

export const USE_CASE_NAMES = ['website', 'lead-intake', 'portal-export', 'email', 'log-reader', 'custom'] as const;
export type UseCaseName = (typeof USE_CASE_NAMES)[number];

/** The catalogue keys of each use case's title and description. */
export const USE_CASE_TEXT: Readonly<Record<UseCaseName, { title: MessageKey; description: MessageKey }>> = {
  website: { title: 'useCase.website', description: 'useCase.website.description' },
  'lead-intake': { title: 'useCase.lead-intake', description: 'useCase.lead-intake.description' },
  'portal-export': { title: 'useCase.portal-export', description: 'useCase.portal-export.description' },
  email: { title: 'useCase.email', description: 'useCase.email.description' },
  'log-reader': { title: 'useCase.log-reader', description: 'useCase.log-reader.description' },
  custom: { title: 'useCase.custom', description: 'useCase.custom.description' },
};

export function isUseCaseName(name: string): name is UseCaseName {
  return (USE_CASE_NAMES as readonly string[]).includes(name);
}

/** A use case's title as a text; a name this version does not know stays as it is (runs stored by a later one). */
export const useCaseTitle = (name: string): Text => (isUseCaseName(name) ? T(USE_CASE_TEXT[name].title) : { verbatim: name });

export interface UseCase {
  name: UseCaseName;
  title: Text;
  description: Text;
  required: RightRequirement[];
  optional: RightRequirement[];
  /** Admin is needed (reading the server log via the API). */
  admin: boolean;
  /** Sending mail is part of the job: a mailbox must be assigned. `optional`: checked only when asked. */
  mail: 'required' | 'optional';
  /** Which publish checks apply. */
  publish: { estates: boolean; addresses: boolean; pictures: boolean };
}

export const right = (module: RightModule, action: RightAction, scope: 'all' | 'own' = 'all'): RightRequirement => ({ module, action, scope });

const texts = (name: UseCaseName) => ({ title: T(USE_CASE_TEXT[name].title), description: T(USE_CASE_TEXT[name].description) });

export const USE_CASES: Readonly<Record<Exclude<UseCaseName, 'custom'>, UseCase>> = {
  website: {
    name: 'website',
    ...texts('website'),
    required: [right('estate', 'read'), right('address', 'read'), right('address', 'create')],
    optional: [right('searchCriteria', 'create')],
    admin: false,
    mail: 'optional',
    publish: { estates: true, addresses: true, pictures: true },
  },
  'lead-intake': {
    name: 'lead-intake',
    ...texts('lead-intake'),
    required: [right('address', 'create'), right('searchCriteria', 'create')],
    optional: [right('address', 'read')],
    admin: false,
    mail: 'required',
    publish: { estates: false, addresses: false, pictures: false },
  },
  'portal-export': {
    name: 'portal-export',
    ...texts('portal-export'),
    required: [right('estate', 'read'), right('address', 'read')],
    optional: [],
    admin: false,
    mail: 'optional',
    publish: { estates: true, addresses: false, pictures: true },
  },
  email: {
    name: 'email',
    ...texts('email'),
    required: [],
    optional: [],
    admin: false,
    mail: 'required',
    publish: { estates: false, addresses: false, pictures: false },
  },
  'log-reader': {
    name: 'log-reader',
    ...texts('log-reader'),
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
    ...texts('custom'),
    required: [...rights],
    optional: [],
    admin,
    mail: 'optional',
    publish: { estates: reads('estate'), addresses: reads('address'), pictures: false },
  };
}
