import { useEffect, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  MultiSelect,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useSession } from '../api/auth';
import {
  myProfileQueryKey,
  saveMyProfile,
  skillName,
  useMyProfile,
  useSkills,
  type MeetingPreference,
  type Profile,
  type Skill,
} from '../api/people';
import { showFieldError } from '../components/formErrors';
import { languageOptions } from '../components/words';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { AvailabilityEditor } from '../features/meetings/AvailabilityEditor';
import { CalendarFeedCard } from '../features/meetings/CalendarFeedCard';
import { usePageTitle } from '../layout/usePageTitle';

const LEVELS = ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: `Level ${v}` }));
const PROFILE_FIELDS = [
  'bio',
  'languages',
  'availability_hours_per_month',
  'meeting_preference',
  'expertise',
  'wants',
] as const;

interface SkillRow {
  skill: string;
  level: string;
}

interface ProfileValues {
  bio: string;
  languages: string[];
  availability_hours_per_month: number | string;
  meeting_preference: MeetingPreference | '';
  expertise: SkillRow[];
  wants: SkillRow[];
}

function toValues(p: Profile): ProfileValues {
  const rows = (list: Profile['expertise']) =>
    list.map((s) => ({ skill: s.skill, level: String(s.level) }));
  return {
    bio: p.bio ?? '',
    languages: p.languages ?? [],
    availability_hours_per_month: p.availability_hours_per_month ?? '',
    meeting_preference: p.meeting_preference ?? '',
    expertise: rows(p.expertise ?? []),
    wants: rows(p.wants ?? []),
  };
}

function toProfile(v: ProfileValues): Profile {
  const rows = (list: SkillRow[]) =>
    list.filter((r) => r.skill).map((r) => ({ skill: r.skill, level: Number(r.level) }));
  return {
    bio: v.bio,
    languages: v.languages.map((l) => l.trim().toLowerCase()).filter(Boolean),
    availability_hours_per_month:
      v.availability_hours_per_month === '' ? null : Number(v.availability_hours_per_month),
    meeting_preference: v.meeting_preference === '' ? null : v.meeting_preference,
    expertise: rows(v.expertise),
    wants: rows(v.wants),
  };
}

function SkillRows({
  form,
  name,
  legend,
  hint,
  skills,
}: {
  form: UseFormReturnType<ProfileValues>;
  name: 'expertise' | 'wants';
  legend: string;
  hint: string;
  skills: Skill[];
}) {
  const rows = form.values[name];
  const options = skills.map((s) => ({ value: s.code, label: s.name }));
  const listError = form.errors[name];
  return (
    <fieldset className="pw-fieldset" data-testid={`skills-${name}`}>
      <legend>{legend}</legend>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      <Stack gap="sm">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        )}
        {rows.map((row, index) => (
          <Group key={index} gap="sm" align="flex-end" wrap="nowrap">
            <Select
              label={`Skill ${index + 1}`}
              data={
                !row.skill || skills.some((s) => s.code === row.skill)
                  ? options
                  : [{ value: row.skill, label: row.skill }, ...options]
              }
              searchable
              placeholder="Choose a skill"
              nothingFoundMessage="No such skill in the taxonomy"
              style={{ flex: 1 }}
              {...form.getInputProps(`${name}.${index}.skill`)}
            />
            <Select
              label={`Level of skill ${index + 1}`}
              data={LEVELS}
              allowDeselect={false}
              w={130}
              {...form.getInputProps(`${name}.${index}.level`)}
            />
            <ActionIcon
              variant="default"
              size={36}
              aria-label={`Remove skill ${index + 1}${row.skill ? ` (${skillName(skills, row.skill)})` : ''}`}
              onClick={() => form.removeListItem(name, index)}
            >
              <span aria-hidden="true">✕</span>
            </ActionIcon>
          </Group>
        ))}
        {typeof listError === 'string' && (
          <Text size="sm" c="red.8" role="alert">
            {listError}
          </Text>
        )}
        <div>
          <Button
            variant="light"
            size="sm"
            onClick={() => form.insertListItem(name, { skill: '', level: '3' })}
          >
            Add a skill
          </Button>
        </div>
      </Stack>
    </fieldset>
  );
}

function ProfileForm({ profile, skills }: { profile: Profile; skills: Skill[] }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<ProfileValues>({
    initialValues: toValues(profile),
    validate: {
      bio: (v) => (v.length > 2000 ? 'Keep the bio under 2000 characters' : null),
      languages: (v) =>
        v.every((l) => /^[a-zA-Z]{2}$/.test(l.trim()))
          ? null
          : 'Choose languages from the list',
      availability_hours_per_month: (v) =>
        v === '' || (Number(v) >= 0 && Number(v) <= 200) ? null : 'Between 0 and 200 hours',
      expertise: { skill: (v) => (v ? null : 'Choose a skill or remove the row') },
      wants: { skill: (v) => (v ? null : 'Choose a skill or remove the row') },
    },
  });

  useEffect(() => {
    if (form.isDirty()) setSaved(false);
  }, [form.values]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    try {
      const stored = await saveMyProfile(toProfile(values));
      queryClient.setQueryData(myProfileQueryKey, stored);
      void queryClient.invalidateQueries({ queryKey: ['person'] });
      form.setValues(toValues(stored));
      form.resetDirty(toValues(stored));
      setSaved(true);
    } catch (error) {
      if (!showFieldError(form, error, PROFILE_FIELDS)) setFormError(error);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="profile-form-heading">
      <Card withBorder radius="md" padding="lg">
        <Title order={2} fz="h4" id="profile-form-heading" mb="md">
          Mentoring profile
        </Title>
        <Stack gap="lg">
          <Textarea
            label="About you"
            description="What you work on and what you would like to talk about"
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps('bio')}
          />
          <MultiSelect
            label="Languages you can mentor in"
            description="Choose each language you can mentor in"
            searchable
            data={languageOptions(form.values.languages)}
            {...form.getInputProps('languages')}
          />
          <Group grow align="flex-start" wrap="wrap">
            <NumberInput
              label="Availability (hours a month)"
              min={0}
              max={200}
              allowDecimal={false}
              miw={200}
              {...form.getInputProps('availability_hours_per_month')}
            />
            <Radio.Group
              label="How you like to meet"
              miw={240}
              {...form.getInputProps('meeting_preference')}
            >
              <Group gap="md" mt="xs">
                <Radio value="virtual" label="Virtual" />
                <Radio value="in_person" label="In person" />
                <Radio value="either" label="Either" />
              </Group>
            </Radio.Group>
          </Group>
          <SkillRows
            form={form}
            name="expertise"
            legend="Expertise you offer"
            hint="Skills you can help others with, and how deep your experience is (1 = some, 5 = expert)."
            skills={skills}
          />
          <SkillRows
            form={form}
            name="wants"
            legend="Skills you want to grow"
            hint="Skills you would like a mentor for, and the level you aim for."
            skills={skills}
          />
          {formError !== null && <ErrorAlert error={formError} title="Your profile was not saved" />}
          <Group gap="md">
            <Button type="submit" loading={form.submitting}>
              Save profile
            </Button>
            <Text role="status" size="sm" c="green.9" fw={500} data-testid="profile-saved">
              {saved ? 'Your profile is saved.' : ''}
            </Text>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}

/** The signed-in person's own profile (GET/PUT /me/profile); directory fields are read-only. */
export function ProfilePage() {
  usePageTitle('My profile');
  const { data: session } = useSession();
  const profile = useMyProfile();
  const skills = useSkills();
  const employeeId = session?.account.employee_id;

  return (
    <Stack gap="lg">
      <PageHeader
        title="My profile"
        description="What mentors and mentees see about you. Your name, job and department come from the HR directory."
      >
        {employeeId && (
          <Anchor component={Link} to={`/people/${encodeURIComponent(employeeId)}`}>
            See your page in the directory
          </Anchor>
        )}
      </PageHeader>
      {profile.isPending || skills.isPending ? (
        <Loading label="Loading your profile…" />
      ) : profile.isError ? (
        <ErrorAlert error={profile.error} title="Could not load your profile" />
      ) : (
        <>
          {skills.isError && (
            <ErrorAlert error={skills.error} title="Could not load the skills list" />
          )}
          <ProfileForm profile={profile.data} skills={skills.data ?? []} />
          <AvailabilityEditor />
          <CalendarFeedCard />
        </>
      )}
    </Stack>
  );
}
