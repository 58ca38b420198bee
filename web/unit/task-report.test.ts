import { describe, expect, it } from 'vitest';
import { asProgress, emptyDraft, fieldErrors, statusBody } from './task-report.js';

describe("the unit page's task status form", () => {
  it('sends only the fields its status takes, trimmed, with a decimal comma read as a point', () => {
    expect(statusBody({ ...emptyDraft('in_progress'), percent: ' 42,5 ', reason: 'ignored', note: ' ' })).toEqual({ status: 'in_progress', percent: 42.5 });
    expect(statusBody({ ...emptyDraft('blocked'), percent: '40', reason: ' chờ thiết bị ' })).toEqual({ status: 'blocked', reason: 'chờ thiết bị' });
    expect(statusBody({ ...emptyDraft('done'), note: 'xong', evidence: 'https://x.vn/a' })).toEqual({
      status: 'done',
      note: 'xong',
      evidence: 'https://x.vn/a',
    });
  });

  it('sends a percent that is not a number as typed, so that the server names it', () => {
    expect(statusBody({ ...emptyDraft('in_progress'), percent: 'nửa' })).toEqual({ status: 'in_progress', percent: 'nửa' });
    expect(statusBody(emptyDraft('in_progress'))).toEqual({ status: 'in_progress' });
  });

  it("places the server's problems beside their field, the rest as general lines", () => {
    const placed = fieldErrors([
      { field: 'percent', problem: 'custom', message: 'in progress: give the percent complete' },
      { field: 'evidence', problem: 'invalid_format', message: 'expected an http(s) link' },
      { field: 'id', problem: 'forbidden_unit', message: 'not yours' },
    ]);
    expect(placed.byField.get('percent')).toEqual(['in progress: give the percent complete']);
    expect(placed.byField.get('evidence')).toEqual(['expected an http(s) link']);
    expect(placed.byField.has('reason')).toBe(false);
    expect(placed.general).toEqual(['id: not yours']);
  });

  it('knows the progress words of the answer and no others', () => {
    expect(asProgress('awaiting_confirmation')).toBe('awaiting_confirmation');
    expect(asProgress('confirmed')).toBeNull();
  });
});
