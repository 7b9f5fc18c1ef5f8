import { api } from './client';
import type { Account, Role } from './auth';
import type { Page } from './people';

export function fetchAccounts(q: string, cursor: string | undefined, signal?: AbortSignal) {
  return api.get<Page<Account>>('/accounts', {
    query: { q: q || undefined, cursor, limit: 50 },
    ...(signal ? { signal } : {}),
  });
}

export function inviteAccount(employeeId: string, roles: Role[]): Promise<Account> {
  return api.post<Account>('/accounts/invitations', { employee_id: employeeId, roles });
}

export type InvitationOutcome =
  | 'invited'
  | 'invitation_renewed'
  | 'already_has_account'
  | 'left_organization'
  | 'not_found';

export interface BulkInvitation {
  items: { employee_id: string; name: string; outcome: InvitationOutcome; account: Account | null }[];
  /** People the program filter matched beyond one round's limit; inviting again continues. */
  remaining: number;
}

/** The most people one bulk invitation may name (the server refuses more). */
export const MAX_BULK_INVITATIONS = 500;

/** Invites the people named, or everyone approved in a program who has no account yet. */
export function inviteAccountsInBulk(
  who: { employee_ids: string[] } | { approved_in_program: number },
  roles: Role[],
): Promise<BulkInvitation> {
  return api.post<BulkInvitation>('/accounts/invitations/bulk', { ...who, roles });
}

/** Mails an invited account a fresh link; the earlier links stop working. */
export function resendInvitation(accountId: number): Promise<Account> {
  return api.post<Account>(`/accounts/${accountId}/invitation`);
}

export function setAccountRoles(accountId: number, roles: Role[]): Promise<Account> {
  return api.put<Account>(`/accounts/${accountId}/roles`, { roles });
}

/** Disables an account: it may no longer sign in and its sessions end at once. */
export function deactivateAccount(accountId: number): Promise<Account> {
  return api.post<Account>(`/accounts/${accountId}/deactivate`);
}

/** Undoes deactivateAccount: active again (or invited, when no password was ever set). */
export function reactivateAccount(accountId: number): Promise<Account> {
  return api.post<Account>(`/accounts/${accountId}/reactivate`);
}

export type TokenScope = 'scim' | 'export';

export interface ApiToken {
  id: number;
  name: string;
  scopes: TokenScope[];
  created_at: string;
  expires_at: string | null;
  revoked_at?: string | null;
  last_used_at?: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The secret; the API shows it only in this answer. */
  token: string;
}

export function fetchApiTokens(signal?: AbortSignal) {
  return api.get<{ items: ApiToken[] }>('/api-tokens', signal ? { signal } : {});
}

export function createApiToken(body: {
  name: string;
  scopes: TokenScope[];
  expires_in_days?: number;
}): Promise<CreatedApiToken> {
  return api.post<CreatedApiToken>('/api-tokens', body);
}

export function revokeApiToken(id: number): Promise<void> {
  return api.delete<void>(`/api-tokens/${id}`);
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
  remote_address: string;
}

export function fetchAudit(action: string, cursor: string | undefined, signal?: AbortSignal) {
  return api.get<Page<AuditEntry>>('/audit', {
    query: { action: action || undefined, cursor, limit: 50 },
    ...(signal ? { signal } : {}),
  });
}

export interface MailItem {
  /** The API sends it as a string. */
  id: string | number;
  to: string;
  subject: string;
  kind: string;
  status: 'queued' | 'sent' | 'failed' | 'held';
  attempts: number;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
  text: string;
}

export interface MailPage extends Page<MailItem> {
  relay_configured: boolean;
}

export function fetchMail(cursor: string | undefined, signal?: AbortSignal) {
  return api.get<MailPage>('/admin/mail', {
    query: { cursor, limit: 50 },
    ...(signal ? { signal } : {}),
  });
}

export interface ImportError {
  row: number;
  column: string;
  field: string;
  code: string;
  message: string;
}

export interface ImportColumn {
  header: string;
  field: string | null;
  source: string;
}

export interface ImportRow {
  row: number;
  employee_id: string;
  action: string;
  changed_fields: string[];
}

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  mark_left: number;
}

/** A department or site value of the file, and the stored one it names (or a new one). */
export interface ImportReference {
  value: string;
  code: string;
  name: string;
  new: boolean;
  rows: number;
}

/** What an import needs the admin to confirm: "confirm_leavers" or "confirm_new". */
export interface ImportConfirmation {
  code: 'confirm_leavers' | 'confirm_new';
  message: string;
}

export interface ImportReport {
  headers: string[];
  mapping: Record<string, string | null>;
  columns?: ImportColumn[];
  unmapped_headers: string[];
  missing_fields: string[];
  rows: ImportRow[];
  rows_truncated?: boolean;
  marked_left?: string[];
  departments?: ImportReference[];
  sites?: ImportReference[];
  new_departments?: { code: string; name: string }[];
  new_sites?: { code: string; name: string; time_zone: string }[];
  errors: ImportError[];
  error_count?: number;
  errors_truncated?: boolean;
  stored_not_left?: number;
  needs_confirmation?: ImportConfirmation[];
  counts: ImportCounts;
  can_import: boolean;
  applied?: boolean;
  warnings?: string[];
}

/** How an upload is to be imported: full, and what the admin confirmed. */
export interface ImportOptions {
  full: boolean;
  confirm_leavers?: boolean;
  confirm_new?: boolean;
}

export function previewImport(csv: string, options: ImportOptions): Promise<ImportReport> {
  return api.post<ImportReport>('/imports/people/preview', undefined, {
    query: { full: options.full },
    raw: { content: csv, contentType: 'text/csv' },
  });
}

export function runImport(csv: string, options: ImportOptions): Promise<ImportReport> {
  return api.post<ImportReport>('/imports/people', undefined, {
    query: {
      full: options.full,
      confirm_leavers: options.confirm_leavers ?? false,
      confirm_new: options.confirm_new ?? false,
    },
    raw: { content: csv, contentType: 'text/csv' },
  });
}

export interface SavedMapping {
  mapping: Record<string, string | null>;
  fields: string[];
  required_fields: string[];
}

export function fetchImportMapping(signal?: AbortSignal) {
  return api.get<SavedMapping>('/imports/people/mapping', signal ? { signal } : {});
}

export function saveImportMapping(mapping: Record<string, string | null>) {
  return api.put<SavedMapping>('/imports/people/mapping', { mapping });
}
