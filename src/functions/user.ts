// Cloud function `user`: the caller's profile and preferences.
import { createFunction } from '../server/kernel/function';
import { userRoutes } from '../server/user/routes';

export const main = createFunction('user', userRoutes);
