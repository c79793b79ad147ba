import type { Harness } from './harness-page';

declare global {
  interface Window {
    lochHarness: Harness;
    __pwned?: unknown;
  }
}
