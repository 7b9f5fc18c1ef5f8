import { Badge } from '@mantine/core';
import { STATUS_LABELS } from '../../api/relationships';

/** A relationship's status in words, coloured (its own module: My mentoring shows it too). */
export function RelationshipStatusLabel({ status }: { status: keyof typeof STATUS_LABELS }) {
  const color =
    status === 'active' ? 'green' : status === 'pending_agreement' ? 'yellow' : status === 'completed' ? 'indigo' : 'gray';
  return (
    <Badge variant="light" color={color}>
      {STATUS_LABELS[status] ?? status}
    </Badge>
  );
}
