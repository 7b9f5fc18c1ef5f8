// The relationship page's tabs, in order: one array, so each part of the relationship adds its
// own entry here. A tab is shown when `visible` says the caller's
// relation may use it.
import type { ComponentType } from 'react';
import type { RelationshipDetail } from '../../api/relationships';
import { AssessmentsTab } from './AssessmentsTab';
import { FeedbackTab } from './FeedbackTab';
import { GoalsTab } from './GoalsTab';
import { GroupTab } from './GroupTab';
import { IntroductionsTab } from './IntroductionsTab';
import { MeetingsTab } from './MeetingsTab';
import { MessagesTab } from './MessagesTab';
import { NotesTab } from './NotesTab';
import { OverviewTab } from './OverviewTab';

export interface RelationshipTab {
  /** In the URL: /relationships/:id/:tab. */
  value: string;
  label: string;
  visible: (r: RelationshipDetail) => boolean;
  Panel: ComponentType<{ r: RelationshipDetail }>;
}

function isMember(r: RelationshipDetail): boolean {
  return r.relations.mentor || r.relations.mentee;
}

function isOverseerOrMember(r: RelationshipDetail): boolean {
  return isMember(r) || r.relations.coordinator || r.relations.shadow_mentor;
}

export const RELATIONSHIP_TABS: readonly RelationshipTab[] = [
  { value: 'overview', label: 'Overview and agreement', visible: () => true, Panel: OverviewTab },
  // Meetings: scheduling, the log and action items.
  { value: 'meetings', label: 'Meetings', visible: isMember, Panel: MeetingsTab },
  { value: 'goals', label: 'Goals', visible: isOverseerOrMember, Panel: GoalsTab },
  { value: 'notes', label: 'Notes', visible: isMember, Panel: NotesTab },
  { value: 'feedback', label: 'Feedback', visible: isOverseerOrMember, Panel: FeedbackTab },
  { value: 'introductions', label: 'Introductions', visible: isOverseerOrMember, Panel: IntroductionsTab },
  // Competency assessments: the pair's own ratings (overseers see program figures only).
  { value: 'assessments', label: 'Skills assessment', visible: isMember, Panel: AssessmentsTab },
  // Group programs: who is in the group, and the group's notes (its members only).
  // A mentee whose relationship ended early has left the group.
  {
    value: 'group',
    label: 'Group',
    visible: (r) =>
      r.program.type === 'group' && isOverseerOrMember(r) && !(isMember(r) && r.status === 'ended_early'),
    Panel: GroupTab,
  },
  // The program's shadow mentor writes to the pair here.
  { value: 'messages', label: 'Shadow mentor', visible: isOverseerOrMember, Panel: MessagesTab },
];
