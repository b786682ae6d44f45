// The whole wire API as types: for every cloud function a person calls, each action's input, answer and
// whether it changes anything. Types only — the mini-program imports this file with `import type`, and the
// route tables are checked against it (kernel/route.ts `routesFor`), so a page and a use-case cannot drift.
import type { AgreementActions } from './agreement/agreement.types';
import type { BookingActions } from './booking/booking.types';
import type { CaseActions } from './case/case.types';
import type { OrgActions } from './org/org.types';
import type { ReportActions } from './report/report.types';
import type { UserActions } from './user/user.types';

import type { Action } from './action.types';

export type { Action, Command, Query } from './action.types';

export type ActionMap = Record<string, Action<unknown, unknown, boolean>>;

/** Every cloud function people call, by name (the `timer` function answers only timers). */
export interface Api {
  case: CaseActions;
  agreement: AgreementActions;
  booking: BookingActions;
  user: UserActions;
  org: OrgActions;
  report: ReportActions;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type InputOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends Action<infer I, unknown, boolean> ? I : never;
export type OutputOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends Action<unknown, infer O, boolean> ? O : never;

export type { CallEvent, CallResult, ErrResult, OkResult } from './contract';
export type { ErrorCode } from './error-codes';
