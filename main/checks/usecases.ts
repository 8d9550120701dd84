/**
 * Use cases as the checks use them: the definitions live in main/domain/usecases.ts (shared with the renderer);
 * here the parsing of picked rights and the excess candidates checked for least privilege.
 */
import { RIGHT_ACTIONS, RIGHT_MODULES, right, type RightAction, type RightModule, type RightRequirement, type UseCase } from '../domain/usecases.ts';

export {
  RIGHT_ACTIONS,
  RIGHT_MODULES,
  USE_CASES,
  USE_CASE_NAMES,
  USE_CASE_TEXT,
  customUseCase,
  isUseCaseName,
  useCaseTitle,
  type RightAction,
  type RightModule,
  type RightRequirement,
  type UseCase,
  type UseCaseName,
} from '../domain/usecases.ts';

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
