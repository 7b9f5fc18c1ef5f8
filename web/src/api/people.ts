import { useQuery } from '@tanstack/react-query';
import { api, apiUrl } from './client';

export interface NamedCode {
  code: string;
  name: string;
}

export interface PersonSummary {
  employee_id: string;
  name: string;
  email: string;
  job_title: string;
  level: number | null;
  department: NamedCode | null;
  site: NamedCode | null;
  status: string;
}

export interface PersonDetail extends PersonSummary {
  time_zone?: string;
  languages?: string[];
  hire_date?: string | null;
  manager_employee_id?: string | null;
}

export interface SkillLevel {
  skill: string;
  level: number;
}

export type MeetingPreference = 'virtual' | 'in_person' | 'either';

export interface Profile {
  bio: string;
  languages: string[];
  availability_hours_per_month: number | null;
  meeting_preference: MeetingPreference | null;
  expertise: SkillLevel[];
  wants: SkillLevel[];
}

export interface PersonEvent {
  [key: string]: unknown;
}

export interface PersonPage {
  person: PersonDetail;
  manager_chain: PersonSummary[];
  direct_reports: PersonSummary[];
  profile: Profile | null;
  history?: PersonEvent[];
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface PeopleFilter {
  q?: string;
  department?: string;
  site?: string;
  skill?: string;
}

export function fetchPeople(
  filter: PeopleFilter,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<PersonSummary>> {
  return api.get<Page<PersonSummary>>('/people', {
    query: {
      q: filter.q || undefined,
      department: filter.department || undefined,
      site: filter.site || undefined,
      skill: filter.skill || undefined,
      cursor,
      limit: 50,
    },
    ...(signal ? { signal } : {}),
  });
}

/** The address of the directory's export (admins): every person the filter finds, as a file. */
export function peopleExportUrl(filter: PeopleFilter, format: 'csv' | 'xlsx'): string {
  return apiUrl('/people/export', {
    format,
    q: filter.q || undefined,
    department: filter.department || undefined,
    site: filter.site || undefined,
    skill: filter.skill || undefined,
  });
}

export function usePerson(employeeId: string) {
  return useQuery({
    queryKey: ['person', employeeId],
    queryFn: ({ signal }) =>
      api.get<PersonPage>(`/people/${encodeURIComponent(employeeId)}`, { signal }),
  });
}

export const myProfileQueryKey = ['me', 'profile'] as const;

export function useMyProfile() {
  return useQuery({
    queryKey: myProfileQueryKey,
    queryFn: ({ signal }) => api.get<Profile>('/me/profile', { signal }),
    staleTime: 0,
  });
}

export function saveMyProfile(profile: Profile): Promise<Profile> {
  return api.put<Profile>('/me/profile', profile);
}

/** The API may answer a list as a bare array or as {items: [...]}. */
function itemsOf<T>(value: T[] | { items: T[] }): T[] {
  return Array.isArray(value) ? value : value.items;
}

/** A skill of the taxonomy; profiles refer to skills by code. */
export interface Skill {
  code: string;
  name: string;
  family?: string;
}

/** The skills taxonomy (GET /skills), sorted by name. */
export function useSkills() {
  return useQuery({
    queryKey: ['skills'],
    queryFn: async ({ signal }) => {
      const body = await api.get<(Skill | string)[] | { items: (Skill | string)[] }>('/skills', {
        signal,
      });
      return itemsOf(body)
        .map((s) => (typeof s === 'string' ? { code: s, name: s } : s))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 5 * 60_000,
  });
}

/** The display name of a skill code (the code itself when the taxonomy does not know it). */
export function skillName(skills: Skill[] | undefined, code: string): string {
  return skills?.find((s) => s.code === code)?.name ?? code;
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<NamedCode[] | { items: NamedCode[] }>('/departments', { signal })),
    staleTime: 5 * 60_000,
  });
}

export function useSites() {
  return useQuery({
    queryKey: ['sites'],
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<NamedCode[] | { items: NamedCode[] }>('/sites', { signal })),
    staleTime: 5 * 60_000,
  });
}
