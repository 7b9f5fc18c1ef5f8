// Action items of a relationship as a checklist: either side ticks one off when it is done.
import { Checkbox, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setActionItemDone, type ActionItem } from '../../api/meetings';
import { formatDate } from '../../components/format';

function ActionItemRow({
  item,
  relationshipId,
  names,
}: {
  item: ActionItem;
  relationshipId: number;
  names: { mentor: string; mentee: string };
}) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (done: boolean) => setActionItemDone(relationshipId, item.id, done),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['relationships', relationshipId] }),
  });
  return (
    <div>
      <Checkbox
        checked={item.done}
        disabled={toggle.isPending}
        onChange={(e) => toggle.mutate(e.currentTarget.checked)}
        label={`${item.text} — ${names[item.owner]}, by ${formatDate(item.due_date)}`}
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
}: {
  items: ActionItem[];
  relationshipId: number;
  names: { mentor: string; mentee: string };
  title: string;
}) {
  if (items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {items.map((item) => (
        <ActionItemRow key={item.id} item={item} relationshipId={relationshipId} names={names} />
      ))}
    </Stack>
  );
}
