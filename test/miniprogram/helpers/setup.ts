// Every mini-program test starts with a fresh `wx` (no storage, no recorded calls).
import { installWx } from './wx-stub';

// A page compiled and rendered by miniprogram-simulate can take over 5 s on two shared cores under a full run
// (jest's `testTimeout` is not a per-project option): behaviour is tested here, speed in the benchmark.
jest.setTimeout(30_000);

beforeEach(() => {
  installWx();
});
