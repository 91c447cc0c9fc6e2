// Test helper for the unit tests: runs a parse that must fail and returns its UnitError, so a
// test can check the `found` text, the `expected` phrase and the message.
import { UnitError } from '../../src/units';

export function unitErrorOf(run: () => unknown): UnitError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnitError) return error;
    throw error;
  }
  throw new Error('expected a UnitError, but the input was accepted');
}
