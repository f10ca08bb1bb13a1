// 产品库 (Products): not built yet — the placeholder says so until this screen lands.
import Placeholder from '../app/Placeholder';

const ProductsScreen = () => <Placeholder />;
export default ProductsScreen;
