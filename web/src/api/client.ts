// Typed client for the Pairwise JSON API (/api/v1, same origin).
//
// Every request sends and receives JSON. A failed request — an HTTP error status, a network
// failure, or a body that is not the JSON the API promises — always rejects with an ApiError,
// so callers (and TanStack Query) deal with one error type. The API's error body is
//   {"error": {"code": "...", "message": "...", "field": "..."?}}
// and its fields are carried over as they are.

export const API_BASE = '/api/v1';

/** Codes the client itself uses when the API could not give its own. */
export const CLIENT_ERROR_CODES = {
  /** The request never got an HTTP response (server down, connection refused, offline). */
  network: 'network_error',
  /** A response came, but its body was not the JSON the API sends. */
  badResponse: 'bad_response',
  /** The request was cancelled by the caller. */
  aborted: 'aborted',
} as const;

export class ApiError extends Error {
  /** HTTP status; 0 when no HTTP response was received. */
  readonly status: number;
  /** Machine-readable code from the API (e.g. "unavailable", "not_found") or a client code. */
  readonly code: string;
  /** The request field the error is about, when the API names one (validation errors). */
  readonly field: string | undefined;
  /** The whole error body, for endpoints that say more than the error (e.g. an import's report). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, field?: string, body?: unknown) {
    super(message);
    this.body = body;
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** True for errors that say something about the request itself (4xx), not the server. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Query string values; undefined and null entries are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: HttpMethod;
  /** Serialized as JSON. */
  body?: unknown;
  /** Sent as it is instead of `body` (e.g. a CSV file), with this content type. */
  raw?: { content: string | Blob; contentType: string };
  query?: QueryParams;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, field } = error as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    (field === undefined || typeof field === 'string')
  );
}

// The session's CSRF token (from sign-in or GET /auth/session). The API refuses a
// state-changing request authenticated by the session cookie without it.
let csrfToken: string | undefined;

/** Remembers the CSRF token that goes into the X-CSRF-Token header of POST/PUT/PATCH/DELETE. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type UnauthorizedListener = (error: ApiError) => void;
let unauthorizedListener: UnauthorizedListener | undefined;

/**
 * Called for every 401 answer except from the sign-in and session endpoints themselves, so
 * the application can send the user back to the sign-in page.
 */
export function onUnauthorized(listener: UnauthorizedListener | undefined): void {
  unauthorizedListener = listener;
}

const PATHS_WITHOUT_SESSION = ['/auth/sign-in', '/auth/session', '/auth/redeem', '/auth/password-reset'];

/** Builds the URL for an API path such as "/health" or "people/42". */
export function apiUrl(path: string, query?: QueryParams): string {
  const cleanPath = path.startsWith('/') ? path : `/${path}`;
  let url = `${API_BASE}${cleanPath}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) params.append(key, String(value));
    }
    const qs = params.toString();
    if (qs) url += `${url.includes('?') ? '&' : '?'}${qs}`;
  }
  return url;
}

async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await response.text();
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Sends one request to the API and returns the parsed JSON body.
 * The type parameter is what the caller expects; the body is not validated against it.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, raw, query, signal, headers = {} } = options;
  const sentHeaders: Record<string, string> = { Accept: 'application/json', ...headers };
  if (method !== 'GET' && csrfToken) sentHeaders['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: sentHeaders,
    signal: signal ?? null,
  };
  if (raw !== undefined) {
    init.body = raw.content;
    sentHeaders['Content-Type'] = raw.contentType;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    sentHeaders['Content-Type'] = 'application/json';
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), init);
  } catch (cause) {
    if (signal?.aborted) {
      throw new ApiError(0, CLIENT_ERROR_CODES.aborted, 'The request was cancelled.');
    }
    const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
    throw new ApiError(
      0,
      CLIENT_ERROR_CODES.network,
      `Could not reach the Pairwise server${detail}. Check your connection and try again.`,
    );
  }

  const parsed = await readJson(response);

  if (!response.ok) {
    let error: ApiError;
    if (parsed.ok && isErrorBody(parsed.value)) {
      const { code, message, field } = parsed.value.error;
      error = new ApiError(response.status, code, message, field, parsed.value);
    } else {
      const statusText = response.statusText ? ` ${response.statusText}` : '';
      error = new ApiError(
        response.status,
        CLIENT_ERROR_CODES.badResponse,
        `The server answered HTTP ${response.status}${statusText} without an error description.`,
      );
    }
    // "invalid_credentials" is a wrong password (e.g. the current one when changing it), not
    // an ended session.
    if (
      response.status === 401 &&
      error.code !== 'invalid_credentials' &&
      !PATHS_WITHOUT_SESSION.some((p) => path.startsWith(p))
    ) {
      unauthorizedListener?.(error);
    }
    throw error;
  }
  if (!parsed.ok) {
    throw new ApiError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      'The server sent a response that is not valid JSON.',
    );
  }
  // The session's CSRF token changes when the password is changed.
  const freshCsrf = response.headers.get('X-CSRF-Token');
  if (freshCsrf) csrfToken = freshCsrf;
  return parsed.value as T;
}

/** Shorthands for the HTTP methods. */
export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};

/** A readable message for any error a query or mutation can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
