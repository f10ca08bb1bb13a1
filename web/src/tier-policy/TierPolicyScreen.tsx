// 分层标准 (Tier policy): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const TierPolicyScreen = () => <Placeholder />;
export default TierPolicyScreen;
