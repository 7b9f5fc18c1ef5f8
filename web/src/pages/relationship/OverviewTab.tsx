import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import {
  acceptAgreement,
  completeRelationship,
  endRelationship,
  END_REASON_LABELS,
  MODE_LABELS,
  rematchMentee,
  relationshipKeys,
  type EndReason,
  type MeetingMode,
  type RelationshipDetail,
} from '../../api/relationships';
import { formatDate } from '../../components/format';
import { ResourceLinks } from '../../components/ResourceLinks';
import { waitingWords } from './agreementWords';

function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function cadenceWords(days: number): string {
  if (days === 1) return 'every day';
  if (days === 7) return 'every week';
  if (days === 14) return 'every two weeks';
  return `every ${days} days`;
}

const WRAPPING_BADGE = { label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.4 } } as const;

/** The agreement: its terms, who accepted, and (for the pair, while pending) adjusting and accepting. */
function AgreementCard({ r }: { r: RelationshipDetail }) {
  const queryClient = useQueryClient();
  const a = r.agreement;
  const member = r.relations.mentor || r.relations.mentee;
  const pending = r.status === 'pending_agreement';
  const [cadence, setCadence] = useState<number | string>(a?.cadence_days ?? 30);
  const [mode, setMode] = useState<MeetingMode>(a?.mode ?? 'mixed');
  useEffect(() => {
    if (a) {
      setCadence(a.cadence_days);
      setMode(a.mode);
    }
  }, [a?.version, a?.cadence_days, a?.mode]); // eslint-disable-line react-hooks/exhaustive-deps
  const accept = useMutation({
    mutationFn: () =>
      acceptAgreement(r.id, {
        version: a?.version ?? 0,
        cadence_days: typeof cadence === 'number' ? cadence : Number(cadence),
        mode,
      }),
    onSuccess: (detail) => {
      queryClient.setQueryData(relationshipKeys.one(r.id), detail);
      void queryClient.invalidateQueries({ queryKey: relationshipKeys.mine });
    },
  });
  if (!a) return null;
  const mine = r.relations.mentor ? a.mentor_accepted : a.mentee_accepted;
  const theirs = r.relations.mentor ? a.mentee_accepted : a.mentor_accepted;
  const other = r.relations.mentor ? r.mentee.name : r.mentor.name;
  const adjusted = a.cadence_days !== Number(cadence) || a.mode !== mode;
  const cadenceError =
    accept.error instanceof ApiError && accept.error.field === 'cadence_days' ? accept.error.message : undefined;
  return (
    <Card withBorder data-testid="agreement">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            Mentoring agreement
          </Title>
          {pending ? (
            // A sentence, not a label: it wraps on a phone instead of being cut off, and names the
            // reader "you".
            <Badge color="yellow" variant="light" h="auto" maw="100%" styles={WRAPPING_BADGE}>
              {waitingWords(a, r)}
            </Badge>
          ) : (
            <Badge color="green" variant="light">
              Accepted by both
            </Badge>
          )}
        </Group>
        <Term label="Confidentiality">{a.confidentiality}</Term>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Term label="Meetings">{cadenceWords(a.cadence_days)}</Term>
          <Term label="How you meet">{MODE_LABELS[a.mode]}</Term>
          <Term label="Expected length">
            {a.length_months} months{a.end_date ? `, until ${formatDate(a.end_date)}` : ''}
          </Term>
        </SimpleGrid>
        <Term label="How either of you may end it">{a.how_to_end}</Term>
        <ResourceLinks
          links={[
            { topic: 'first-meeting', label: 'Your first meeting' },
            { topic: 'confidentiality', label: 'Confidentiality' },
          ]}
        />
        {member && pending && (
          <Stack gap="sm" data-testid="agreement-accept">
            <Text size="sm">
              {mine
                ? `You accepted these terms. ${other} has not yet.`
                : theirs
                  ? `${other} accepted these terms. Accept them too, or change the cadence or the way you meet (then ${other} is asked again).`
                  : 'Read the terms and accept them. You may change how often and how you meet first.'}
            </Text>
            <Group align="flex-end" wrap="wrap">
              <NumberInput
                label="Meet every (days)"
                min={1}
                max={92}
                clampBehavior="none"
                value={cadence}
                onChange={setCadence}
                error={cadenceError}
                w={{ base: '100%', sm: 180 }}
              />
              <Select
                label="How you meet"
                data={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))}
                value={mode}
                onChange={(v) => v && setMode(v as MeetingMode)}
                allowDeselect={false}
                w={{ base: '100%', sm: 240 }}
              />
              {(!mine || adjusted) && (
                <Button onClick={() => accept.mutate()} loading={accept.isPending}>
                  {adjusted ? 'Accept with my changes' : 'Accept the agreement'}
                </Button>
              )}
            </Group>
            {accept.isError && !cadenceError && (
              <Alert color="red" role="alert">
                {accept.error instanceof ApiError && accept.error.code === 'stale_agreement'
                  ? `${other} changed the agreement meanwhile. Read it again; it is shown above now.`
                  : errorMessage(accept.error)}
              </Alert>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

const REASONS: EndReason[] = ['no_time', 'mismatch', 'goals_met', 'left_organization', 'other'];

/** The no-fault ending: a reason and an optional comment only the coordinator reads. */
function EndButton({ r }: { r: RelationshipDetail }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<EndReason | null>(null);
  const [comment, setComment] = useState('');
  const end = useMutation({
    mutationFn: () => endRelationship(r.id, reason as EndReason, comment),
    onSuccess: (detail) => {
      queryClient.setQueryData(relationshipKeys.one(r.id), detail);
      void queryClient.invalidateQueries({ queryKey: relationshipKeys.mine });
      setOpen(false);
    },
  });
  return (
    <>
      <Button variant="default" color="red" onClick={() => setOpen(true)}>
        End the relationship
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title="End the relationship"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Either of you may end the relationship at any time, without blame. Its history stays. The program’s
            coordinator is told and can find a new match.
          </Text>
          <ResourceLinks
            intro="Not sure yet?"
            links={[{ topic: 'not-working', label: 'When it isn’t working: what to try first' }]}
          />
          <Select
            label="Why does it end?"
            placeholder="Choose a reason"
            data={REASONS.map((value) => ({ value, label: END_REASON_LABELS[value] ?? value }))}
            value={reason}
            onChange={(v) => setReason(v as EndReason | null)}
            required
          />
          <Textarea
            label="A word for the coordinator (optional)"
            description="Only the program’s coordinators read this; the other side never sees it."
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={3}
          />
          {end.isError && (
            <Alert color="red" role="alert">
              {errorMessage(end.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button color="red" disabled={!reason} loading={end.isPending} onClick={() => end.mutate()}>
              End the relationship
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Overview and agreement: where the relationship stands and what to do next. */
export function OverviewTab({ r }: { r: RelationshipDetail }) {
  const queryClient = useQueryClient();
  const member = r.relations.mentor || r.relations.mentee;
  const complete = useMutation({
    mutationFn: () => completeRelationship(r.id),
    onSuccess: (detail) => {
      queryClient.setQueryData(relationshipKeys.one(r.id), detail);
      void queryClient.invalidateQueries({ queryKey: relationshipKeys.mine });
    },
  });
  const rematch = useMutation({ mutationFn: () => rematchMentee(r.id) });
  const myDone = r.relations.mentor ? r.mentor_completed : r.mentee_completed;
  const theirDone = r.relations.mentor ? r.mentee_completed : r.mentor_completed;
  const inForce = r.status === 'pending_agreement' || r.status === 'active';
  return (
    <Stack gap="md">
      {r.face_to_face_suggested && inForce && (
        <Alert color="blue" title="Meet face to face at least once" data-testid="face-to-face">
          Pairs who meet mostly by video do better after at least one meeting in person. Plan one when you can.
        </Alert>
      )}
      {r.relations.manager && !member && !r.relations.coordinator && (
        <Card withBorder>
          <Text size="sm">
            Your report takes part in {r.program.name}. The program asks about {r.hours_per_month} hours a month of
            their time. What they discuss stays between the pair.
          </Text>
        </Card>
      )}
      {r.explanation && member && (
        <Card withBorder>
          <Term label="Why you were paired">{r.explanation}</Term>
        </Card>
      )}
      <AgreementCard r={r} />
      {r.status === 'ended_early' && (
        <Card withBorder data-testid="ending">
          <Stack gap="xs">
            <Title order={2} size="h4">
              Ended early on {formatDate(r.ended_at)}
            </Title>
            {r.end_reason && (
              <Text size="sm">
                Reason: {END_REASON_LABELS[r.end_reason] ?? r.end_reason}
                {/* The server names who ended it to overseers and to the side that ended it, never to the other side. */}
                {r.ended_by_name ? (member ? ' (you ended it)' : ` (ended by ${r.ended_by_name})`) : ''}
              </Text>
            )}
            {r.end_comment && (
              <Text size="sm" data-testid="end-comment">
                Their word for you: “{r.end_comment}”
              </Text>
            )}
            {r.relations.coordinator && (
              <Group>
                <Button onClick={() => rematch.mutate()} loading={rematch.isPending} disabled={rematch.isSuccess}>
                  Rematch {r.mentee.name}
                </Button>
                {rematch.isSuccess && (
                  <Text size="sm" role="status">
                    Rematch started.{' '}
                    <Anchor component={Link} to={`/programs/${r.program.id}/matching`}>
                      Open the program’s matching
                    </Anchor>{' '}
                    to publish its proposal.
                  </Text>
                )}
                {rematch.isError && (
                  <Text size="sm" c="red" role="alert">
                    {errorMessage(rematch.error)}
                  </Text>
                )}
              </Group>
            )}
          </Stack>
        </Card>
      )}
      {r.status === 'completed' && (
        <Alert color="green" title="Completed">
          You both marked this relationship complete on {formatDate(r.ended_at)}.
        </Alert>
      )}
      {member && inForce && (
        <Group>
          {r.status === 'active' &&
            (myDone ? (
              <Text size="sm">You marked it complete; it completes once the other side does too.</Text>
            ) : (
              <Button variant="default" onClick={() => complete.mutate()} loading={complete.isPending}>
                {theirDone ? 'Mark complete (they already did)' : 'Mark complete'}
              </Button>
            ))}
          <EndButton r={r} />
          {complete.isError && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(complete.error)}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
