// Cloud function `booking`: mediation rooms, mediators' hours, bookable slots, bookings and session records.
import { createFunction } from '../server/kernel/function';
import { bookingRoutes } from '../server/booking/routes';

/** The route table (tests read it to check the API document and the role matrix cover every action). */
export const routes = bookingRoutes;
export const main = createFunction('booking', routes);
