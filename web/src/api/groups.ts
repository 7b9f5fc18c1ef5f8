// Group programs — one mentor with several mentees who meet together: who is in the group (its
// notes are the one note store's, api/relationships.ts with scope "group") — and what the program's
// shadow mentor writes to a pair (mailed to both, kept on the relationship). Every path goes
// through the member's (or the overseer's) own relationship.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { PersonRef } from './matching';
import type { RelationshipStatus } from './relationships';

export interface GroupMember extends PersonRef {
  /** The mentee's relationship: shown to the mentor and the program's overseers only. */
  relationship_id: number | null;
  status: RelationshipStatus;
}

export interface RelationshipGroup {
  program_id: number;
  program_name: string;
  mentor: PersonRef;
  mentees: GroupMember[];
  max_size: number;
}

export const groupKeys = {
  group: (relationshipId: number) => ['relationships', relationshipId, 'group'] as const,
};

export function useGroup(relationshipId: number, enabled = true) {
  return useQuery({
    queryKey: groupKeys.group(relationshipId),
    queryFn: ({ signal }) => api.get<RelationshipGroup>(`/relationships/${relationshipId}/group`, { signal }),
    enabled,
  });
}

// ---- The shadow mentor's messages to the pair ----------------------------------------------

export const MAX_PAIR_MESSAGE_CHARS = 4000;

export interface PairMessage {
  id: number;
  author: string;
  author_name: string;
  text: string;
  created_at: string;
}

export const messageKeys = { list: (relationshipId: number) => ['relationships', relationshipId, 'messages'] as const };

export function usePairMessages(relationshipId: number, enabled = true) {
  return useQuery({
    queryKey: messageKeys.list(relationshipId),
    queryFn: ({ signal }) => api.get<{ items: PairMessage[] }>(`/relationships/${relationshipId}/messages`, { signal }),
    enabled,
  });
}

export function sendPairMessage(relationshipId: number, text: string): Promise<PairMessage> {
  return api.post<PairMessage>(`/relationships/${relationshipId}/messages`, { text });
}
