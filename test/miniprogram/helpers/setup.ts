// Every mini-program test starts with a fresh `wx` (no storage, no recorded calls).
import { installWx } from './wx-stub';

// Pages run as a local build (MP_TRANSPORT=local): the local gateway, the demo person, the local template ids —
// whatever the committed miniprogram/build-config.ts (a cloud build) says.
jest.mock('../../../miniprogram/build-config', () =>
  (require('../../../scripts/generate-build-config') as typeof import('../../../scripts/generate-build-config')).buildConfig({ MP_TRANSPORT: 'local' }),
);

// A page compiled and rendered by miniprogram-simulate can take over 5 s on two shared cores under a full run
// (jest's `testTimeout` is not a per-project option): behaviour is tested here, speed in the benchmark.
jest.setTimeout(30_000);

beforeEach(() => {
  installWx();
});
