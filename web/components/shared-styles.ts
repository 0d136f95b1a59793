import { css } from 'lit';

/** Styles every page shares: layout, headings, forms, buttons, tables, messages. */
export const pageStyles = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; } /* the document rule does not reach into shadow roots */
  h1 { font-size: 1.6rem; margin: 0 0 1rem; line-height: 1.2; }
  h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
  p { max-width: 70ch; }
  a { color: var(--ww-accent); }
  :focus-visible { outline: 3px solid var(--ww-focus); outline-offset: 2px; }
  form, .stack { display: grid; gap: 1rem; max-width: 40rem; }
  /* an error or live region waiting for its message takes no room, and stays in place for screen readers */
  .field-error:empty, [role='status']:empty, [role='alert']:empty { position: absolute; }
  label { display: grid; gap: 0.25rem; font-weight: 600; }
  label.check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
  /* an option whose hint sits beside its label answers a click anywhere on its row, as a wrapping label would */
  div.radio, div.check { position: relative; }
  div.radio label::after, div.check label::after { content: ''; position: absolute; inset: 0; }
  div.radio input, div.check input { position: relative; z-index: 1; }
  .field { display: grid; gap: 0.25rem; align-content: start; }
  .field > label { gap: 0.1rem; }
  .hint { font-weight: 400; color: var(--ww-muted); font-size: 0.9rem; }
  input, select, textarea {
    font: inherit; padding: 0.6rem 0.7rem; border: 1px solid #6b7671; border-radius: var(--ww-radius);
    background: var(--ww-surface); color: var(--ww-ink); min-height: 44px; width: 100%;
  }
  textarea { min-height: 6rem; }
  input[type='checkbox'], input[type='radio'] { width: auto; min-height: auto; }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--ww-danger); border-width: 2px; }
  fieldset { border: 1px solid var(--ww-line); border-radius: var(--ww-radius); padding: 0.75rem 1rem; margin: 0; min-width: 0; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  button, .button {
    font: inherit; font-weight: 600; min-height: 44px; padding: 0.5rem 1rem; border-radius: var(--ww-radius);
    border: 2px solid var(--ww-accent); background: var(--ww-accent); color: var(--ww-accent-ink); cursor: pointer;
    text-decoration: none; display: inline-flex; align-items: center; justify-content: center; gap: 0.4rem;
  }
  button.secondary, .button.secondary { background: transparent; color: var(--ww-accent); }
  button.danger { background: var(--ww-danger); border-color: var(--ww-danger); }
  button[disabled] { opacity: 0.6; cursor: not-allowed; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
  .error { color: var(--ww-danger); font-weight: 600; }
  .field-error { color: var(--ww-danger); font-size: 0.95rem; font-weight: 600; }
  .notice { padding: 0.75rem 1rem; border-radius: var(--ww-radius); background: #e6f2ec; border: 1px solid #9cc7b2; }
  .notice.error { background: #fbeaea; border-color: #e0a9a4; }
  .load-error { display: grid; gap: 0.5rem; justify-items: start; }
  .load-error p { margin: 0; }
  .muted { color: var(--ww-muted); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--ww-line); vertical-align: top; }
  th { font-weight: 600; }
  /* A table wider than the screen scrolls sideways; a shadow at an edge shows there is more that way. */
  .table-wrap {
    overflow-x: auto;
    position: relative;
    --cover: var(--ww-bg);
    background:
      linear-gradient(to right, var(--cover) 30%, transparent) left / 2.5rem 100% no-repeat local,
      linear-gradient(to left, var(--cover) 30%, transparent) right / 2.5rem 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, rgb(0 0 0 / 0.25), transparent) left / 0.9rem 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, rgb(0 0 0 / 0.25), transparent) right / 0.9rem 100% no-repeat scroll;
  }
  /* A list that scrolls in its own box: a shadow at its top or foot shows there is more that way. */
  .scroll-y {
    overflow-y: auto;
    background:
      linear-gradient(var(--ww-bg) 30%, transparent) top / 100% 2rem no-repeat local,
      linear-gradient(transparent, var(--ww-bg) 70%) bottom / 100% 2rem no-repeat local,
      radial-gradient(farthest-side at 50% 0, rgb(0 0 0 / 0.22), transparent) top / 100% 0.8rem no-repeat scroll,
      radial-gradient(farthest-side at 50% 100%, rgb(0 0 0 / 0.22), transparent) bottom / 100% 0.8rem no-repeat scroll;
  }
  /* On a phone each row of a table.phone-cards is a small block: its first cell, then each other cell named by
     its column; cells marked .inline share a line. Screen readers keep the table and its headers, so
     they skip the names (alt text ''). */
  @media (max-width: 40rem) {
    table.phone-cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.phone-cards, table.phone-cards :is(tbody, tfoot, tr, th, td) { display: block; }
    table.phone-cards tr { padding: 0.5rem 0; border-bottom: 1px solid var(--ww-line); }
    table.phone-cards :is(th, td) { border: 0; padding: 0.1rem 0; text-align: left; }
    table.phone-cards td:first-child { font-weight: 600; }
    table.phone-cards td.inline { display: inline-block; margin-right: 1rem; }
    table.phone-cards td:empty { display: none; }
    table.phone-cards td[data-label]::before { content: attr(data-label) ': ' / ''; font-weight: 600; }
  }
  .card .table-wrap { --cover: var(--ww-surface); }
  /* A wide table's caption stays in view while the table scrolls under it. */
  .table-wrap { container-type: inline-size; }
  .table-wrap caption { position: sticky; left: 0; max-width: 100cqw; text-align: left; }
  .card { background: var(--ww-surface); border: 1px solid var(--ww-line); border-radius: var(--ww-radius); padding: 1rem; }
  .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
  .badge { display: inline-block; padding: 0 0.5rem; border-radius: 999px; background: #e8ebe6; font-size: 0.85rem; font-weight: 600; }
  dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; white-space: pre-wrap; }
  @media (max-width: 480px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
`;
