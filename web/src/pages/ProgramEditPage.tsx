import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useDepartments, useSites, useSkills } from '../api/people';
import {
  createProgram,
  fieldsOf,
  previewEligibility,
  PROGRAM_NEEDS,
  PROGRAM_TYPES,
  programQueryKey,
  updateProgram,
  useProgram,
  type EligibilityRules,
  type ProgramFields,
} from '../api/programs';
import { showFieldError } from '../components/formErrors';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';
import { useSession } from '../api/auth';
import { PersonPicker } from '../components/PersonPicker';

/** A form field's props as a person picker takes them (a list of employee ids). */
function personField(
  props: { value?: unknown; onChange: unknown; error?: React.ReactNode },
  listError?: React.ReactNode,
) {
  return {
    value: (props.value ?? []) as string[],
    onChange: props.onChange as (ids: string[]) => void,
    error: props.error ?? listError,
  };
}

/** The first error the server put on one person of a list ("shadow_mentors.1"), for its picker. */
function itemError(errors: Record<string, React.ReactNode>, list: string): React.ReactNode {
  return Object.entries(errors).find(([path]) => path.startsWith(`${list}.`))?.[1];
}
import { COORDINATORS_ONLY, ForbiddenPage } from './ForbiddenPage';

const FIELDS = [
  'name', 'description', 'type', 'need', 'objectives', 'measures', 'start_date', 'end_date',
  'enrollment_opens', 'enrollment_closes', 'relationship_months', 'meeting_cadence',
  'coordinators', 'shadow_mentors', 'group', 'training', 'mentor_capacity', 'eligibility',
  'max_ranked_choices', 'request_expiry_days',
] as const;

const EMPTY_RULES: EligibilityRules = {
  departments: [],
  sites: [],
  min_level: null,
  max_level: null,
  min_tenure_months: null,
  statuses: [],
  employee_ids: [],
};

function newProgram(): ProgramFields {
  const today = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const plus = (days: number) => iso(new Date(today.getTime() + days * 86_400_000));
  return {
    name: '',
    description: '',
    type: 'one_on_one',
    need: 'career_development',
    objectives: '',
    measures: [],
    start_date: plus(45),
    end_date: plus(45 + 182),
    enrollment_opens: iso(today),
    enrollment_closes: plus(30),
    relationship_months: 6,
    meeting_cadence: 'monthly',
    coordinators: [],
    shadow_mentors: [],
    group: null,
    training: null,
    mentor_capacity: { mentees: 2, hours_per_month: 4 },
    eligibility: { mentor: { ...EMPTY_RULES }, mentee: { ...EMPTY_RULES } },
    requires_mentor_credential: false,
    manager_approval: false,
    max_ranked_choices: 3,
    request_expiry_days: 7,
  };
}

/** Empty number inputs are '' in the form and null in the API. */
function num(value: unknown): number | null {
  return value === '' || value === null || value === undefined ? null : Number(value);
}

function cleanRules(r: EligibilityRules): EligibilityRules {
  return {
    ...r,
    min_level: num(r.min_level),
    max_level: num(r.max_level),
    min_tenure_months: num(r.min_tenure_months),
  };
}

function toBody(v: ProgramFields): ProgramFields {
  return {
    ...v,
    relationship_months: Number(v.relationship_months),
    group: v.type === 'group' ? v.group ?? { min_size: 2, max_size: 6 } : null,
    training: v.type === 'training' ? v.training ?? { course: '', skills: [] } : null,
    eligibility: { mentor: cleanRules(v.eligibility.mentor), mentee: cleanRules(v.eligibility.mentee) },
  };
}

function RulesFieldset({
  form,
  side,
}: {
  form: UseFormReturnType<ProgramFields>;
  side: 'mentor' | 'mentee';
}) {
  const departments = useDepartments();
  const sites = useSites();
  const path = `eligibility.${side}` as const;
  const rules = form.values.eligibility[side];
  const withLeave = rules.statuses.includes('leave');
  const title = side === 'mentor' ? 'Who may mentor' : 'Who may be mentored';
  return (
    <fieldset className="pw-fieldset" data-testid={`rules-${side}`}>
      <legend>{title}</legend>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label="Departments"
            placeholder={rules.departments.length ? undefined : 'Any department'}
            data={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            searchable
            {...form.getInputProps(`${path}.departments`)}
          />
          <MultiSelect
            label="Sites"
            placeholder={rules.sites.length ? undefined : 'Any site'}
            data={(sites.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
            searchable
            {...form.getInputProps(`${path}.sites`)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput label="Lowest level" min={1} max={10} placeholder="Any" {...form.getInputProps(`${path}.min_level`)} />
          <NumberInput label="Highest level" min={1} max={10} placeholder="Any" {...form.getInputProps(`${path}.max_level`)} />
          <NumberInput
            label="Months with the organization, at least"
            min={0}
            max={600}
            placeholder="Any"
            {...form.getInputProps(`${path}.min_tenure_months`)}
          />
        </SimpleGrid>
        <Checkbox
          label="People on leave may join too"
          checked={withLeave}
          onChange={(e) =>
            form.setFieldValue(`${path}.statuses`, e.currentTarget.checked ? ['active', 'leave'] : [])
          }
        />
        <PersonPicker
          label="Only these people"
          description="Leave empty to admit everyone the rules above admit."
          {...personField(form.getInputProps(`${path}.employee_ids`))}
        />
      </Stack>
    </fieldset>
  );
}

/** The live count of people each side's rules admit (POST /programs/eligibility-preview). */
function EligibilityPreview({ mentor, mentee }: { mentor: EligibilityRules; mentee: EligibilityRules }) {
  const [rules] = useDebouncedValue({ mentor: cleanRules(mentor), mentee: cleanRules(mentee) }, 400);
  const counts = useQuery({
    queryKey: ['eligibility-preview', rules],
    queryFn: ({ signal }) => previewEligibility(rules.mentor, rules.mentee, signal),
    retry: false,
  });
  return (
    <Card withBorder role="status" aria-live="polite" data-testid="eligibility-preview">
      {counts.isPending && <Text>Counting…</Text>}
      {counts.isError && <Text c="red.8">{errorMessage(counts.error)}</Text>}
      {counts.data && (
        <Text>
          Today these rules admit <strong>{counts.data.mentor.count.toLocaleString()}</strong>{' '}
          possible mentors and <strong>{counts.data.mentee.count.toLocaleString()}</strong> possible
          mentees.
        </Text>
      )}
    </Card>
  );
}

function ProgramForm({ initial, programId }: { initial: ProgramFields; programId?: number }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const skills = useSkills();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ProgramFields>({ initialValues: initial });
  useEffect(() => setFormError(null), [form.values]);

  const onSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const body = toBody(values);
      const saved = programId ? await updateProgram(programId, body) : await createProgram(body);
      await queryClient.invalidateQueries({ queryKey: ['programs'] });
      queryClient.setQueryData(programQueryKey(saved.id), saved);
      navigate(`/programs/${saved.id}`);
    } catch (error) {
      if (!showFieldError(form, error, FIELDS)) setFormError(errorMessage(error));
    }
  });

  const type = form.values.type;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h3">
              The program
            </Title>
            <TextInput label="Name" required {...form.getInputProps('name')} />
            <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label="Type" data={[...PROGRAM_TYPES]} allowDeselect={false} {...form.getInputProps('type')} />
              <Select label="The need it addresses" data={[...PROGRAM_NEEDS]} allowDeselect={false} {...form.getInputProps('need')} />
            </SimpleGrid>
            {type === 'group' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label="Smallest group"
                  min={2}
                  max={50}
                  value={form.values.group?.min_size ?? 2}
                  onChange={(v) => form.setFieldValue('group', { min_size: Number(v), max_size: form.values.group?.max_size ?? 6 })}
                  error={form.errors['group.min_size'] ?? form.errors.group}
                />
                <NumberInput
                  label="Largest group"
                  min={2}
                  max={50}
                  value={form.values.group?.max_size ?? 6}
                  onChange={(v) => form.setFieldValue('group', { min_size: form.values.group?.min_size ?? 2, max_size: Number(v) })}
                  error={form.errors['group.max_size']}
                />
              </SimpleGrid>
            )}
            {type === 'training' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Training course"
                  value={form.values.training?.course ?? ''}
                  onChange={(e) => form.setFieldValue('training', { course: e.currentTarget.value, skills: form.values.training?.skills ?? [] })}
                  error={form.errors['training.course'] ?? form.errors.training}
                />
                <MultiSelect
                  label="Skills it teaches"
                  data={(skills.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
                  searchable
                  value={form.values.training?.skills ?? []}
                  onChange={(v) => form.setFieldValue('training', { course: form.values.training?.course ?? '', skills: v })}
                  error={Object.entries(form.errors).find(([k]) => k.startsWith('training.skills'))?.[1]}
                />
              </SimpleGrid>
            )}
            <Textarea label="Objectives" autosize minRows={2} {...form.getInputProps('objectives')} />
            <TagsInput
              label="Measures"
              description="What the outcome report will measure; press Enter after each."
              {...form.getInputProps('measures')}
            />
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h3">
              Dates and rhythm
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="date" label="Applications open" {...form.getInputProps('enrollment_opens')} />
              <TextInput type="date" label="Applications close" {...form.getInputProps('enrollment_closes')} />
              <TextInput type="date" label="Program starts" {...form.getInputProps('start_date')} />
              <TextInput type="date" label="Program ends" {...form.getInputProps('end_date')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label="Length of a relationship (months)" min={1} max={36} {...form.getInputProps('relationship_months')} />
              <Select
                label="Meetings"
                allowDeselect={false}
                data={[
                  { value: 'weekly', label: 'Weekly' },
                  { value: 'biweekly', label: 'Every two weeks' },
                  { value: 'monthly', label: 'Monthly' },
                ]}
                {...form.getInputProps('meeting_cadence')}
              />
            </SimpleGrid>
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h3">
              People
            </Title>
            <PersonPicker
              label="Coordinators"
              description={programId ? undefined : 'You are added as a coordinator.'}
              {...personField(form.getInputProps('coordinators'), itemError(form.errors, 'coordinators'))}
            />
            <PersonPicker
              label="Shadow mentor pool"
              description="Experienced mentors who coach pairs of this program. When mentors must hold a credential, so must they."
              {...personField(form.getInputProps('shadow_mentors'), itemError(form.errors, 'shadow_mentors'))}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label="Mentees a mentor takes at once" min={1} max={20} {...form.getInputProps('mentor_capacity.mentees')} />
              <NumberInput label="Mentor hours a month" min={1} max={160} {...form.getInputProps('mentor_capacity.hours_per_month')} />
              <NumberInput label="Mentors a mentee may rank" min={0} max={10} {...form.getInputProps('max_ranked_choices')} />
              {type === 'self_match' && (
                <NumberInput label="Days a request stays open" min={1} max={60} {...form.getInputProps('request_expiry_days')} />
              )}
            </SimpleGrid>
            <Checkbox
              label="Mentors must hold a credential"
              {...form.getInputProps('requires_mentor_credential', { type: 'checkbox' })}
            />
            <Checkbox
              label="Applicants' managers approve the time"
              {...form.getInputProps('manager_approval', { type: 'checkbox' })}
            />
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="md">
            <Title order={2} size="h3">
              Eligibility
            </Title>
            {Object.entries(form.errors)
              .filter(([k]) => k.startsWith('eligibility'))
              .map(([k, message]) => (
                <Alert key={k} color="red" title="Eligibility">
                  {String(message)}
                </Alert>
              ))}
            <RulesFieldset form={form} side="mentor" />
            <RulesFieldset form={form} side="mentee" />
            <EligibilityPreview mentor={form.values.eligibility.mentor} mentee={form.values.eligibility.mentee} />
          </Stack>
        </Card>

        {formError && (
          <Alert color="red" title="The program was not saved" role="alert">
            {formError}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={form.submitting}>
            {programId ? 'Save changes' : 'Create draft'}
          </Button>
          <Button variant="default" onClick={() => navigate(programId ? `/programs/${programId}` : '/programs')}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** POST /programs (new) or PUT /programs/{id} (edit). */
export function ProgramEditPage() {
  const { programId } = useParams();
  const id = programId ? Number(programId) : undefined;
  const session = useSession();
  usePageTitle(id ? 'Edit program' : 'New program');
  if (id) return <EditExisting id={id} />;
  const roles = session.data?.account?.roles ?? [];
  if (session.data && !roles.includes('coordinator') && !roles.includes('admin')) {
    return <ForbiddenPage reason="Creating programs is for coordinators. If you need to run a program, ask an administrator to give you the coordinator role." />;
  }
  return (
    <Stack gap="lg">
      <PageHeader title="New program" description="A new program starts as a draft that only its coordinators see, until you open it." />
      <ProgramForm initial={newProgram()} />
    </Stack>
  );
}

function EditExisting({ id }: { id: number }) {
  const program = useProgram(id);
  if (program.isPending) return <Loading label="Loading the program…" />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  if (!program.data.me.coordinator) return <ForbiddenPage reason={COORDINATORS_ONLY} />;
  return (
    <Stack gap="lg">
      <PageHeader title="Edit program" description="Changes apply at once; an archived program cannot change." />
      <ProgramForm initial={fieldsOf(program.data)} programId={id} />
    </Stack>
  );
}
