// The weekly availability part of "My profile": windows per weekday on the person's own clock,
// from which mutual free slots for mentoring meetings are found.
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import {
  WEEKDAYS,
  WEEKDAY_WORDS,
  meetingKeys,
  saveMyAvailability,
  useMyAvailability,
  type AvailabilityWindow,
  type Weekday,
} from '../../api/meetings';
import { ErrorAlert, Loading } from '../../components/PageState';

/** "00:00", "00:15", … "24:00". */
const TIMES = Array.from({ length: 97 }, (_, i) => {
  const h = Math.floor(i / 4);
  const m = (i % 4) * 15;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
});
const DAY_OPTIONS = WEEKDAYS.map((d) => ({ value: d, label: WEEKDAY_WORDS[d] }));
const START_OPTIONS = TIMES.slice(0, -1).map((t) => ({ value: t, label: t }));
const END_OPTIONS = TIMES.slice(1).map((t) => ({ value: t, label: t }));

/** Which window (and which part of it) an API error names: "windows[2].start" -> [2, "start"]. */
function faultOf(error: unknown): [number, string] | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  const m = /^windows\[(\d+)\]\.(\w+)$/.exec(error.field);
  return m ? [Number(m[1]), m[2] ?? ''] : undefined;
}

/** Words for what is wrong with a window, whatever the server's message. */
function faultWords(part: string): string {
  if (part === 'start') return 'This window overlaps another on the same day, or its start is not a quarter hour.';
  if (part === 'end') return 'The end must come after the start.';
  return 'Choose a day.';
}

export function AvailabilityEditor() {
  const availability = useMyAvailability();
  const queryClient = useQueryClient();
  const [windows, setWindows] = useState<AvailabilityWindow[]>([]);
  useEffect(() => {
    if (availability.data) setWindows(availability.data.windows);
  }, [availability.data]);
  const save = useMutation({
    mutationFn: (list: AvailabilityWindow[]) => saveMyAvailability(list),
    onSuccess: (saved) => {
      queryClient.setQueryData(meetingKeys.availability, saved);
      void queryClient.invalidateQueries({ queryKey: ['relationships'] });
    },
  });
  const fault = faultOf(save.error);

  if (availability.isPending) return <Loading label="Loading your availability…" />;
  if (availability.isError) return <ErrorAlert error={availability.error} title="Could not load your availability" />;

  const update = (i: number, patch: Partial<AvailabilityWindow>) =>
    setWindows((list) => list.map((w, j) => (j === i ? { ...w, ...patch } : w)));

  return (
    <Card withBorder component="section" aria-labelledby="availability-title" data-testid="availability">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="availability-title">
            When you can meet
          </Title>
          <Text size="sm" c="dimmed">
            Your usual free times for mentoring meetings each week, on your own clock ({availability.data.time_zone}).
            Pairwise suggests meeting times that suit you and your mentoring partner.
          </Text>
        </div>
        {windows.length === 0 && (
          <Text size="sm" data-testid="availability-empty">
            You have not said when you can meet yet.
          </Text>
        )}
        {windows.map((w, i) => (
          <Stack key={i} gap={4}>
            <Group gap="xs" wrap="wrap" align="flex-end">
              <Select
                label="Day"
                data={DAY_OPTIONS}
                value={w.weekday}
                onChange={(v) => v && update(i, { weekday: v as Weekday })}
                allowDeselect={false}
                w={140}
              />
              <Select
                label="From"
                data={START_OPTIONS}
                value={w.start}
                onChange={(v) => v && update(i, { start: v })}
                allowDeselect={false}
                searchable
                w={100}
              />
              <Select
                label="To"
                data={END_OPTIONS}
                value={w.end}
                onChange={(v) => v && update(i, { end: v })}
                allowDeselect={false}
                searchable
                w={100}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove ${WEEKDAY_WORDS[w.weekday]} ${w.start} to ${w.end}`}
                onClick={() => setWindows((list) => list.filter((_, j) => j !== i))}
              >
                ✕
              </ActionIcon>
            </Group>
            {fault && fault[0] === i && (
              <Text size="sm" c="red.8" role="alert">
                {faultWords(fault[1])}
              </Text>
            )}
          </Stack>
        ))}
        {save.isError && !fault && <ErrorAlert error={save.error} title="Could not save your availability" />}
        {save.isSuccess && !save.isPending && (
          <Alert color="green" variant="light" aria-live="polite">
            Saved.
          </Alert>
        )}
        <Group gap="sm">
          <Button
            variant="default"
            onClick={() => {
              save.reset();
              setWindows((list) => [...list, { weekday: 'monday', start: '09:00', end: '12:00' }]);
            }}
          >
            Add a time
          </Button>
          <Button onClick={() => save.mutate(windows)} loading={save.isPending} data-testid="save-availability">
            Save availability
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
