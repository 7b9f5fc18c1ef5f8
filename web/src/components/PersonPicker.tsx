import { useState } from 'react';
import { Avatar, Combobox, Group, Loader, Pill, PillsInput, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { fetchPeople, type PersonPage } from '../api/people';

/** A person as the picker shows them: a name, and what tells two namesakes apart. */
export interface PersonOption {
  employee_id: string;
  name: string;
  job_title: string;
  department: string | null; // its name
}

/** Server-side search: the people whose name (or title, department, skill) matches `q`. */
export type PersonSearch = (q: string, signal: AbortSignal) => Promise<PersonOption[]>;

/** The whole directory, through GET /people (name, email, department or skill). */
export const searchDirectory: PersonSearch = async (q, signal) => {
  const page = await fetchPeople({ q }, undefined, signal);
  return page.items
    .filter((p) => p.status !== 'left')
    .map((p) => ({ employee_id: p.employee_id, name: p.name, job_title: p.job_title, department: p.department?.name ?? null }));
};

function describe(p: PersonOption): string {
  return [p.job_title, p.department].filter(Boolean).join(' · ');
}

/** One person as an option or a chosen pill: initials, name, title and department. */
export function PersonLine({ person }: { person: PersonOption }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar name={person.name} color="initials" size={32} radius="xl" aria-hidden />
      <div>
        <Text size="sm" fw={500}>
          {person.name}
        </Text>
        {describe(person) && (
          <Text size="xs" c="dimmed">
            {describe(person)}
          </Text>
        )}
      </div>
    </Group>
  );
}

/**
 * A field that takes people: type part of a name, pick from what the server finds, never an
 * employee id typed by hand. `value` is the chosen people's employee ids, in the order chosen
 * (with `ranked`, 1st choice first). `max` 1 makes it a single choice that a new pick replaces.
 * Keyboard: arrows move through the results, Enter picks, Backspace in an empty field removes
 * the last person.
 */
export function PersonPicker({
  label,
  description,
  required,
  error,
  value,
  onChange,
  search = searchDirectory,
  searchKey = 'directory',
  max,
  ranked = false,
  placeholder = 'Type a name',
  nothingFound = 'Nobody found by that name',
}: {
  label: string;
  description?: React.ReactNode;
  required?: boolean;
  error?: React.ReactNode;
  value: string[];
  onChange: (employeeIds: string[]) => void;
  search?: PersonSearch;
  /** Tells result caches of different searches apart (e.g. 'mentor-choices-12'). */
  searchKey?: string;
  max?: number;
  ranked?: boolean;
  placeholder?: string;
  nothingFound?: string;
}) {
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
    onDropdownOpen: () => combobox.updateSelectedOptionIndex('active'),
  });
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [known, setKnown] = useState<Record<string, PersonOption>>({});
  const results = useQuery({
    queryKey: ['person-picker', searchKey, q],
    queryFn: ({ signal }) => search(q, signal),
    enabled: combobox.dropdownOpened,
    staleTime: 30_000,
  });
  // Chosen people this picker has not seen in its results (a saved value): read from the
  // directory, for their names.
  const unknown = value.filter((id) => !known[id]);
  const looked = useQueries({
    queries: unknown.map((id) => ({
      queryKey: ['person', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<PersonPage>(`/people/${encodeURIComponent(id)}`, { signal }),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const personOf = (id: string): PersonOption | null => {
    if (known[id]) return known[id];
    const page = looked[unknown.indexOf(id)]?.data;
    if (!page) return null;
    const p = page.person;
    return { employee_id: p.employee_id, name: p.name, job_title: p.job_title, department: p.department?.name ?? null };
  };

  const options = (results.data ?? []).filter((p) => !value.includes(p.employee_id));
  const full = max !== undefined && max > 1 && value.length >= max;

  const pick = (id: string) => {
    const person = results.data?.find((p) => p.employee_id === id);
    if (person) setKnown((k) => ({ ...k, [id]: person }));
    if (max === 1) onChange([id]);
    else if (!value.includes(id) && !full) onChange([...value, id]);
    setText('');
    // The chosen option leaves the list: nothing may stay "active" pointing at it.
    combobox.resetSelectedOption();
    combobox.closeDropdown();
  };
  const remove = (id: string) => onChange(value.filter((v) => v !== id));

  const pills = value.map((id, i) => {
    const person = personOf(id);
    const name = person?.name ?? (looked[unknown.indexOf(id)]?.isError ? 'Someone no longer in the directory' : 'Loading…');
    return (
      <Pill key={id} withRemoveButton onRemove={() => remove(id)} removeButtonProps={{ 'aria-label': `Remove ${name}` }}>
        {ranked ? `${i + 1}. ${name}` : name}
      </Pill>
    );
  });

  return (
    <Combobox store={combobox} onOptionSubmit={pick} withinPortal>
      <Combobox.DropdownTarget>
        <PillsInput
          label={label}
          description={description}
          required={required}
          error={error}
          onClick={() => combobox.openDropdown()}
          rightSection={results.isFetching ? <Loader size={16} /> : null}
        >
          <Pill.Group>
            {pills}
            <Combobox.EventsTarget>
              <PillsInput.Field
                value={text}
                placeholder={full ? undefined : placeholder}
                disabled={full}
                onFocus={() => combobox.openDropdown()}
                onBlur={() => combobox.closeDropdown()}
                onChange={(e) => {
                  combobox.updateSelectedOptionIndex();
                  setText(e.currentTarget.value);
                  combobox.openDropdown();
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Backspace' && text.length === 0 && value.length > 0) {
                    e.preventDefault();
                    remove(value[value.length - 1]!);
                  }
                }}
              />
            </Combobox.EventsTarget>
          </Pill.Group>
        </PillsInput>
      </Combobox.DropdownTarget>
      <Combobox.Dropdown>
        {options.length > 0 ? (
          <Combobox.Options mah={320} style={{ overflowY: 'auto' }} aria-label={`People for “${label}”`}>
            {options.map((p) => (
              <Combobox.Option value={p.employee_id} key={p.employee_id} aria-label={[p.name, describe(p)].filter(Boolean).join(', ')}>
                <PersonLine person={p} />
              </Combobox.Option>
            ))}
          </Combobox.Options>
        ) : (
          <Combobox.Empty>{results.isFetching || results.isPending ? 'Searching…' : results.isError ? 'The search failed; try again.' : nothingFound}</Combobox.Empty>
        )}
      </Combobox.Dropdown>
    </Combobox>
  );
}
