// Error codes and actions are typed on the phone: a misspelt or renamed code, an unknown action or a wrong
// input does not compile. `npm run typecheck` checks this file (tsc -p test/miniprogram): each line marked as
// an expected error below must stay an error, or the type check fails.
import type { Answer } from '../../../miniprogram/services/call';
import type { caseApi } from '../../../miniprogram/services/api';
import type { ErrorCode } from '../../../miniprogram/services/errors';
import { SERVER_ERRORS } from '../../../miniprogram/generated/errors';
import { ACTIONS } from '../../../miniprogram/generated/actions';

declare const answer: Answer<{ caseId: string }>;
declare const api: typeof caseApi;

export function compileTimeChecks(): void {
  if (!answer.ok) {
    const known: boolean = answer.code === 'SLOT_TAKEN' || answer.code === 'NETWORK_ERROR';
    // @ts-expect-error — not a code anyone answers with
    const misspelt: boolean = answer.code === 'SLOT_TAKN';
    void known;
    void misspelt;
  }
  void api.get({ caseId: 'c0123456789abcdef0123' });
  // @ts-expect-error — no such action
  void api.getCase({ caseId: 'c0123456789abcdef0123' });
  // @ts-expect-error — a command needs the request id of the user's intent
  void api.withdraw({ caseId: 'c0123456789abcdef0123' });
  // @ts-expect-error — the input is checked too
  void api.get({ id: 'c0123456789abcdef0123' });
}

it('the phone knows every code the server answers with, and every action', () => {
  const codes: ErrorCode[] = Object.keys(SERVER_ERRORS) as ErrorCode[];
  expect(codes).toContain('SLOT_TAKEN');
  expect(codes).toContain('PAPER_SIGNATURE_REQUIRED');
  expect(ACTIONS.case.withdraw).toBe('command');
  expect(ACTIONS.case.get).toBe('query');
});
