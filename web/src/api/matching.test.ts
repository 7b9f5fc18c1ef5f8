import { describe, expect, it } from 'vitest';
import { ruleWords, type HardRuleRef } from './matching';

describe('ruleWords', () => {
  const rules: HardRuleRef[] = [
    { name: 'management_chain', words: "not in the mentee's management chain" },
    { name: 'other_department', words: 'other department' },
  ];

  it('shows the words the server sent for a rule', () => {
    expect(ruleWords(rules, 'management_chain')).toBe("not in the mentee's management chain");
  });

  it('spaces out a name the server did not list, or before the settings arrive', () => {
    expect(ruleWords(rules, 'some_new_rule')).toBe('some new rule');
    expect(ruleWords(undefined, 'other_department')).toBe('other department');
  });
});
