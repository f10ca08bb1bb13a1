// A tier mix as tags with counts: 金卡 ×2 普通 ×5, highest tier first.
import { TIER_ORDER } from '../i18n/labels';
import { TierTag } from '../customers/TierTag';

export const TierMix = ({ byTier }: { byTier: Record<string, number> }) => (
  <span className="alloc-tiers">
    {[...TIER_ORDER]
      .reverse()
      .filter((tier) => (byTier[tier] ?? 0) > 0)
      .map((tier) => (
        <span key={tier} className="alloc-tier">
          <TierTag tier={tier} /> ×{byTier[tier]}
        </span>
      ))}
  </span>
);
