// 死信重放 (Dead letters): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const DeadLettersScreen = () => <Placeholder />;
export default DeadLettersScreen;
