// Every mini-program test starts with a fresh `wx` (no storage, no recorded calls).
import { installWx } from './wx-stub';

beforeEach(() => {
  installWx();
});
