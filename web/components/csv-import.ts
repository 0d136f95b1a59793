// The file half of a CSV import page (indicator values, CBS figures): the chosen file's text, its
// field error, and checking or committing it, with the rows the server refused shown as the result.
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError } from '../api.js';
import { formField } from './form-field.js';
import type { ImportRowError } from './ww-import-errors.js';

export type ImportMode = 'preview' | 'commit';

export class CsvImport<R extends { errors: ImportRowError[] }> implements ReactiveController {
  csv = '';
  fileError = '';
  busy = false;
  result: R | null = null;
  message = '';

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly opts: {
      /** Sends the file's text to be checked or committed. */
      send: (csv: string, mode: ImportMode) => Promise<R>;
      /** The result to show when the server refused rows (400 with details). */
      refused: (errors: ImportRowError[], before: R | null) => R;
      /** The line to show once a check or commit answered. */
      said: (result: R, mode: ImportMode) => string;
      /** "Choose a file first." */
      chooseFile: () => string;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets the last result (an option of the import changed). */
  reset(): void {
    this.result = null;
    this.host.requestUpdate();
  }

  private readonly pick = async (e: Event): Promise<void> => {
    const file = (e.target as HTMLInputElement).files?.[0];
    this.csv = file ? await file.text() : '';
    this.result = null;
    this.fileError = '';
    this.message = '';
    this.host.requestUpdate();
  };

  async run(mode: ImportMode): Promise<void> {
    if (!this.csv) {
      this.fileError = this.opts.chooseFile();
      this.host.requestUpdate();
      this.host.renderRoot.querySelector<HTMLInputElement>('#file')?.focus();
      return;
    }
    this.busy = true;
    this.message = '';
    this.host.requestUpdate();
    try {
      this.result = await this.opts.send(this.csv, mode);
      this.message = this.opts.said(this.result, mode);
    } catch (err) {
      if (err instanceof ApiError && err.details.length) this.result = this.opts.refused(err.details as unknown as ImportRowError[], this.result);
      else this.message = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The file field: its label the name alone, its error beside it. */
  field(label: string) {
    return formField(
      { id: 'file', label, message: this.fileError },
      (f) =>
        html`<input id=${f.id} type="file" accept=".csv,text/csv,text/plain" aria-invalid=${f.invalid} aria-describedby=${f.describedBy} @change=${this.pick} />`,
    );
  }
}
