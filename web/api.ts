// The one way the web app talks to the server.
export type ApiErrorBody = { error: { code: string; message: string; details: { field?: string; message: string; code?: string }[] } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field?: string; message: string; code?: string }[] = [],
  ) {
    super(message);
  }
  /** The message for one field, for tying errors to form inputs. */
  field(name: string): string | undefined {
    return this.details.find((d) => d.field === name)?.message;
  }
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    if (body instanceof FormData || typeof body === 'string') init.body = body as BodyInit;
    else {
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
