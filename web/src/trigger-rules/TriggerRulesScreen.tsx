// 预警规则 (Trigger rules): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const TriggerRulesScreen = () => <Placeholder />;
export default TriggerRulesScreen;
