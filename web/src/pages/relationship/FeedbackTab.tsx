import { useState } from 'react';
import { Alert, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import {
  feedbackKeys,
  giveFeedback,
  OCCASION_LABELS,
  useFeedback,
  type FeedbackAnswer,
  type FeedbackOccasion,
  type RelationshipDetail,
} from '../../api/relationships';
import { ErrorAlert, Loading } from '../../components/PageState';

function Answer({ label, answer }: { label: string; answer: FeedbackAnswer }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}: {answer.rating} out of 5
      </Text>
      {answer.comment && <Text size="sm">“{answer.comment}”</Text>}
    </div>
  );
}

/** Feedback both ways: each side sees the other's once both have given theirs. */
export function FeedbackTab({ r }: { r: RelationshipDetail }) {
  const queryClient = useQueryClient();
  const feedback = useFeedback(r.id);
  const [occasion, setOccasion] = useState<FeedbackOccasion>('pulse');
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const other = r.relations.mentor ? r.mentee.name : r.mentor.name;
  const give = useMutation({
    mutationFn: () => giveFeedback(r.id, occasion, rating, comment),
    onSuccess: (view) => {
      queryClient.setQueryData(feedbackKeys.list(r.id), view);
      setRating(0);
      setComment('');
    },
  });
  if (feedback.isPending) return <Loading label="Loading feedback…" />;
  if (feedback.isError) return <ErrorAlert error={feedback.error} />;
  const view = feedback.data;
  if (!view.rounds) {
    const avg = (v: number | null | undefined) => (v == null ? 'not shown under 5 answers' : `${v.toFixed(1)} out of 5`);
    return (
      <Card withBorder data-testid="feedback-summary">
        <Text size="sm">
          {view.answers} answer{view.answers === 1 ? '' : 's'} so far. From the mentor: {avg(view.from_mentor_average)}. From
          the mentee: {avg(view.from_mentee_average)}. Comments stay with the pair.
        </Text>
      </Card>
    );
  }
  const given = new Set(view.rounds.filter((x) => x.mine).map((x) => x.occasion));
  const canGive = r.status !== 'pending_agreement';
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Tell {other} how it is going, and learn how it is going for them. You see their answer once you have both given
        yours. The coordinator sees only averages over several answers, never your words.
      </Text>
      {canGive && (
        <Card withBorder data-testid="feedback-form">
          <Stack gap="sm">
            <Title order={3} size="h5">
              Give feedback
            </Title>
            <SegmentedControl
              aria-label="When"
              value={occasion}
              onChange={(v) => setOccasion(v as FeedbackOccasion)}
              data={(Object.keys(OCCASION_LABELS) as FeedbackOccasion[]).map((value) => ({
                value,
                label: OCCASION_LABELS[value],
                disabled: value !== 'pulse' && given.has(value),
              }))}
            />
            <div>
              <Text size="sm" fw={500} id="rating-label">
                How is it going? 1 is poor, 5 is excellent
              </Text>
              <SegmentedControl
                aria-labelledby="rating-label"
                value={rating ? String(rating) : ''}
                onChange={(v) => setRating(Number(v))}
                data={['1', '2', '3', '4', '5']}
              />
            </div>
            <Textarea
              label="A comment (optional)"
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              maxLength={2000}
              autosize
            />
            {give.isError && (
              <Alert color="red" role="alert">
                {give.error instanceof ApiError && give.error.code === 'already_given'
                  ? 'You gave this feedback already.'
                  : errorMessage(give.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button onClick={() => give.mutate()} loading={give.isPending} disabled={rating === 0}>
                Send feedback
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {view.rounds.length === 0 && <Text size="sm">No feedback yet.</Text>}
      {[...view.rounds].reverse().map((round) => (
        <Card withBorder key={`${round.occasion}-${round.round}`} data-testid="feedback-round">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {OCCASION_LABELS[round.occasion]}
              {round.occasion === 'pulse' ? ` (${round.round})` : ''}
            </Title>
            {round.mine ? <Answer label="You" answer={round.mine} /> : <Text size="sm">You have not answered yet.</Text>}
            {round.theirs ? (
              <Answer label={other} answer={round.theirs} />
            ) : (
              <Text size="sm" c="dimmed">
                {round.theirs_given
                  ? `${other} answered; you see it once you answer too.`
                  : `${other} has not answered yet.`}
              </Text>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
