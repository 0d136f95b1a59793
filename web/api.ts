// The one way the web app talks to the server.
import { fieldMessage, localHalf, type FieldIssue } from './i18n.js';

export type ApiErrorBody = { error: { code: string; message: string; details: FieldIssue[] } };

export class ApiError extends Error {
  /** The server words its messages "Nederlands / English"; `message` is the UI's half, `sent` the whole. */
  constructor(
    readonly status: number,
    readonly code: string,
    readonly sent: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(localHalf(sent) ?? sent);
  }
  /** The message for one field, in the UI's language, for tying errors to form inputs. */
  field(name: string): string | undefined {
    const d = this.details.find((x) => x.field === name);
    return d && this.messageOf(d);
  }
  /** One detail in the UI's language (see fieldMessage in i18n.ts). */
  messageOf(detail: FieldIssue): string {
    return fieldMessage(detail, { message: this.sent, details: this.details });
  }
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    if (body instanceof FormData || typeof body === 'string') init.body = body as BodyInit;
    else if (body instanceof Blob) {
      // a file as it is (a .qdpx), with its own media type
      init.body = body;
      (init.headers as Record<string, string>)['content-type'] = body.type || 'application/octet-stream';
    } else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
  }
  const res = await fetch(path.startsWith('/') ? path : `/api/${path}`, init);
  if (res.status === 204) return undefined as T;
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (data as ApiErrorBody)?.error;
    if (res.status === 401 && !path.includes('/auth/') && !path.startsWith('/api/public')) window.dispatchEvent(new CustomEvent('ww-unauthenticated'));
    throw new ApiError(res.status, e?.code ?? 'error', e?.message ?? String(res.status), e?.details ?? []);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {});
