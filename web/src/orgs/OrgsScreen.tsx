// 机构与人员 (Org & staff): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const OrgsScreen = () => <Placeholder />;
export default OrgsScreen;
