import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES, apiRequest, apiUrl, onUnauthorized, setCsrfToken } from './client';

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(body, { status, headers }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
  onUnauthorized(undefined);
});

describe('apiUrl', () => {
  it('prefixes the API base and adds a leading slash', () => {
    expect(apiUrl('people/42')).toBe('/api/v1/people/42');
    expect(apiUrl('/health')).toBe('/api/v1/health');
  });
  it('leaves out null and undefined query values and encodes the rest', () => {
    expect(apiUrl('/people', { q: 'Zoë & co', limit: 20, cursor: undefined, side: null, all: false })).toBe(
      '/api/v1/people?q=Zo%C3%AB+%26+co&limit=20&all=false',
    );
  });
  it('appends to a path that already has a query', () => {
    expect(apiUrl('/people?x=1', { y: 2 })).toBe('/api/v1/people?x=1&y=2');
  });
});

describe('apiRequest', () => {
  it('carries the API error code, message and field over', async () => {
    vi.stubGlobal(
      'fetch',
      answer(400, JSON.stringify({ error: { code: 'invalid_argument', message: 'Name is needed', field: 'name' } })),
    );
    const error = await apiRequest('/programs', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_argument', message: 'Name is needed', field: 'name' });
    expect((error as ApiError).isClientError).toBe(true);
  });

  it('says in words when an error answer has no error body', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>bad gateway</html>'));
    const error = (await apiRequest('/health').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe(CLIENT_ERROR_CODES.badResponse);
    expect(error.message).toContain('502');
    expect(error.isClientError).toBe(false);
  });

  it('turns a network failure into a sentence', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = (await apiRequest('/health').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe(CLIENT_ERROR_CODES.network);
    expect(error.message).toMatch(/^Could not reach the Pairwise server/);
  });

  it('sends the CSRF token on writes only, and takes a fresh one from the answer', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200, headers: { 'X-CSRF-Token': 'fresh' } }));
    fetch.mockImplementationOnce(async () => new Response('{}', { status: 200 }));
    fetch.mockImplementationOnce(async () => new Response('{}', { status: 200, headers: { 'X-CSRF-Token': 'fresh' } }));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('first');
    await apiRequest('/people');
    await apiRequest('/programs', { method: 'POST', body: { name: 'x' } });
    await apiRequest('/programs', { method: 'POST', body: { name: 'y' } });
    const headers = fetch.mock.calls.map((call) => (call as unknown as [string, RequestInit])[1].headers as Record<string, string>);
    expect(headers[0]?.['X-CSRF-Token']).toBeUndefined();
    expect(headers[1]?.['X-CSRF-Token']).toBe('first');
    expect(headers[2]?.['X-CSRF-Token']).toBe('fresh');
    expect(headers[1]?.['Content-Type']).toBe('application/json');
  });

  it('tells the application about an ended session, but not about a wrong password', async () => {
    const listener = vi.fn();
    onUnauthorized(listener);
    vi.stubGlobal('fetch', answer(401, JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in' } })));
    await apiRequest('/people').catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.stubGlobal(
      'fetch',
      answer(401, JSON.stringify({ error: { code: 'invalid_credentials', message: 'Wrong password' } })),
    );
    await apiRequest('/account/password', { method: 'POST', body: {} }).catch(() => undefined);
    await apiRequest('/auth/sign-in', { method: 'POST', body: {} }).catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses a success answer that is not JSON', async () => {
    vi.stubGlobal('fetch', answer(200, 'not json'));
    const error = (await apiRequest('/health').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe(CLIENT_ERROR_CODES.badResponse);
  });
});
