// Free times to pick from, for a pair (MeetingsPanel) and for a group's mentor (GroupMeetings):
// the meeting length, the next slots on the viewer's clock (one click proposes one), and a way
// to propose a time of one's own. One component for both, fed by either free-slots query.
import type { ReactNode } from 'react';
import { Anchor, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { formatSpan, type FreeSlot } from '../../api/meetings';
import { ErrorAlert, Loading } from '../../components/PageState';

export const SLOT_LENGTHS = [
  { value: '30', label: '30 minutes' },
  { value: '60', label: '1 hour' },
  { value: '90', label: '1½ hours' },
];

export function SlotPicker({
  id,
  title,
  intro,
  none,
  slots,
  duration,
  setDuration,
  timeZone,
  onPick,
  onOther,
  otherLabel = 'Propose another time',
  detail,
  headingOrder = 2,
}: {
  /** The heading's id (names the section). */
  id: string;
  title: string;
  intro: ReactNode;
  /** What to say when no time suits (before the link to one's availability). */
  none: string;
  slots: UseQueryResult<{ items: FreeSlot[] }>;
  duration: string;
  setDuration: (duration: string) => void;
  timeZone: string | undefined;
  onPick: (slot: FreeSlot) => void;
  onOther: () => void;
  otherLabel?: string;
  /** A second line under a slot (another person's clock), or nothing. */
  detail?: (slot: FreeSlot) => ReactNode;
  headingOrder?: 2 | 4;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={headingOrder} size={headingOrder === 2 ? 'h4' : 'h6'} id={id}>
            {title}
          </Title>
          <Select
            aria-label="Meeting length"
            data={SLOT_LENGTHS}
            value={duration}
            onChange={(v) => v && setDuration(v)}
            allowDeselect={false}
            w={140}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
        {slots.isPending && <Loading label="Finding times…" />}
        {slots.isError && <ErrorAlert error={slots.error} title="Could not find free times" />}
        {slots.data && slots.data.items.length === 0 && (
          <Text size="sm" data-testid="no-slots">
            {none} Check{' '}
            <Anchor component={Link} to="/me/profile" size="sm">
              when you can meet
            </Anchor>{' '}
            on your profile, or propose a time of your own.
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          {slots.data?.items.map((s) => (
            <Button
              key={s.starts_at}
              variant="light"
              h="auto"
              py={6}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
              onClick={() => onPick(s)}
              data-testid="slot"
            >
              <Stack gap={0} align="flex-start">
                <span data-testid="slot-mine">{formatSpan(s.starts_at, s.ends_at, timeZone)}</span>
                {detail?.(s)}
              </Stack>
            </Button>
          ))}
        </Group>
        <div>
          <Button variant="default" onClick={onOther}>
            {otherLabel}
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
