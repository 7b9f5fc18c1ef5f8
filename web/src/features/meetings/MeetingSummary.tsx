// What a meeting card of a pair (MeetingsPanel) and of a group (GroupMeetings) both show first:
// when (on the viewer's clock) with its state, how and where (the link), and the agenda.
import type { ReactNode } from 'react';
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { MODE_WORDS, STATUS_WORDS, formatSpan, type MeetingMode, type MeetingStatus } from '../../api/meetings';

export function MeetingSummary({
  meeting,
  timeZone,
  badgeColor,
}: {
  meeting: {
    starts_at: string;
    ends_at: string;
    status: MeetingStatus;
    mode: MeetingMode;
    location: string;
    video_url: string;
    agenda: string;
  };
  timeZone: string | undefined;
  badgeColor: string;
}): ReactNode {
  return (
    <>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{formatSpan(meeting.starts_at, meeting.ends_at, timeZone)}</Text>
        <Badge color={badgeColor} variant="light">
          {STATUS_WORDS[meeting.status]}
        </Badge>
      </Group>
      <Text size="sm">
        {MODE_WORDS[meeting.mode]}
        {meeting.location && ` · ${meeting.location}`}
        {meeting.video_url && (
          <>
            {' · '}
            <Anchor href={meeting.video_url} target="_blank" rel="noreferrer" size="sm">
              video link
            </Anchor>
          </>
        )}
      </Text>
      {meeting.agenda && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {meeting.agenda}
        </Text>
      )}
    </>
  );
}
