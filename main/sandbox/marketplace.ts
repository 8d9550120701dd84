/**
 * The rules for API users that a marketplace app's activation created (ONOFFICE_API.md §2, §8): every action must
 * carry the customer's latest `apiClaim` as `extendedclaim` in its parameters, and some calls are closed to such
 * users. Checked per action once its signature holds, before the resource runs. Other API users are not affected,
 * whatever they send.
 */
import type { Tenant, User } from './model.ts';
import { activationOf } from './model.ts';
import type { ApiError } from './query.ts';
import type { ParsedAction } from './resources.ts';

/**
 * Calls closed to marketplace API users (240). Which ones onOffice closes is not public; the sandbox closes two that
 * reach beyond the customer data an app is activated for: the server log (`read log`), and other users' records
 * (`read user` with another user's id). Everything else stays open.
 */
function closedToMarketplace(user: User, action: ParsedAction): boolean {
  const type = action.resourcetype.toLowerCase();
  if (action.kind === 'read' && type === 'log') return true;
  return action.kind === 'read' && type === 'user' && action.resourceid !== String(user.id);
}

/**
 * Why a marketplace API user's action is refused: 193 without a claim, 201 with a claim of an earlier activation
 * of the same app by this customer, 248 with any other claim, 240 for a closed call; null when it may run.
 */
export function marketplaceRefusal(tenant: Tenant, user: User, action: ParsedAction): ApiError | null {
  const activation = activationOf(tenant, user.id);
  if (!activation) return null;
  const claim = action.parameters.extendedclaim;
  if (typeof claim !== 'string' || claim === '') return { errorcode: 193, message: 'extendedclaim required or invalid' };
  if (activation.outdatedClaims.includes(claim)) return { errorcode: 201, message: 'extendedclaim outdated' };
  if (claim !== activation.apiClaim) return { errorcode: 248, message: 'No matching extendedclaim' };
  return closedToMarketplace(user, action) ? { errorcode: 240, message: 'Call not allowed for marketplace API users' } : null;
}
