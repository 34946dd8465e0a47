import { describe } from 'vitest';
import { chromiumPath, isChromiumAvailable } from './chromium';

const isCi = process.env.CI === 'true';

/**
 * A suite that needs Chromium: skipped with a note where the browser is missing, except under CI=true,
 * where it runs and fails (CI must never pass without the browser tests).
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (!isChromiumAvailable && !isCi) {
    console.warn(
      `Skipping "${name}": no Chromium at ${chromiumPath}. Install it (apt-get install chromium) or set MEANWHILE_CHROMIUM.`,
    );
  }
  describe.skipIf(!isChromiumAvailable && !isCi)(name, () => {
    if (!isChromiumAvailable) {
      throw new Error(`CI=true and no Chromium at ${chromiumPath}: .ci/run installs it with apt-get.`);
    }
    suite();
  });
}
