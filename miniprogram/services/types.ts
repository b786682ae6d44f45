// The wire types pages use, from the server's own type-only files (src/server/<area>/<area>.types.ts), which the
// use-cases implement and the route tables are checked against. Types only: nothing of the server ships.
export type * from '../../src/server/case/case.types';
export type * from '../../src/server/agreement/agreement.types';
export type * from '../../src/server/booking/booking.types';
export type * from '../../src/server/user/user.types';
export type * from '../../src/server/org/org.types';
export type * from '../../src/server/report/report.types';
export type { Status, Outcome, SessionMode, PartyRole } from '../../src/domain/case/model';
export type { BookingStatus } from '../../src/domain/booking/booking';
