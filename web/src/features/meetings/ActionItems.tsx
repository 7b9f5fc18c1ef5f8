// Action items of a relationship (or of a group meeting) as a checklist: either side ticks one off
// when it is done; a group meeting's item, its owner or the group's mentor.
import { Checkbox, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setActionItemDone, type ActionItem } from '../../api/meetings';
import { formatDate } from '../../components/format';

/** Who owns an item: by their part (a pair's), or by who they are (a group meeting's). */
export type OwnerNames = { mentor: string; mentee: string } | ((item: ActionItem) => string);

function ownerName(names: OwnerNames, item: ActionItem): string {
  return typeof names === 'function' ? names(item) : names[item.owner];
}

function ActionItemRow({
  item,
  relationshipId,
  names,
  canTick,
}: {
  item: ActionItem;
  relationshipId: number;
  names: OwnerNames;
  canTick: boolean;
}) {
  const queryClient = useQueryClient();
  const group = item.group_meeting_id != null;
  const toggle = useMutation({
    mutationFn: (done: boolean) => setActionItemDone(relationshipId, item.id, done, group),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['relationships', relationshipId] }),
  });
  return (
    <div>
      <Checkbox
        checked={item.done}
        disabled={toggle.isPending || !canTick}
        onChange={(e) => toggle.mutate(e.currentTarget.checked)}
        label={`${item.text} — ${ownerName(names, item)}, by ${formatDate(item.due_date)}`}
        data-testid="action-item"
      />
      {toggle.isError && (
        <Text size="xs" c="red.8" role="alert">
          Could not save that. Please try again.
        </Text>
      )}
    </div>
  );
}

export function ActionItems({
  items,
  relationshipId,
  names,
  title,
  canTick = () => true,
}: {
  items: ActionItem[];
  relationshipId: number;
  names: OwnerNames;
  title: string;
  /** Whether the reader may tick this one off (default: every one). */
  canTick?: (item: ActionItem) => boolean;
}) {
  if (items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {items.map((item) => (
        <ActionItemRow key={item.id} item={item} relationshipId={relationshipId} names={names} canTick={canTick(item)} />
      ))}
    </Stack>
  );
}
