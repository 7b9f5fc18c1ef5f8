import { useQuery } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './client';

export type Role = 'admin' | 'coordinator';

/** An account as the API shows it (the signed-in user, or an entry in the admin's list). */
export interface Account {
  id: number;
  employee_id: string;
  email: string;
  name: string;
  roles: Role[];
  is_manager: boolean;
  /** Only in the admin's account list. */
  status?: 'invited' | 'active' | 'disabled';
}

/** GET /auth/session, POST /auth/sign-in and POST /auth/redeem answer this. */
export interface Session {
  account: Account;
  csrf_token: string;
}

export const sessionQueryKey = ['session'] as const;

/** The current session, or null when nobody is signed in (401). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/session', signal ? { signal } : {});
    setCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Infinity,
    retry: false,
  });
}

export function isAdmin(account: Account | undefined | null): boolean {
  return account?.roles.includes('admin') ?? false;
}

export async function signIn(email: string, password: string): Promise<Session> {
  const session = await api.post<Session>('/auth/sign-in', { email, password });
  setCsrfToken(session.csrf_token);
  return session;
}

export async function signOut(): Promise<void> {
  await api.post<void>('/auth/sign-out');
  setCsrfToken(undefined);
}

export interface RedeemInfo {
  purpose: 'invitation' | 'reset';
  email: string;
}

export function fetchRedeemInfo(token: string, signal?: AbortSignal): Promise<RedeemInfo> {
  return api.get<RedeemInfo>(`/auth/redeem/${encodeURIComponent(token)}`, signal ? { signal } : {});
}

export async function redeem(token: string, newPassword: string): Promise<Session> {
  const session = await api.post<Session>('/auth/redeem', { token, new_password: newPassword });
  setCsrfToken(session.csrf_token);
  return session;
}

export function requestPasswordReset(email: string): Promise<unknown> {
  return api.post<unknown>('/auth/password-reset', { email });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.post<void>('/auth/password', {
    current_password: currentPassword,
    new_password: newPassword,
  });
}
