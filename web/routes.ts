// The app's pages: path pattern, who may open them, the element that renders them, and how to load it.
// Pages load lazily so each role downloads only what it uses.
import type { Role } from '../db/domain/enums.js';

export type { Role };

/** The menu's groups, by what people do: in this order, each shown only when it has a page for the user.
 * Within a group, pages are listed in the order of `routes` below. */
export const navGroups = [
  { id: 'stories', nl: 'Verhalen', en: 'Stories' },
  { id: 'sense', nl: 'Duiden', en: 'Make sense' },
  { id: 'count', nl: 'Tellen', en: 'Count' },
  { id: 'account', nl: 'Verantwoorden', en: 'Report' },
  { id: 'admin', nl: 'Beheer', en: 'Administration' },
] as const;
export type NavGroup = (typeof navGroups)[number]['id'];

export type PageRoute = {
  path: string; // '/projects/:id'
  /** The document title's first words (see web/title.ts); a page may refine it once its data is there. */
  title: { nl: string; en: string };
  tag: string; // element name, receives route params as attributes/properties `params`
  load: () => Promise<unknown>;
  roles?: Role[]; // omitted: public page (no login needed)
  nav?: { nl: string; en: string; group: NavGroup }; // shown in the navigation, in its group, when set
};

const all: Role[] = ['admin', 'coordinator', 'worker', 'funder'];
const team: Role[] = ['admin', 'coordinator', 'worker'];
const staff: Role[] = ['admin', 'coordinator'];

export const routes: PageRoute[] = [
  { path: '/login', title: { nl: 'Inloggen', en: 'Log in' }, tag: 'ww-login-page', load: () => import('./pages/login-page.js') },
  { path: '/setup', title: { nl: 'Weefwerk instellen', en: 'Set up Weefwerk' }, tag: 'ww-setup-page', load: () => import('./pages/setup-page.js') },
  {
    path: '/forgot-password',
    title: { nl: 'Wachtwoord vergeten', en: 'Forgot your password' },
    tag: 'ww-forgot-password-page',
    load: () => import('./pages/forgot-password-page.js'),
  },
  {
    path: '/reset-password',
    title: { nl: 'Nieuw wachtwoord kiezen', en: 'Choose a new password' },
    tag: 'ww-reset-password-page',
    load: () => import('./pages/reset-password-page.js'),
  },
  { path: '/', title: { nl: 'Start', en: 'Home' }, tag: 'ww-home-page', load: () => import('./pages/home-page.js'), roles: all },
  {
    path: '/projects',
    title: { nl: 'Projecten', en: 'Projects' },
    tag: 'ww-projects-page',
    load: () => import('./pages/projects-page.js'),
    roles: team,
    nav: { nl: 'Projecten', en: 'Projects', group: 'count' },
  },
  {
    path: '/projects/new',
    title: { nl: 'Nieuw project', en: 'New project' },
    tag: 'ww-project-edit-page',
    load: () => import('./pages/project-edit-page.js'),
    roles: staff,
  },
  { path: '/projects/:id', title: { nl: 'Project', en: 'Project' }, tag: 'ww-project-page', load: () => import('./pages/project-page.js'), roles: team },
  // Counting (tellen): entry grid, indicator definitions, imports, hours and money.
  {
    path: '/projects/:id/indicators',
    title: { nl: 'Indicatoren', en: 'Indicators' },
    tag: 'ww-indicator-grid-page',
    load: () => import('./pages/indicator-grid-page.js'),
    roles: team,
  },
  {
    path: '/projects/:id/indicators/new',
    title: { nl: 'Nieuwe indicator', en: 'New indicator' },
    tag: 'ww-indicator-edit-page',
    load: () => import('./pages/indicator-edit-page.js'),
    roles: staff,
  },
  {
    path: '/projects/:id/indicators/import',
    title: { nl: 'Waarden importeren', en: 'Import values' },
    tag: 'ww-indicator-import-page',
    load: () => import('./pages/indicator-import-page.js'),
    roles: team,
  },
  {
    path: '/indicators/:indicatorId/edit',
    title: { nl: 'Indicator bewerken', en: 'Edit indicator' },
    tag: 'ww-indicator-edit-page',
    load: () => import('./pages/indicator-edit-page.js'),
    roles: staff,
  },
  {
    path: '/projects/:id/hours',
    title: { nl: 'Uren en geld', en: 'Hours and money' },
    tag: 'ww-project-hours-page',
    load: () => import('./pages/project-hours-page.js'),
    roles: team,
  },
  {
    path: '/projects/:id/edit',
    title: { nl: 'Project bewerken', en: 'Edit project' },
    tag: 'ww-project-edit-page',
    load: () => import('./pages/project-edit-page.js'),
    roles: staff,
  },
  {
    path: '/stories',
    title: { nl: 'Verhalen', en: 'Stories' },
    tag: 'ww-stories-page',
    load: () => import('./pages/stories-page.js'),
    roles: team,
    nav: { nl: 'Verhalen', en: 'Stories', group: 'stories' },
  },
  {
    path: '/stories/new',
    title: { nl: 'Nieuw verhaal', en: 'New story' },
    tag: 'ww-story-edit-page',
    load: () => import('./pages/story-edit-page.js'),
    roles: team,
  },
  { path: '/stories/:id', title: { nl: 'Verhaal', en: 'Story' }, tag: 'ww-story-page', load: () => import('./pages/story-page.js'), roles: team },
  {
    path: '/stories/:id/edit',
    title: { nl: 'Verhaal bewerken', en: 'Edit story' },
    tag: 'ww-story-edit-page',
    load: () => import('./pages/story-edit-page.js'),
    roles: team,
  },
  {
    path: '/stories/:id/review',
    title: { nl: 'Verhaal anonimiseren', en: 'Anonymise story' },
    tag: 'ww-story-review-page',
    load: () => import('./pages/story-review-page.js'),
    roles: team,
  },
  {
    path: '/projects/:id/links',
    title: { nl: 'Links voor bewoners', en: 'Resident links' },
    tag: 'ww-project-links-page',
    load: () => import('./pages/project-links-page.js'),
    roles: team,
  },
  {
    path: '/projects/:id/links/:linkId/poster',
    title: { nl: 'Poster', en: 'Poster' },
    tag: 'ww-link-poster-page',
    load: () => import('./pages/link-poster-page.js'),
    roles: team,
  },
  {
    path: '/areas',
    title: { nl: 'Gebieden', en: 'Areas' },
    tag: 'ww-areas-page',
    load: () => import('./pages/areas-page.js'),
    roles: staff,
    nav: { nl: 'Gebieden', en: 'Areas', group: 'admin' },
  },
  {
    path: '/organisation',
    title: { nl: 'Organisatie', en: 'Organisation' },
    tag: 'ww-organisation-page',
    load: () => import('./pages/organisation-page.js'),
    roles: staff,
    nav: { nl: 'Organisatie', en: 'Organisation', group: 'admin' },
  },
  { path: '/account', title: { nl: 'Mijn account', en: 'My account' }, tag: 'ww-account-page', load: () => import('./pages/account-page.js'), roles: all },
  {
    path: '/reports',
    title: { nl: 'Rapportages', en: 'Reports' },
    tag: 'ww-reports-page',
    load: () => import('./pages/reports-page.js'),
    roles: ['admin', 'coordinator', 'funder'],
    nav: { nl: 'Rapportages', en: 'Reports', group: 'account' },
  },
  {
    path: '/reports/new',
    title: { nl: 'Nieuwe rapportage', en: 'New report' },
    tag: 'ww-report-edit-page',
    load: () => import('./pages/report-edit-page.js'),
    roles: staff,
  },
  {
    path: '/reports/:id',
    title: { nl: 'Rapportage', en: 'Report' },
    tag: 'ww-report-edit-page',
    load: () => import('./pages/report-edit-page.js'),
    roles: staff,
  },
  {
    path: '/reports/:id/versions/:n',
    title: { nl: 'Rapportageversie', en: 'Report version' },
    tag: 'ww-report-version-page',
    load: () => import('./pages/report-version-page.js'),
    roles: ['admin', 'coordinator', 'funder'],
  },
  // Sensemaking (duiden)
  {
    path: '/tagging',
    title: { nl: 'Taggen', en: 'Tagging' },
    tag: 'ww-tagging-page',
    load: () => import('./pages/tagging-page.js'),
    roles: team,
    nav: { nl: 'Taggen', en: 'Tagging', group: 'sense' },
  },
  {
    path: '/coding/:storyId',
    title: { nl: 'Fragmenten coderen', en: 'Code passages' },
    tag: 'ww-coding-page',
    load: () => import('./pages/coding-page.js'),
    roles: team,
  },
  { path: '/codes', title: { nl: 'Codeboek', en: 'Codebook' }, tag: 'ww-codes-page', load: () => import('./pages/codes-page.js'), roles: team },
  {
    path: '/projects/:id/qda',
    title: { nl: 'QDA-onderzoek', en: 'QDA research' },
    tag: 'ww-project-qda-page',
    load: () => import('./pages/project-qda-page.js'),
    roles: team,
  },
  {
    path: '/projects/:id/outcomes',
    title: { nl: 'Uitkomsten', en: 'Outcomes' },
    tag: 'ww-outcomes-page',
    load: () => import('./pages/outcomes-page.js'),
    roles: team,
  },
  {
    path: '/climate',
    title: { nl: 'Sociaal klimaat', en: 'Social climate' },
    tag: 'ww-climate-page',
    load: () => import('./pages/climate-page.js'),
    roles: team,
    nav: { nl: 'Klimaat', en: 'Climate', group: 'sense' },
  },
  {
    path: '/msc',
    title: { nl: 'MSC-rondes', en: 'MSC rounds' },
    tag: 'ww-msc-page',
    load: () => import('./pages/msc-page.js'),
    roles: all,
    nav: { nl: 'MSC-rondes', en: 'MSC rounds', group: 'sense' },
  },
  { path: '/msc/:id', title: { nl: 'MSC-ronde', en: 'MSC round' }, tag: 'ww-msc-round-page', load: () => import('./pages/msc-round-page.js'), roles: all },
  {
    path: '/users',
    title: { nl: 'Gebruikers', en: 'Users' },
    tag: 'ww-users-page',
    load: () => import('./pages/users-page.js'),
    roles: ['admin'],
    nav: { nl: 'Gebruikers', en: 'Users', group: 'admin' },
  },
  // a rare tool: last in Beheer, after the areas it fills and the accounts
  {
    path: '/imports/cbs',
    title: { nl: 'CBS-cijfers importeren', en: 'Import CBS figures' },
    tag: 'ww-cbs-import-page',
    load: () => import('./pages/cbs-import-page.js'),
    roles: staff,
    nav: { nl: 'CBS-import', en: 'CBS import', group: 'admin' },
  },
];

/** The pages in the menu a role may open, group by group in the menu's order (the home page lists them so too). */
export function menuPages(role: Role): PageRoute[] {
  return navGroups.flatMap((g) => routes.filter((r) => r.nav?.group === g.id && r.roles?.includes(role)));
}

export function match(pathname: string): { route: PageRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const names: string[] = [];
    const re = new RegExp('^' + route.path.replace(/:(\w+)/g, (_, n) => (names.push(n), '([^/]+)')) + '/?$');
    const m = re.exec(pathname);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  return null;
}
