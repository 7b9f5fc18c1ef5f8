import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, List, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useReview } from '../../api/applications';
import { errorMessage } from '../../api/client';
import {
  applyChange,
  CRITERIA,
  matchingKeys,
  previewChange,
  useRuleWords,
  usePairs,
  scoreText,
  totalOutOf100,
  type ChangePreview,
  type MatchSettings,
  type PairChange,
  type ProposalPair,
} from '../../api/matching';
import { useDepartmentName, useExplanationInWords } from '../../components/Names';
import { ErrorAlert } from '../../components/PageState';

const LEAVE_UNMATCHED = '__unmatched__';

/** A searchable list of the program's approved mentors (server-side search). */
function MentorPicker({ programId, value, onChange }: {
  programId: number;
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const departmentName = useDepartmentName();
  const mentors = useReview(programId, { side: 'mentor', status: 'approved', q, sort: 'name', limit: 30 }, true);
  const data = [
    { value: LEAVE_UNMATCHED, label: 'Nobody: leave the mentee unmatched' },
    ...(mentors.data?.items ?? []).map((a) => ({
      value: a.applicant.employee_id,
      label: `${a.applicant.name} (${departmentName(a.applicant.department) || 'no department'}, level ${a.applicant.level})`,
    })),
  ];
  return (
    <Select
      label="New mentor"
      placeholder="Type a name or employee id"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage={mentors.isFetching ? 'Searching…' : 'No approved mentor matches'}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A searchable list of the proposal's matched mentees (server-side search of its pairs). */
function MenteePicker({ programId, proposalId, exclude, value, onChange }: {
  programId: number;
  proposalId: number;
  exclude: string;
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const pairs = usePairs(programId, proposalId, { q, offset: 0, limit: 30, sort: 'mentee' }, true);
  const data = (pairs.data?.items ?? [])
    .filter((p) => p.mentee.employee_id !== exclude)
    .map((p) => ({ value: p.mentee.employee_id, label: `${p.mentee.name} (now with ${p.mentor.name})` }));
  return (
    <Select
      label="Swap mentors with"
      placeholder="Type a mentee’s name or employee id"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage={pairs.isFetching ? 'Searching…' : 'No matched mentee matches'}
    />
  );
}

/** A sum of pair scores out of 100, to one decimal where that shows a change. */
function totalText(n: number): string {
  return n.toLocaleString(undefined, { maximumFractionDigits: 1 });
}

function PreviewView({ preview, settings, ruleWords }: {
  preview: ChangePreview;
  settings: MatchSettings;
  ruleWords: (rule: string) => string;
}) {
  const before = totalOutOf100(preview.total_before, settings);
  const after = totalOutOf100(preview.total_after, settings);
  const delta = after - before;
  const inWords = useExplanationInWords();
  return (
    <Stack gap="sm" data-testid="change-preview">
      {preview.effects.map((e) => (
        <Stack key={e.mentee.employee_id} gap={4}>
          <Text fw={600}>{e.mentee.name}</Text>
          <Text size="sm">
            {e.from ? `From ${e.from.name} (score ${scoreText(e.from.score, settings)} of 100)` : 'Unmatched before'} →{' '}
            {e.to ? `${e.to.mentor.name} (score ${scoreText(e.to.score, settings)} of 100)` : 'unmatched'}
          </Text>
          {e.to && (
            <>
              <Text size="sm" c="dimmed">
                {inWords(e.to.explanation)}
              </Text>
              <Table withTableBorder fz="xs" verticalSpacing={2}>
                <caption className="pw-visually-hidden">Points per criterion for {e.mentee.name} with {e.to.mentor.name}</caption>
                <Table.Tbody>
                  {CRITERIA.map((c) => (
                    <Table.Tr key={c.key}>
                      <Table.Th scope="row" fw={400}>
                        {c.label}
                      </Table.Th>
                      <Table.Td>{e.to?.points[c.key] ?? 0} of 100</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Stack>
      ))}
      <Text size="sm">
        Score of the pairs this changes: {totalText(before)} → {totalText(after)} ({delta >= 0 ? '+' : '−'}
        {totalText(Math.abs(delta))}), each pair out of 100
      </Text>
      {preview.broken_rules.length > 0 && (
        <Alert color="yellow" title="This change breaks hard rules">
          <List size="sm">
            {preview.broken_rules.map((r) => (
              <List.Item key={r}>{ruleWords(r)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {preview.refusal && (
        <Alert color="red" title="This change cannot be made" role="alert">
          {preview.refusal}
        </Alert>
      )}
    </Stack>
  );
}

/** Reassign a mentee to another mentor (or none), or swap two mentees' mentors: preview first, then confirm. */
export function ChangeDialog({ programId, proposalId, settings, pair, mode, onClose }: {
  programId: number;
  proposalId: number;
  /** The proposal's settings: scores are shown out of 100 under its weights. */
  settings: MatchSettings;
  pair: ProposalPair;
  mode: 'reassign' | 'swap';
  onClose: (done: string | null) => void;
}) {
  const queryClient = useQueryClient();
  const ruleWords = useRuleWords(programId);
  const [target, setTarget] = useState<string | null>(null);
  const [preview, setPreview] = useState<ChangePreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [accept, setAccept] = useState(false);

  const change: PairChange | null =
    target === null
      ? null
      : mode === 'swap'
        ? { mentee: pair.mentee.employee_id, swap_with: target }
        : { mentee: pair.mentee.employee_id, mentor: target === LEAVE_UNMATCHED ? '' : target };

  const apply = useMutation({
    mutationFn: (made: PairChange) => applyChange(programId, proposalId, { ...made, accept_broken_rules: accept }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: matchingKeys.proposalData(programId, proposalId) }),
        queryClient.invalidateQueries({ queryKey: matchingKeys.proposal(programId, proposalId) }),
        queryClient.invalidateQueries({ queryKey: matchingKeys.proposals(programId) }),
      ]);
      onClose(
        mode === 'swap'
          ? `${pair.mentee.name} swapped mentors.`
          : `${pair.mentee.name} ${target === LEAVE_UNMATCHED ? 'left unmatched' : 'reassigned'}.`,
      );
    },
  });

  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    setAccept(false);
    apply.reset();
    if (!change) return undefined;
    let live = true;
    previewChange(programId, proposalId, change).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setPreviewError(e),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const needsAccept = (preview?.broken_rules.length ?? 0) > 0;
  return (
    <Modal
      opened
      onClose={() => onClose(null)}
      title={mode === 'swap' ? `Swap ${pair.mentee.name}’s mentor` : `Reassign ${pair.mentee.name}`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Group gap="xs">
          <Text size="sm">Now with {pair.mentor.name}, score {scoreText(pair.score, settings)} of 100.</Text>
          {pair.manual && <Badge variant="light">set by hand</Badge>}
        </Group>
        {mode === 'swap' ? (
          <MenteePicker programId={programId} proposalId={proposalId} exclude={pair.mentee.employee_id} value={target} onChange={setTarget} />
        ) : (
          <MentorPicker programId={programId} value={target} onChange={setTarget} />
        )}
        {change && !preview && !previewError && <Text size="sm">Working out the effect…</Text>}
        {previewError !== null && <ErrorAlert error={previewError} title="No preview" />}
        {preview && <PreviewView preview={preview} settings={settings} ruleWords={ruleWords} />}
        {preview && needsAccept && !preview.refusal && (
          <Checkbox
            label="I know this pair breaks the rules above and want it anyway"
            checked={accept}
            onChange={(e) => setAccept(e.currentTarget.checked)}
          />
        )}
        {apply.isError && (
          <Alert color="red" role="alert">
            {errorMessage(apply.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(null)}>
            Cancel
          </Button>
          <Button
            onClick={() => change && preview && apply.mutate(change)}
            loading={apply.isPending}
            disabled={!preview || !preview.allowed || (needsAccept && !accept)}
          >
            Confirm change
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
