// The story page's form look (radio rows, fields, field errors), shared by its consent and privacy forms.
import { css } from 'lit';

export const storyFormStyles = css`
  .radio { display: flex; gap: 0.6rem; align-items: flex-start; font-weight: 400; min-height: 44px; padding: 0.25rem 0; }
  .radio input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; }
  fieldset { display: grid; gap: 0.25rem; }
  form.card { max-width: 40rem; }
`;
