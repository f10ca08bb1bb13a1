// 报表 (Reports): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const ReportsScreen = () => <Placeholder />;
export default ReportsScreen;
