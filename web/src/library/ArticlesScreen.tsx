// 资讯库 (Articles): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const ArticlesScreen = () => <Placeholder />;
export default ArticlesScreen;
