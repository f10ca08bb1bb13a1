// 客户调配 (Allocation): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const AllocationsScreen = () => <Placeholder />;
export default AllocationsScreen;
