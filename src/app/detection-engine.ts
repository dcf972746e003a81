import type { Vendor } from '../core/types.js';
import { type ArticleDetection, createDetector } from '../detection/detector.js';
import { IncidentGrouper } from '../detection/grouping.js';
import { createVendorMatcher } from '../detection/matching/vendor-matcher.js';
import type { IncidentSignature } from '../detection/signature.js';
import type { DetectionEngine } from '../incidents/incident-tracker.js';

/**
 * The bot's detection: the watchlist's vendor matcher inside the detector, and a grouper whose index is rebuilt
 * from the incidents already stored, so a restart groups new reports with old incidents.
 */
export function createDetectionEngine(vendors: Vendor[], storedSignatures: { key: string; signature: unknown }[]): DetectionEngine {
  const detector = createDetector(vendors, { createMatcher: (list) => createVendorMatcher(list) });
  const grouper = new IncidentGrouper(storedSignatures.map(({ key, signature }) => ({ key, signature: signature as IncidentSignature })));
  return {
    detect: (article) => detector.detect(article),
    group: (article, detection) => {
      const assignment = grouper.assign(article, detection as ArticleDetection);
      return assignment.key ? { key: assignment.key, isNew: assignment.isNew, signature: assignment.signature } : null;
    },
  };
}
