// Loaded only when a resident chooses to speak their story (ww-tell-form imports it on that click).
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ResidentElement } from './resident-element.js';
import { formatClock, rt, rtParts, type TextKey } from './i18n.js';

/** The longest recording; the server refuses longer ones too (server/media.ts). */
export const MAX_SECONDS = 5 * 60;

export type Recording = { blob: Blob; seconds: number };
export type RecordingEvent = CustomEvent<Recording | null>;

/** A length as its own left-to-right run, so `0:04` keeps its place in an Arabic sentence. */
const clock = (seconds: number) => html`<bdi dir="ltr">${formatClock(seconds)}</bdi>`;

/** The microphone on the record button (the same as the form's button before this code loaded, web/resident/tell-media.ts). */
const micIcon = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><rect x="9" y="3" width="6" height="11" rx="3" fill="currentColor"/><path d="M6 11a6 6 0 0 0 12 0M12 17v4" fill="none" stroke="currentColor" stroke-width="2"/></svg>`;

/** The container the browser records in: Opus in WebM (Chromium, Firefox), else MP4 (Safari). */
function mimeType(): string | undefined {
  for (const type of ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4']) if (MediaRecorder.isTypeSupported(type)) return type;
  return undefined;
}

/**
 * Records a spoken story in the browser (MediaRecorder), up to five minutes, and lets the teller
 * listen back, remove it or record again.
 *
 * A recording kept from before a reload comes in as `.kept`.
 *
 * @fires ww-recording - `detail`: the recording `{ blob, seconds }`, or null once removed.
 */
@customElement('ww-voice-recorder')
export class WwVoiceRecorder extends ResidentElement {
  /** A recording kept in the draft (web/resident/draft-media.ts): shown as recorded, to listen to, remove or send. */
  @property({ attribute: false }) kept: Recording | null = null;
  @state() private status: 'idle' | 'starting' | 'recording' | 'done' = 'idle';
  @state() private seconds = 0;
  @state() private problem: TextKey | null = null;
  @state() private url: string | null = null;
  private recorder: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private chunks: Blob[] = [];
  private started = 0;
  private timer = 0;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('kept') && this.kept && this.status === 'idle' && !this.url) {
      this.url = URL.createObjectURL(this.kept.blob);
      this.seconds = this.kept.seconds;
      this.status = 'done';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.release();
    if (this.url) URL.revokeObjectURL(this.url);
  }

  async start(): Promise<void> {
    if (this.status === 'starting' || this.status === 'recording') return;
    this.problem = null;
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      this.problem = 'voice.unsupported';
      return this.focusRecordButton();
    }
    this.status = 'starting';
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      this.status = this.url ? 'done' : 'idle';
      this.problem = 'voice.denied';
      // The button pressed is drawn anew: the focus goes to the one in its place, not to the page.
      return this.focusRecordButton();
    }
    const type = mimeType();
    this.recorder = new MediaRecorder(this.stream, { ...(type ? { mimeType: type } : {}), audioBitsPerSecond: 32_000 });
    this.chunks = [];
    this.recorder.ondataavailable = (e) => e.data.size && this.chunks.push(e.data);
    this.recorder.onstop = () => this.finish();
    this.recorder.start(1000);
    this.started = performance.now();
    this.seconds = 0;
    this.status = 'recording';
    this.timer = window.setInterval(() => {
      this.seconds = (performance.now() - this.started) / 1000;
      if (this.seconds >= MAX_SECONDS) {
        this.problem = 'voice.limit';
        this.stop();
      }
    }, 250);
    await this.updateComplete;
    this.querySelector<HTMLButtonElement>('.voice-stop')?.focus();
  }

  private async focusRecordButton(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLButtonElement>(this.status === 'done' ? 'audio' : '.voice-again')?.focus();
  }

  stop(): void {
    if (this.recorder?.state === 'recording') this.recorder.stop();
  }

  private release(): void {
    window.clearInterval(this.timer);
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
  }

  private async finish(): Promise<void> {
    this.seconds = Math.min(MAX_SECONDS, (performance.now() - this.started) / 1000);
    this.release();
    const blob = new Blob(this.chunks, { type: this.recorder?.mimeType || 'audio/webm' });
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = URL.createObjectURL(blob);
    this.status = 'done';
    this.dispatchEvent(new CustomEvent('ww-recording', { detail: { blob, seconds: this.seconds }, bubbles: true, composed: true }));
    await this.updateComplete;
    this.querySelector<HTMLAudioElement>('audio')?.focus();
  }

  private discard(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
    this.status = 'idle';
    this.seconds = 0;
    this.problem = null;
    this.dispatchEvent(new CustomEvent('ww-recording', { detail: null, bubbles: true, composed: true }));
    void this.updateComplete.then(() => this.querySelector<HTMLButtonElement>('.voice-again')?.focus());
  }

  override render() {
    const problem = this.problem
      ? this.problem === 'voice.limit'
        ? html`<p class="hint" id="voice-problem" role="status">${rt(this.problem)}</p>`
        : html`<p class="field-error" id="voice-problem" role="alert">${rt(this.problem)}</p>`
      : nothing;
    if (this.status === 'recording' || this.status === 'starting')
      return html`<div class="recorder recording" role="group" aria-label=${rt('voice.record')}>
        <p role="status" class="rec-status"><span class="rec-dot" aria-hidden="true"></span>${this.status === 'starting' ? rt('voice.starting') : rt('voice.recording')}</p>
        <p class="rec-time" aria-hidden="true">${rtParts('voice.time', { time: clock(this.seconds), max: clock(MAX_SECONDS) })}</p>
        <button type="button" class="primary voice-stop" ?disabled=${this.status === 'starting'} @click=${this.stop}>${rt('voice.stop')}</button>
      </div>`;
    if (this.status === 'done' && this.url)
      return html`<div class="recorder done" role="group" aria-labelledby="recording-label">
        <p class="field-label" id="recording-label">${rtParts('voice.recorded', { time: clock(this.seconds) })}</p>
        <audio controls src=${this.url} aria-labelledby="recording-label"></audio>
        ${problem}
        <div class="actions">
          <button type="button" class="secondary" @click=${this.discard}>${rt('voice.remove')}</button>
        </div>
      </div>`;
    return html`<div class="recorder">
      <button type="button" class="secondary voice-start voice-again" aria-describedby=${this.problem ? 'voice-hint voice-problem' : 'voice-hint'} @click=${() => this.start()}>
        ${micIcon}${rt('voice.record')}
      </button>
      <span class="hint" id="voice-hint">${rt('voice.recordHint')}</span>
      ${problem}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ww-voice-recorder': WwVoiceRecorder;
  }
  interface HTMLElementEventMap {
    'ww-recording': RecordingEvent;
  }
}
