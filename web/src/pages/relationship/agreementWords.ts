import type { AgreementState } from '../../api/relationships';

interface Sides {
  mentor: { name: string };
  mentee: { name: string };
  relations: { mentor: boolean; mentee: boolean };
}

/** Who the agreement still waits for, the reader named "you" and put first. */
export function waitingWords(a: Pick<AgreementState, 'mentor_accepted' | 'mentee_accepted'>, r: Sides): string {
  const waiting: string[] = [];
  if (!a.mentor_accepted) waiting.push(r.relations.mentor ? 'you' : r.mentor.name);
  if (!a.mentee_accepted) waiting.push(r.relations.mentee ? 'you' : r.mentee.name);
  waiting.sort((x, y) => Number(y === 'you') - Number(x === 'you'));
  return `Waiting for ${waiting.join(' and ')}`;
}
