// 营销活动详情 (Campaign): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const CampaignScreen = () => <Placeholder />;
export default CampaignScreen;
