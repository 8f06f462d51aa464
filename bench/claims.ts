// The claims suite: the detector's precision and recall per reason against hand-labelled
// articles, and its speed on a 100,000-word article. (Being written.)
import type { Suite } from './suite';

export const claimsSuite: Suite = {
  name: 'claims',
  summary: 'Claim detector: precision and recall per reason on labelled articles; detection time for 100,000 words.',
  run: async () => ({ sections: [] }),
};
