// 营销活动 (Campaigns): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const CampaignsScreen = () => <Placeholder />;
export default CampaignsScreen;
