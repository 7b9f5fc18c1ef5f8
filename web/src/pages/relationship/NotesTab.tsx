import type { RelationshipDetail } from '../../api/relationships';
import { NotesPanel } from './NotesPanel';

/** Notes: private ones (the author alone reads them) and shared ones (the pair). */
export function NotesTab({ r }: { r: RelationshipDetail }) {
  return (
    <NotesPanel
      r={r}
      scope="relationship"
      intro="Private notes are yours alone; shared notes are for the two of you. Nobody else — not the coordinator, not your managers — can read either. Notes are stored encrypted."
      authorName={(id) => (id === r.mentor.employee_id ? r.mentor.name : r.mentee.name)}
    />
  );
}
