import type { Vendor } from '../core/types.js';
import { type ArticleDetection, createDetector } from '../detection/detector.js';
import { IncidentGrouper } from '../detection/grouping.js';
import { createVendorMatcher } from '../detection/matching/vendor-matcher.js';
import type { IncidentSignature } from '../detection/signature.js';
import type { DetectionEngine, IncidentGroup } from '../incidents/incident-tracker.js';

/**
 * The bot's detection: the watchlist's vendor matcher inside the detector, and a grouper whose index is rebuilt
 * from the incidents already stored, so a restart groups new reports with old incidents.
 */
export function createDetectionEngine(vendors: Vendor[], storedSignatures: { key: string; signature: unknown }[]): DetectionEngine {
  const detector = createDetector(vendors, { createMatcher: (list) => createVendorMatcher(list) });
  const grouper = new IncidentGrouper(storedSignatures.map(({ key, signature }) => ({ key, signature: signature as IncidentSignature })));
  return {
    detect: (article) => detector.detect(article),
    group: (article, detected) => {
      const detection = detected as ArticleDetection;
      const own = grouper.assign(article, detection);
      if (!own.key) return [];
      const separateVendors = new Set(detection.separate.map((s) => s.vendor));
      const ownVendor = detection.alert
        ? (detection.vendors.find((v) => v.role === 'primary' && !separateVendors.has(v.name))?.name ?? null)
        : null;
      const groups: IncidentGroup[] = [
        {
          key: own.key,
          isNew: own.isNew,
          signature: own.signature,
          organisation: detection.organisations[0] ?? null,
          vendor: ownVendor,
          separate: null,
        },
      ];
      for (const part of detection.separate) {
        const assignment = grouper.assignSignature(article, part.signature);
        if (!assignment.key || groups.some((g) => g.key === assignment.key)) continue;
        groups.push({
          key: assignment.key,
          isNew: assignment.isNew,
          signature: assignment.signature,
          organisation: part.organisation,
          vendor: part.vendor,
          separate: { summary: part.summary },
        });
      }
      return groups;
    },
  };
}
