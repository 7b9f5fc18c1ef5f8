import { api } from './client';

/** What the sign-in page needs to know about single sign-on (no secrets). */
export interface SsoSignInInfo {
  enabled: boolean;
  provider_name: string;
  /** False when only admins may still sign in with a password. */
  password_sign_in: boolean;
}

export type SsoMatchBy = 'email' | 'employee_id';

export interface SsoSettings {
  enabled: boolean;
  provider_name: string;
  issuer: string;
  client_id: string;
  client_secret_set: boolean;
  match_by: SsoMatchBy;
  claim: string;
  password_sign_in: boolean;
  redirect_uri: string;
}

export interface SsoSettingsInput {
  enabled: boolean;
  provider_name: string;
  issuer: string;
  client_id: string;
  /** Omitted: the saved secret stays. */
  client_secret?: string;
  match_by: SsoMatchBy;
  claim: string;
  password_sign_in: boolean;
}

/** The browser goes here (a full navigation) to sign in with the provider. */
export const SSO_START_URL = '/api/v1/auth/sso/start';

export const ssoInfoKey = ['sso-info'] as const;
export const ssoSettingsKey = ['sso-settings'] as const;

export function fetchSsoInfo(signal?: AbortSignal) {
  return api.get<SsoSignInInfo>('/auth/sso', signal ? { signal } : {});
}

export function fetchSsoSettings(signal?: AbortSignal) {
  return api.get<SsoSettings>('/admin/sso', signal ? { signal } : {});
}

export function saveSsoSettings(body: SsoSettingsInput): Promise<SsoSettings> {
  return api.put<SsoSettings>('/admin/sso', body);
}

/** Plain words for the reasons the server gives when it sends someone back from the provider. */
export function ssoErrorText(reason: string, provider: string): string {
  const who = provider || 'your organization';
  switch (reason) {
    case 'unknown_person':
      return `${who} signed you in, but you are not in the Pairwise directory. Ask your Pairwise administrator to add you.`;
    case 'person_left':
      return 'The directory says you have left the organization, so you cannot sign in.';
    case 'account_disabled':
      return 'Your Pairwise account is turned off. Ask your Pairwise administrator to turn it back on.';
    case 'invalid_state':
      return 'That sign-in took too long or was already used. Please try again.';
    case 'provider_refused':
      return `${who} did not let you sign in. Please try again.`;
    case 'provider_unavailable':
      return `${who} cannot be reached right now. Please try again in a few minutes.`;
    case 'not_configured':
      return 'Signing in with your organization account is not set up.';
    case 'missing_claim':
    case 'email_not_verified':
      return `${who} did not say who you are in a way Pairwise understands. Ask your Pairwise administrator to check the single sign-on settings.`;
    default:
      return `Pairwise could not confirm your sign-in with ${who}. Please try again, and tell your Pairwise administrator if it keeps happening.`;
  }
}
