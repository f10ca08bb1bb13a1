// A tier as a coloured tag: 普通 / 金卡 / 白金 / 钻石 / 私人银行.
import { useT } from '../i18n/i18n';
import { tierKey, type Tier } from '../i18n/labels';

/** solid colours dark enough for white text (WCAG AA); 普通 stays the plain tag */
const COLOURS: Record<Tier, string> = {
  standard: 'default',
  gold: '#874d00',
  platinum: '#1d39c4',
  diamond: '#531dab',
  private_banking: '#9e1068',
};

export const TierTag = ({ tier }: { tier: string }) => {
  const t = useT();
  const colour = COLOURS[tier as Tier] ?? 'default';
  return (
    <span
      className="tier-tag"
      style={colour === 'default' ? undefined : { color: '#fff', background: colour, borderColor: colour }}
    >
      {t(tierKey(tier))}
    </span>
  );
};
