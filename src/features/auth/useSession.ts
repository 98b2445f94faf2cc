import { useStore } from '../../state';
import type { Role } from '../../domain/access';
import type { SessionUser } from '../../domain/accounts';
import { authStore } from './session';

/** The signed-in, unlocked user; undefined when the shell renders without a session (tests). */
export function useSessionUser(): SessionUser | undefined {
  return useStore(authStore, (state) => (state.screen.view === 'unlocked' ? state.screen.user : undefined));
}

/** The user's roles; undefined without a session. */
export function useSessionRoles(): readonly Role[] | undefined {
  return useSessionUser()?.roles;
}
