import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** GET /api/v1/health: 200 after a real database round trip, 503 "unavailable" otherwise. */
export interface Health {
  status: string;
  /** "sqlite" or "postgresql". */
  database: string;
  /** The server's version, e.g. "0.1.0". */
  version: string;
}

export const healthQueryKey = ['health'] as const;

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return api.get<Health>('/health', signal ? { signal } : {});
}

export function useHealth() {
  return useQuery({
    queryKey: healthQueryKey,
    queryFn: ({ signal }) => fetchHealth(signal),
    // The status page must show the server's answer as it is, not after silent retries.
    retry: false,
    staleTime: 0,
  });
}
