// What "Delen met een financier" says when there is no funder to choose: there are no funder
// accounts yet, or every funder reads the report already. Either way it names where an account is
// made (the users page, admins only); an admin gets a link to it.
import { html } from 'lit';
import { t } from './messages.js';

/** A sentence with "{users}" in it, the users page linked there. */
const withUsersLink = (text: string) => {
  const [before, after = ''] = text.split('{users}');
  return html`${before}<a href="/users">${t('users')}</a>${after}`;
};

/** In place of the funder select when it would offer nothing. */
export function noFunderToChoose(funders: number, admin: boolean) {
  if (!funders) return html`<p class="share-none">${admin ? withUsersLink(t('noFundersAdmin')) : t('noFunders')}</p>`;
  return html`<p class="share-none">${t('allShared')} ${admin ? withUsersLink(t('allSharedNewAdmin')) : t('allSharedNew')}</p>`;
}
