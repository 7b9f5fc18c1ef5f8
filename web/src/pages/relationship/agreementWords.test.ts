import { describe, expect, it } from 'vitest';
import { waitingWords } from './agreementWords';

const mentor = { id: 1, name: 'David Allen' };
const mentee = { id: 2, name: 'Gabriela Sánchez' };
const none = { mentor: false, mentee: false, coordinator: false, shadow_mentor: false, manager: false };
const agreement = (mentorAccepted: boolean, menteeAccepted: boolean) =>
  ({ mentor_accepted: mentorAccepted, mentee_accepted: menteeAccepted });

describe('waitingWords', () => {
  it('names the reader "you", first', () => {
    const r = { mentor, mentee, relations: { ...none, mentee: true } };
    expect(waitingWords(agreement(false, false), r)).toBe('Waiting for you and David Allen');
    expect(waitingWords(agreement(true, false), r)).toBe('Waiting for you');
    expect(waitingWords(agreement(false, true), r)).toBe('Waiting for David Allen');
  });
  it('names both sides for a coordinator', () => {
    const r = { mentor, mentee, relations: { ...none, coordinator: true } };
    expect(waitingWords(agreement(false, false), r)).toBe('Waiting for David Allen and Gabriela Sánchez');
  });
});
