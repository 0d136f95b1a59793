import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { post } from '../api.js';
import { locale, messages, setLocale } from '../i18n.js';
import { APP_NAVIGATION, interceptLinks, navigate } from '../navigate.js';
import { mayLeave } from '../unsaved.js';
import { match, navGroups, routes, type PageRoute } from '../routes.js';
import { me, setMe, type Me } from '../session.js';
import { documentTitle } from '../title.js';

const t = messages({
  nl: {
    skip: 'Naar de inhoud',
    menu: 'Hoofdmenu',
    menuButton: 'Menu',
    logout: 'Uitloggen',
    language: 'English',
    languageLabel: 'Switch to English',
    notFound: 'Deze pagina bestaat niet.',
    notFoundTitle: 'Pagina niet gevonden',
    forbidden: 'Deze pagina is niet voor jouw rol. Heb je hem nodig, vraag het dan een beheerder.',
    forbiddenTitle: 'Geen toegang',
    toHome: 'Naar de startpagina',
    failedTitle: 'Fout bij laden',
    loading: 'Laden…',
    failed: 'Er ging iets mis bij het laden. Probeer het opnieuw.',
    home: 'Start',
  },
  en: {
    skip: 'Skip to content',
    menu: 'Main menu',
    menuButton: 'Menu',
    logout: 'Log out',
    language: 'Nederlands',
    languageLabel: 'Naar Nederlands',
    notFound: 'This page does not exist.',
    notFoundTitle: 'Page not found',
    forbidden: 'This page is not for your role. If you need it, ask an administrator.',
    forbiddenTitle: 'No access',
    toHome: 'To the home page',
    failedTitle: 'Loading failed',
    loading: 'Loading…',
    failed: 'Something went wrong while loading. Please try again.',
    home: 'Home',
  },
});

/**
 * The app shell: navigation for the user's role, the current page, language switch.
 * Pages are elements named in routes.ts; they receive route params in `params`.
 */
@customElement('ww-app')
export class WwApp extends LitElement {
  @state() private user: Me | null = null;
  @state() private page: { route: PageRoute; params: Record<string, string> } | null = null;
  /** What stands in for a page that cannot be shown: a heading (not found, no access) and a sentence. */
  @state() private problem: { title?: string; text: string } | null = null;
  @state() private pageEl: HTMLElement | null = null;
  @state() private menuOpen = false;
  private navigated = false;
  private runs = 0;
  /** The address of the page shown (or being shown). */
  private shown = location.pathname + location.search;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = locale();
    interceptLinks(this);
    window.addEventListener('popstate', (e) => {
      // Back or forward away from changes not saved yet asks first; staying puts the page's address back.
      if (e.state !== APP_NAVIGATION && this.shown !== location.pathname + location.search && !mayLeave()) return history.pushState(null, '', this.shown);
      void this.route();
    });
    window.addEventListener('ww-locale', () => this.requestUpdate());
    // What the page now shown is about (see web/title.ts) joins its route's title.
    this.addEventListener('ww-title', (e) => {
      const subject = (e as CustomEvent<string>).detail.trim();
      if (this.page && this.pageEl && e.composedPath().includes(this.pageEl) && subject)
        document.title = documentTitle(`${this.page.route.title[locale()]}: ${subject}`);
    });
    window.addEventListener('ww-unauthenticated', () => {
      setMe(null);
      this.user = null;
      // Only pages that need a login send you to it (public pages such as /setup also ask /api/me).
      if (location.pathname !== '/login' && match(location.pathname)?.route.roles)
        navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, true);
    });
    window.addEventListener('ww-login', (e) => {
      this.user = (e as CustomEvent<Me>).detail;
      setMe(this.user);
      // The account's language follows the user from device to device.
      if ((this.user.locale === 'nl' || this.user.locale === 'en') && this.user.locale !== locale()) setLocale(this.user.locale);
    });
    void this.route();
  }

  private async route(): Promise<void> {
    const run = ++this.runs;
    this.problem = null;
    this.menuOpen = false;
    const here = location.pathname + location.search;
    this.shown = here;
    const found = match(location.pathname);
    try {
      const user = await me(true); // every navigation re-checks the session: a disabled account lands on the login page
      if (run !== this.runs) return; // a newer navigation took over while we waited
      this.user = user;
      if (found?.route.roles) {
        if (!this.user) return navigate(`/login?next=${encodeURIComponent(here)}`, true);
        if (!found.route.roles.includes(this.user.role)) {
          this.page = null;
          this.pageEl = null;
          this.problem = { title: t('forbiddenTitle'), text: t('forbidden') };
          document.title = documentTitle(t('forbiddenTitle'));
          return;
        }
      }
      if (found) await found.route.load();
      if (run !== this.runs) return;
      this.page = found;
      document.title = documentTitle(found ? found.route.title[locale()] : t('notFoundTitle'));
      this.pageEl = found ? this.createPage(found.route.tag, found.params) : null;
      if (!found) this.problem = { title: t('notFoundTitle'), text: t('notFound') };
    } catch {
      this.problem = { text: t('failed') };
      document.title = documentTitle(t('failedTitle'));
    }
    await this.updateComplete;
    // After client-side navigation, move focus to the new page's heading (or main) so keyboard and screen-reader users start there.
    if (this.navigated) {
      const el = this.pageEl as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
      await el?.updateComplete;
      const h1 = el?.shadowRoot?.querySelector('h1') ?? this.renderRoot.querySelector('main h1') ?? this.renderRoot.querySelector('main');
      if (h1 && !h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1'); // a page's h1 need not declare it
      (h1 as HTMLElement | null)?.focus();
    }
    this.navigated = true;
  }

  /** The skip link's target lives in this shadow root, where a #fragment cannot reach it. */
  private skip(e: Event): void {
    e.preventDefault();
    this.renderRoot.querySelector('main')?.focus();
  }

  private async logout(): Promise<void> {
    await post('/api/auth/logout');
    setMe(null);
    this.user = null;
    navigate('/login');
  }

  private switchLanguage(): void {
    const next = locale() === 'nl' ? 'en' : 'nl';
    setLocale(next);
    if (this.user) void fetch('/api/me/locale', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: next }) });
    void this.route();
  }

  override render() {
    const navItems = routes.filter((r) => r.nav && this.user && r.roles?.includes(this.user.role));
    const lang = locale();
    return html`
      <a class="skip" href="#main" @click=${this.skip}>${t('skip')}</a>
      <header>
        <a class="brand" href="/">Weefwerk</a>
        ${
          this.user
            ? html`${this.languageButton('phone-only')}<button class="link menu-toggle" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="menu" @click=${() => (this.menuOpen = !this.menuOpen)}>${t('menuButton')}</button>`
            : nothing
        }
        <div id="menu" class=${this.user ? `menu collapsible${this.menuOpen ? ' open' : ''}` : 'menu'}>
        ${
          this.user
            ? html`<nav aria-label=${t('menu')}>
              <ul class="groups">
                ${navGroups.map((g) => {
                  const items = navItems.filter((r) => r.nav!.group === g.id);
                  return items.length
                    ? html`<li class="group"><span class="group-label" id="nav-${g.id}">${g[lang]}</span>
                        <ul aria-labelledby="nav-${g.id}">
                          ${items.map((r) => html`<li><a href=${r.path} aria-current=${location.pathname.startsWith(r.path) ? 'page' : nothing}>${r.nav![lang]}</a></li>`)}
                        </ul></li>`
                    : nothing;
                })}
              </ul>
            </nav>`
            : nothing
        }
        <div class="tools">
          ${this.languageButton(this.user ? 'wide-only' : '')}
          ${this.user ? html`<a class="who" href="/account" aria-current=${location.pathname === '/account' ? 'page' : nothing}>${this.user.name}</a><button class="link" @click=${this.logout}>${t('logout')}</button>` : nothing}
        </div>
        </div>
      </header>
      <main id="main" tabindex="-1">
        ${
          this.problem
            ? html`${this.problem.title ? html`<h1 tabindex="-1">${this.problem.title}</h1>` : nothing}<p role="alert">${this.problem.text}</p>
                ${this.problem.title && this.user ? html`<p><a href="/">${t('toHome')}</a></p>` : nothing}`
            : nothing
        }
        ${this.pageEl ?? nothing}
      </main>
    `;
  }

  /** On a phone the language switch stays outside the folded menu: one tap, like on a wide screen. */
  private languageButton(where: string) {
    const lang = locale();
    return html`<button class="link ${where}" lang=${lang === 'nl' ? 'en' : 'nl'} aria-label=${t('languageLabel')} @click=${this.switchLanguage}>${t('language')}</button>`;
  }

  /** A fresh page element per navigation; re-renders of the shell keep it (and its state). */
  private createPage(tag: string, params: Record<string, string>) {
    const el = document.createElement(tag) as HTMLElement & { params?: Record<string, string>; user?: Me | null };
    el.params = params;
    el.user = this.user;
    return el;
  }

  static override styles = css`
    :host { display: block; min-height: 100vh; }
    .skip { position: absolute; left: -999px; top: 0; background: var(--ww-surface); padding: 0.5rem 1rem; z-index: 10; }
    .skip:focus { left: 0.5rem; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.6rem; padding: 0.5rem 1rem; background: var(--ww-accent); color: var(--ww-accent-ink); }
    header a, header button.link { color: var(--ww-accent-ink); }
    .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; }
    /* The menu in groups by what people do; each group's name small above its pages. */
    nav ul { display: flex; flex-wrap: wrap; gap: 0 0.6rem; list-style: none; margin: 0; padding: 0; }
    nav ul.groups { gap: 0.25rem 0.85rem; align-items: flex-start; }
    .group-label { display: block; font-size: 0.75rem; font-weight: 600; line-height: 1.2; }
    nav a { display: inline-block; font-size: 0.92rem; padding: 0.25rem 0 0.5rem; min-height: 44px; box-sizing: border-box; }
    nav a[aria-current='page'] { font-weight: 700; text-decoration-thickness: 3px; }
    .tools { margin-left: auto; display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    button.link { background: none; border: 0; font: inherit; text-decoration: underline; cursor: pointer; min-height: 44px; padding: 0 0.25rem; }
    :focus-visible { outline: 3px solid #ffd27a; outline-offset: 2px; }
    main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
    main > p > a { color: var(--ww-accent); }
    main:focus { outline: none; }
    /* The menu and tools are part of the header's row on wide screens; on a phone they fold behind a Menu button. */
    .menu { display: contents; }
    .menu-toggle, .phone-only { display: none; }
    @media (max-width: 40rem) {
      .phone-only { display: inline-block; margin-left: auto; }
      .wide-only { display: none; }
      .menu-toggle { display: inline-block; font-weight: 600; }
      .menu.collapsible { display: none; width: 100%; }
      .menu.collapsible.open { display: flex; flex-direction: column; gap: 0.5rem; }
      .menu.collapsible .tools { margin-left: 0; }
      nav ul.groups { flex-direction: column; gap: 0.75rem; }
      .group-label { font-size: 0.85rem; }
      nav ul.groups ul { gap: 0 1.25rem; }
    }
    @media print { header, .skip { display: none; } main { padding: 0; max-width: none; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-app': WwApp;
  }
}
