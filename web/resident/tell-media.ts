import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { clearDraftMedia, keepPhoto, keepRecording, loadDraftMedia } from './draft-media.js';
import { rt, type TextKey } from './i18n.js';
import { PHOTO_BYTES } from '../../db/domain/uploads.js';
import type { Recording, RecordingEvent } from './ww-voice-recorder.js';

/**
 * Whether a chosen file is a picture at all (a browser that gives no type is judged by the name).
 * Which picture formats can be read, the server decides from the bytes (415, 'photo.notSupported').
 */
const isPhoto = (file: File): boolean =>
  file.type ? file.type.toLowerCase().startsWith('image/') : /\.(jpe?g|png|webp|gif|avif|hei[cf]|tiff?)$/i.test(file.name);

/** Pictures a browser may not show although the server takes them (HEIC from iPhones, TIFF): no preview is no problem. */
const maybeNoPreview = (file: File): boolean => /hei[cf]|tiff?/i.test(file.type || file.name);

/** What the media part tells the form: a photo was chosen (a problem the server had with the last one is gone), a recording now tells the story. */
export type MediaProblems = { photoChosen(): void; recorded(): void };

/**
 * The spoken story and the photo of the resident's form (ww-tell-form): what was chosen, kept in the
 * browser until the story arrived (web/resident/draft-media.ts), its buttons and what goes along
 * when sending. The recorder's code loads only when someone wants to speak their story.
 */
export class TellMedia implements ReactiveController {
  recording: Recording | null = null;
  photo: File | null = null;
  private photoUrl: string | null = null;
  /** A file refused as soon as it was chosen: not a photo, too big, or a picture that cannot be opened. */
  private photoProblem: TextKey | null = null;
  private recorderLoaded = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly token: () => string,
    private readonly problems: MediaProblems,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.photoUrl) URL.revokeObjectURL(this.photoUrl);
  }

  /** The recording and photo kept from before a reload (IndexedDB); true when there was any. */
  async restore(): Promise<boolean> {
    const kept = await loadDraftMedia(this.token());
    if (kept.photo) this.showPhoto(kept.photo);
    if (kept.audio) {
      await import('./ww-voice-recorder.js');
      this.recording = kept.audio;
      this.recorderLoaded = true;
    }
    this.host.requestUpdate();
    return !!(kept.audio || kept.photo);
  }

  /** The story arrived: forget the recording and photo, in the browser too. */
  async clear(): Promise<void> {
    this.recording = null;
    this.showPhoto(null);
    await clearDraftMedia(this.token());
  }

  get photoTooBig(): boolean {
    return !!this.photo && this.photo.size > PHOTO_BYTES;
  }

  /** The story with its recording and photo as one multipart body, or the story alone when there are none. */
  body(story: object): unknown {
    if (!this.recording && !this.photo) return story;
    const form = new FormData();
    form.set('story', JSON.stringify(story));
    const type = this.recording?.blob.type ?? '';
    if (this.recording) form.set('audio', this.recording.blob, `recording.${type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : 'webm'}`);
    if (this.photo) form.set('photo', this.photo, this.photo.name || 'photo');
    return form;
  }

  private readonly startRecording = async (): Promise<void> => {
    if (!this.recorderLoaded) {
      // The recorder's code loads only now, when someone wants to speak their story.
      await import('./ww-voice-recorder.js');
      this.recorderLoaded = true;
      this.host.requestUpdate();
    }
    await this.host.updateComplete;
    await this.host.querySelector('ww-voice-recorder')?.start();
  };

  private readonly recorded = (e: RecordingEvent): void => {
    this.recording = e.detail;
    void keepRecording(this.token(), e.detail);
    if (e.detail) this.problems.recorded();
    this.host.requestUpdate();
  };

  private showPhoto(file: File | null): void {
    if (this.photoUrl) URL.revokeObjectURL(this.photoUrl);
    this.photo = file;
    this.photoUrl = file && file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
    this.host.requestUpdate();
  }

  private readonly choosePhoto = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.photoProblem = file && !isPhoto(file) ? 'photo.notImage' : file && file.size > PHOTO_BYTES ? 'photo.tooBig' : null;
    if (this.photoProblem) {
      // Refused at once, beside the field; a photo chosen before stays.
      input.value = '';
      this.host.requestUpdate();
      return;
    }
    this.showPhoto(file);
    void keepPhoto(this.token(), file);
    this.problems.photoChosen();
  };

  /** The preview could not be drawn: a file named like a photo that is none (or is broken) is refused, as if never chosen. */
  private readonly previewFailed = (): void => {
    const file = this.photo;
    if (!file) return;
    if (maybeNoPreview(file)) {
      this.photoUrl = null;
      this.host.requestUpdate();
      return;
    }
    this.photoProblem = 'photo.unreadable';
    this.showPhoto(null);
    void keepPhoto(this.token(), null);
    const input = this.host.querySelector<HTMLInputElement>('#photo');
    if (input) input.value = '';
  };

  private readonly removePhoto = (): void => {
    this.photoProblem = null;
    this.showPhoto(null);
    void keepPhoto(this.token(), null);
    const input = this.host.querySelector<HTMLInputElement>('#photo');
    if (input) input.value = '';
    input?.focus();
  };

  /** The record button (or the recorder) and the photo chooser; `formProblem` is what the form found wrong with the files when sending. */
  render(formProblem: TextKey | undefined) {
    const problem = this.photoProblem ?? formProblem;
    return html`<div class="media">
      ${
        this.recorderLoaded
          ? html`<ww-voice-recorder .kept=${this.recording} @ww-recording=${this.recorded}></ww-voice-recorder>`
          : html`<div class="field">
            <button type="button" class="secondary voice-start" aria-describedby="voice-hint" @click=${this.startRecording}>
              <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><rect x="9" y="3" width="6" height="11" rx="3" fill="currentColor"/><path d="M6 11a6 6 0 0 0 12 0M12 17v4" fill="none" stroke="currentColor" stroke-width="2"/></svg>
              ${rt('voice.record')}
            </button>
            <span class="hint" id="voice-hint">${rt('voice.recordHint')}</span>
          </div>`
      }
      <div class="field">
        ${
          this.photo
            ? html`<p class="field-label">${rt('photo.yours')}</p>
              ${this.photoUrl ? html`<img class="photo-preview" src=${this.photoUrl} alt="" @error=${this.previewFailed} />` : nothing}
              <button type="button" class="secondary" @click=${this.removePhoto}>${rt('photo.remove')}</button>`
            : nothing
        }
        <label class="button file-button" for="photo">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><path d="M4 7h3l2-3h6l2 3h3v13H4z" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="13" r="4" fill="none" stroke="currentColor" stroke-width="2"/></svg>
          ${rt(this.photo ? 'photo.other' : 'photo.add')}
        </label>
        <input id="photo" name="photo" type="file" accept="image/*" class="visually-hidden" aria-describedby="photo-hint media-error"
          aria-invalid=${problem ? 'true' : 'false'} @change=${this.choosePhoto} />
        <span class="hint" id="photo-hint">${rt('photo.addHint')}</span>
        <span class="field-error" id="media-error" role="alert">${problem ? rt(problem) : nothing}</span>
      </div>
    </div>`;
  }
}
