// What the booking area offers other areas: keeping a mediator's booking calendar in step with their name.
export { markMediatorCalendarStale } from './resources';
