// A user's role in words, the same on every page: the users list, the account page, a project's team and a
// Most Significant Change panel.
import { roles, type Role } from '../db/domain/enums.js';
import { messages } from './i18n.js';

export { roles };

const t = messages<Role>({
  nl: { admin: 'Beheerder', coordinator: 'Coördinator', worker: 'Opbouwwerker', funder: 'Financier' },
  en: { admin: 'Admin', coordinator: 'Coordinator', worker: 'Worker', funder: 'Funder' },
});

/** The role's name, capitalised as a label ("Coördinator"); a role this version does not know stays as sent. */
export const roleName = (role: string): string => ((roles as readonly string[]).includes(role) ? t(role as Role) : role);
