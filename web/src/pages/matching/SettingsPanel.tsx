import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import {
  CRITERIA,
  matchingKeys,
  saveMatchSettings,
  settingRange,
  type FormQuestionRef,
  type MatchSettings,
  type SettingsView,
} from '../../api/matching';
import { showFieldError } from '../../components/formErrors';

function questionOptions(questions: FormQuestionRef[], type: string) {
  return [
    { value: '', label: 'None' },
    ...questions.filter((q) => q.type === type).map((q) => ({ value: q.id, label: q.label })),
  ];
}

/**
 * The program's match settings: hard rules, weights, objective and mapped form questions.
 * Save stores them; "What-if run" runs once with what is on screen without saving.
 */
export function SettingsPanel({
  programId,
  view,
  groupProgram,
  onWhatIf,
  runDisabled,
}: {
  programId: number;
  view: SettingsView;
  groupProgram: boolean;
  onWhatIf: (settings: MatchSettings) => Promise<void>;
  runDisabled: boolean;
}) {
  const queryClient = useQueryClient();
  const form = useForm<MatchSettings>({ mode: 'controlled', initialValues: view.settings });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  // A fresh settings view from the server (saved here or elsewhere) becomes the form's start.
  // Only a new one: a hidden tab panel re-runs its effects when shown again, and that must not
  // throw away unsaved changes.
  const shownSettings = useRef(view.settings);
  useEffect(() => {
    if (shownSettings.current === view.settings) return;
    shownSettings.current = view.settings;
    form.setInitialValues(view.settings);
    form.setValues(view.settings);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.settings]);

  // The server names the field at fault ("weights.skills"; under "settings." for a what-if run).
  const fieldNames = view.fields.map((f) => f.name);
  const range = (name: keyof MatchSettings) => settingRange(view.fields, name);
  const fail = (e: unknown, prefix = '') => {
    const onField = showFieldError(form, e, fieldNames, prefix);
    setMessage({ ok: false, text: onField ? `Not saved: ${errorMessage(e)}` : errorMessage(e) });
  };

  const save = useMutation({
    mutationFn: (values: MatchSettings) => saveMatchSettings(programId, values),
    onMutate: () => setMessage(null),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: matchingKeys.settings(programId) });
      setMessage({ ok: true, text: 'Settings saved. The next run uses them.' });
    },
    onError: (e) => fail(e),
  });

  const whatIf = useMutation({
    mutationFn: () => onWhatIf(form.getValues()),
    onMutate: () => setMessage(null),
    onSuccess: () =>
      setMessage({ ok: true, text: 'What-if run started with the settings on screen (not saved).' }),
    onError: (e) => fail(e, 'settings.'),
  });
  const busy = save.isPending || whatIf.isPending;

  const v = form.getValues();
  const reverse = v.reverse_mentoring;
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} aria-label="Match settings" noValidate>
      <Stack gap="md">
        <Card withBorder>
          <Stack gap="sm">
            <Title order={3} size="h4">
              Hard rules
            </Title>
            <Text size="sm" c="dimmed">
              No pair is ever proposed that breaks one of these.
            </Text>
            <Checkbox
              label="Never in the mentee’s management chain (always on)"
              checked
              readOnly
              disabled
            />
            <Group align="center" gap="sm">
              <Switch
                label={reverse ? 'Minimum level gap, reversed (mentee above mentor)' : 'Minimum level gap (mentor above mentee)'}
                checked={v.min_level_gap !== null}
                onChange={(e) => form.setFieldValue('min_level_gap', e.currentTarget.checked ? 1 : null)}
              />
              <NumberInput
                aria-label="Minimum level gap in levels"
                size="xs"
                w={80}
                {...range('min_level_gap')}
                disabled={v.min_level_gap === null}
                {...form.getInputProps('min_level_gap')}
                value={v.min_level_gap ?? ''}
                onChange={(x) => form.setFieldValue('min_level_gap', x === '' ? null : Number(x))}
              />
              <Text size="sm" c="dimmed">
                levels
              </Text>
            </Group>
            <Switch
              label="Reverse mentoring (the junior person mentors the senior one)"
              {...form.getInputProps('reverse_mentoring', { type: 'checkbox' })}
            />
            <Switch label="Mentor from another department" {...form.getInputProps('other_department', { type: 'checkbox' })} />
            <Switch label="At least one shared language" {...form.getInputProps('shared_language', { type: 'checkbox' })} />
            <Group align="center" gap="sm">
              <Switch
                label="Shared working hours across time zones"
                checked={v.min_timezone_overlap_hours !== null}
                onChange={(e) =>
                  form.setFieldValue('min_timezone_overlap_hours', e.currentTarget.checked ? 2 : null)
                }
              />
              <NumberInput
                aria-label="Shared working hours, 0 to 8"
                size="xs"
                w={80}
                {...range('min_timezone_overlap_hours')}
                disabled={v.min_timezone_overlap_hours === null}
                {...form.getInputProps('min_timezone_overlap_hours')}
                value={v.min_timezone_overlap_hours ?? ''}
                onChange={(x) => form.setFieldValue('min_timezone_overlap_hours', x === '' ? null : Number(x))}
              />
              <Text size="sm" c="dimmed">
                hours a day (9:00–17:00 local)
              </Text>
            </Group>
            <Switch
              label="Credentialed mentors only"
              {...form.getInputProps('credentialed_only', { type: 'checkbox' })}
            />
            <Switch
              label="Do not re-form pairs that were together before"
              {...form.getInputProps('not_previously_paired', { type: 'checkbox' })}
            />
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="sm">
            <Title order={3} size="h4">
              What makes a good pair
            </Title>
            <Text size="sm" c="dimmed">
              Each criterion scores a pair from 0 to 100; its weight says how much that counts. The sliders go to 200;
              type up to 1,000 in a box for more.
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="sm">
              {CRITERIA.map((c) => (
                <Group key={c.key} align="flex-end" gap="sm" wrap="nowrap">
                  <Stack gap={4} style={{ flex: 1 }}>
                    <Text size="sm" fw={500} id={`weight-${c.key}-label`}>
                      {c.label}
                    </Text>
                    <Slider
                      min={0}
                      max={200}
                      step={5}
                      thumbLabel={`${c.label} weight, slider`}
                      label={null}
                      value={v.weights[c.key]}
                      onChange={(x) => form.setFieldValue(`weights.${c.key}`, x)}
                      mb={6}
                    />
                  </Stack>
                  <NumberInput
                    aria-label={`${c.label} weight`}
                    w={90}
                    {...range('weights')}
                    {...form.getInputProps(`weights.${c.key}`)}
                    onChange={(x) => form.setFieldValue(`weights.${c.key}`, x === '' ? 0 : Number(x))}
                  />
                </Group>
              ))}
            </SimpleGrid>
            <Group align="flex-end" gap="lg" wrap="wrap">
              <NumberInput
                label="Ideal level gap"
                description="Mentor minus mentee"
                w={170}
                {...range('target_level_gap')}
                {...form.getInputProps('target_level_gap')}
              />
              <Stack gap={4}>
                <Text size="sm" fw={700} id="dept-affinity-label">
                  Department
                </Text>
                <SegmentedControl
                  aria-labelledby="dept-affinity-label"
                  data={[
                    { value: 'different', label: 'Prefer another' },
                    { value: 'same', label: 'Prefer the same' },
                  ]}
                  {...form.getInputProps('department_affinity')}
                />
              </Stack>
              <Stack gap={4}>
                <Text size="sm" fw={700} id="site-affinity-label">
                  Site
                </Text>
                <SegmentedControl
                  aria-labelledby="site-affinity-label"
                  data={[
                    { value: 'same', label: 'Prefer the same' },
                    { value: 'different', label: 'Prefer another' },
                  ]}
                  {...form.getInputProps('site_affinity')}
                />
              </Stack>
            </Group>
            <Radio.Group label="Aim of the run" {...form.getInputProps('objective')}>
              <Stack gap={6} mt={6}>
                <Radio value="total" label="Highest total score" />
                <Radio value="coverage" label="Match as many mentees as possible, then the highest score" />
                <Radio
                  value="fairness"
                  label={groupProgram ? 'Fairest (raise the lowest scores) — not for group programs' : 'Fairest: raise the lowest scores first'}
                />
              </Stack>
            </Radio.Group>
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="sm">
            <Title order={3} size="h4">
              Answers that feed matching
            </Title>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <Select
                label="Skills the mentee wants"
                description="A skills question on the mentee form"
                data={questionOptions(view.mentee_questions, 'skills')}
                allowDeselect={false}
                {...form.getInputProps('mentee_skills_question')}
              />
              <Select
                label="Skills the mentor offers"
                description="A skills question on the mentor form"
                data={questionOptions(view.mentor_questions, 'skills')}
                allowDeselect={false}
                {...form.getInputProps('mentor_skills_question')}
              />
              <Select
                label="Mentee’s ranked mentors"
                description="A ranked-mentors question on the mentee form"
                data={questionOptions(view.mentee_questions, 'ranked_mentors')}
                allowDeselect={false}
                {...form.getInputProps('ranked_mentors_question')}
              />
            </SimpleGrid>
          </Stack>
        </Card>

        {message && (
          <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'} data-testid="settings-message">
            {message.text}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={busy}>
            Save settings
          </Button>
          <Button
            variant="default"
            onClick={() => {
              form.setValues(view.defaults);
              form.clearErrors();
              setMessage({ ok: true, text: 'Defaults for this program are on screen; save to keep them.' });
            }}
          >
            Reset to defaults
          </Button>
          <Button variant="default" onClick={() => whatIf.mutate()} disabled={runDisabled} loading={busy}>
            What-if run
          </Button>
          <Text size="sm" c="dimmed">
            {form.isDirty() ? 'Unsaved changes.' : view.saved ? 'Saved settings.' : 'The program’s defaults (not saved yet).'}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
