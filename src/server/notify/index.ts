// What other areas may use of notify: the relay the timer runs, the inbox the user function answers.
export { inbox, markRead } from './inbox';
export { FINAL_OUTBOX_STATUSES, relayOutbox } from './relay';
