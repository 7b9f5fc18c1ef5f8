// Webhooks (issue 24): admins register endpoints that receive signed events.
import { api } from './client';

export interface WebhookEventKind {
  name: string;
  /** What the event is, in words. */
  words: string;
}

export interface Webhook {
  id: number;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface WebhookList {
  items: Webhook[];
  events: WebhookEventKind[];
}

export interface WebhookInput {
  url: string;
  description: string;
  events: string[];
  active: boolean;
}

export interface CreatedWebhook {
  webhook: Webhook;
  /** Shown once: the receiver checks signatures with it. */
  secret: string;
}

export interface WebhookDelivery {
  id: number;
  event: string;
  event_id: string;
  status: 'queued' | 'delivered' | 'failed';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  next_attempt_at: string;
  delivered_at: string | null;
  payload: string;
}

export function fetchWebhooks(signal?: AbortSignal): Promise<WebhookList> {
  return api.get<WebhookList>('/admin/webhooks', signal ? { signal } : {});
}

export function createWebhook(input: WebhookInput): Promise<CreatedWebhook> {
  return api.post<CreatedWebhook>('/admin/webhooks', input);
}

export function updateWebhook(id: number, input: WebhookInput): Promise<Webhook> {
  return api.put<Webhook>(`/admin/webhooks/${id}`, input);
}

export function deleteWebhook(id: number): Promise<void> {
  return api.delete<void>(`/admin/webhooks/${id}`);
}

export function sendTestEvent(id: number): Promise<{ delivery_id: number }> {
  return api.post<{ delivery_id: number }>(`/admin/webhooks/${id}/test`);
}

export function fetchDeliveries(
  id: number,
  signal?: AbortSignal,
): Promise<{ items: WebhookDelivery[]; next_cursor: string | null }> {
  return api.get(`/admin/webhooks/${id}/deliveries`, { query: { limit: 50 }, ...(signal ? { signal } : {}) });
}
