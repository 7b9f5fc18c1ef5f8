// One-click unsubscribe from reminders (issue 20): the page a reminder's List-Unsubscribe link
// opens. No session: the token in the link is the key.
import { api } from './client';

/** What a link turns off, in words the server gives. */
export interface UnsubscribeView {
  /** The person's reminders are off now. */
  reminders_off: boolean;
  /** The kind of reminder the link came in. */
  came_in: string;
  /** Every kind of reminder the switch turns off. */
  stops: string[];
  /** This request turned them off. */
  just_turned_off: boolean;
}

export function fetchUnsubscribeLink(token: string, signal?: AbortSignal): Promise<UnsubscribeView> {
  return api.get<UnsubscribeView>(`/unsubscribe/${encodeURIComponent(token)}`, signal ? { signal } : {});
}

/** Turns the link's person's reminders off (idempotent). */
export function confirmUnsubscribe(token: string): Promise<UnsubscribeView> {
  return api.post<UnsubscribeView>(`/unsubscribe/${encodeURIComponent(token)}`);
}
