import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('format', () => {
  it('shows a dash for no date', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
  });
  it('keeps text it cannot read as a date', () => {
    expect(formatDate('soon')).toBe('soon');
    expect(formatDateTime('not a time')).toBe('not a time');
  });
  it('reads a calendar date as that day wherever the user is', () => {
    // A YYYY-MM-DD date is local midnight, so the day does not move with the time zone.
    expect(formatDate('2026-03-01')).toBe(new Date(2026, 2, 1).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
  });
});
