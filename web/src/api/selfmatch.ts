// Self-match programs: the mentor browser and requests (api/openapi.yaml, tag "self-match").
import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface MentorCard {
  employee_id: string;
  name: string;
  job_title: string;
  department: string;
  site: string;
  languages: string[];
  bio: string;
  expertise: { skill: string; level: number }[];
  availability_hours_per_month: number;
  capacity: { mentees: number; taken: number; open: number };
}

export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'cancelled' | 'withdrawn' | 'expired';

export interface MatchRequest {
  id: number;
  program_id: number;
  mentee: { employee_id: string; name: string };
  mentor: { employee_id: string; name: string };
  message: string;
  status: RequestStatus;
  response_message: string;
  created_at: string;
  expires_at: string;
  responded_at: string | null;
}

export interface MentorFilter {
  q?: string;
  skill?: string;
  department?: string;
  site?: string;
  language?: string;
  min_hours?: number | '';
}

export function useMentors(programId: number, filter: MentorFilter, enabled: boolean) {
  return useQuery({
    queryKey: ['mentors', programId, filter],
    queryFn: ({ signal }) =>
      api.get<{ items: MentorCard[] }>(`/programs/${programId}/mentors`, {
        query: {
          q: filter.q || undefined,
          skill: filter.skill || undefined,
          department: filter.department || undefined,
          site: filter.site || undefined,
          language: filter.language || undefined,
          min_hours: filter.min_hours === '' ? undefined : filter.min_hours,
        },
        signal,
      }),
    enabled,
    retry: false,
  });
}

function requestsQuery(programId: number, box: 'outgoing' | 'incoming' | 'all') {
  return {
    queryKey: ['requests', programId, box],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api.get<{ items: MatchRequest[] }>(`/programs/${programId}/requests`, { query: { box }, signal }),
  };
}

export function useRequests(programId: number, box: 'outgoing' | 'incoming' | 'all', enabled: boolean) {
  return useQuery({ ...requestsQuery(programId, box), enabled });
}

/** The requests to the signed-in mentor in each of `programIds`, in that order. */
export function useIncomingRequests(programIds: number[]) {
  return useQueries({ queries: programIds.map((id) => requestsQuery(id, 'incoming')) });
}

export function requestMentor(programId: number, mentor: string, message: string): Promise<MatchRequest> {
  return api.post<MatchRequest>(`/programs/${programId}/requests`, { mentor_employee_id: mentor, message });
}

export function answerRequest(id: number, action: 'accept' | 'decline', message: string): Promise<MatchRequest> {
  return api.post<MatchRequest>(`/requests/${id}/${action}`, { message });
}

export function cancelRequest(id: number): Promise<MatchRequest> {
  return api.post<MatchRequest>(`/requests/${id}/cancel`);
}
