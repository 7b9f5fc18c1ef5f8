// Mentor resources (issue 21): guidelines in Markdown that admins and coordinators write, tagged
// by topic, searched by everyone signed in. The server decides who may write what (can_create,
// can_edit); the UI only hides what would be refused.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** Topic keys the relationship pages link to. */
export type TopicKey =
  | 'first-meeting'
  | 'smart-goals'
  | 'not-working'
  | 'confidentiality'
  | 'reverse-mentoring'
  | 'listening'
  | 'ending-well'
  | (string & {});

export interface ResourceTopic {
  key: TopicKey;
  label: string;
}

export interface Resource {
  id: number;
  title: string;
  body: string;
  topics: TopicKey[];
  published: boolean;
  author: { employee_id: string; name: string };
  updated_by: { employee_id: string; name: string };
  version: number;
  created_at: string;
  updated_at: string;
  can_edit: boolean;
}

export interface ResourceList {
  items: Resource[];
  topics: ResourceTopic[];
  can_create: boolean;
}

export interface ResourceFields {
  title: string;
  body: string;
  topics: TopicKey[];
  published: boolean;
}

export const MAX_RESOURCE_TITLE_CHARS = 120;
export const MAX_RESOURCE_BODY_CHARS = 30000;

export interface ResourceSearch {
  q?: string;
  topic?: string;
  drafts?: boolean;
}

export const resourceKeys = {
  all: ['resources'] as const,
  list: (search: ResourceSearch) => ['resources', 'list', search] as const,
  one: (id: number) => ['resources', 'one', id] as const,
};

export function useResources(search: ResourceSearch) {
  return useQuery({
    queryKey: resourceKeys.list(search),
    queryFn: ({ signal }) =>
      api.get<ResourceList>('/resources', {
        signal,
        query: { q: search.q || undefined, topic: search.topic || undefined, drafts: search.drafts ? 'true' : undefined },
      }),
    placeholderData: (previous) => previous,
  });
}

export function useResource(id: number) {
  return useQuery({
    queryKey: resourceKeys.one(id),
    queryFn: ({ signal }) => api.get<Resource>(`/resources/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function createResource(fields: ResourceFields): Promise<Resource> {
  return api.post<Resource>('/resources', fields);
}

export function updateResource(resource: Pick<Resource, 'id' | 'version'>, fields: ResourceFields): Promise<Resource> {
  return api.put<Resource>(`/resources/${resource.id}`, { version: resource.version, ...fields });
}

export function deleteResource(id: number): Promise<void> {
  return api.delete<void>(`/resources/${id}`);
}

/** The library filtered to one topic: where the relationship pages link. */
export function topicPath(topic: TopicKey): string {
  return `/resources?topic=${encodeURIComponent(topic)}`;
}
