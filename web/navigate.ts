import { mayLeave } from './unsaved.js';

/** The state of the `popstate` the app sends itself (the browser's own, back and forward, has another). */
export const APP_NAVIGATION = 'weefwerk-navigate';

/** Client-side navigation; the app shell listens for it. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate', { state: APP_NAVIGATION }));
}

/** Makes same-origin <a href> clicks inside the app navigate without a reload. */
export function interceptLinks(root: EventTarget): void {
  root.addEventListener('click', (event) => {
    const e = event as MouseEvent;
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (a.hash && a.pathname === location.pathname && a.search === location.search) return; // a jump within the page
    if (a.pathname.startsWith('/api/') || a.dataset.reload !== undefined || a.pathname.startsWith('/t/') || a.pathname.startsWith('/r/')) return;
    e.preventDefault();
    if (mayLeave()) navigate(a.pathname + a.search);
  });
}
