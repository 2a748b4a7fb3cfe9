import { formatMoney } from '../api/client';
import { cartTotal, useCart } from '../cart';
import { Link, match } from '../router';
import { useSession } from '../session';
import { CartPage } from './cart-page';
import { Catalog } from './catalog';
import { Checkout } from './checkout';
import { MyOrders } from './my-orders';
import { OrderPage } from './order-page';
import { ProductPage } from './product-page';
import { Profile } from './profile';
import { SignIn, SignUp } from './sign-in';

function Page({ location }: { location: URL }) {
  const path = location.pathname;
  if (path === '/') return <Catalog location={location} />;
  const product = match('/products/:code', path);
  if (product) return <ProductPage code={product.code!} />;
  if (path === '/cart') return <CartPage />;
  if (path === '/checkout') return <Checkout />;
  if (path === '/sign-in') return <SignIn next={location.searchParams.get('next') ?? '/'} />;
  if (path === '/sign-up') return <SignUp next={location.searchParams.get('next') ?? '/'} />;
  if (path === '/orders') return <MyOrders />;
  const order = match('/orders/:orderId', path);
  if (order) return <OrderPage orderId={order.orderId!} />;
  if (path === '/account') return <Profile />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no such page. <Link href="/">Back to the shop</Link>
      </p>
    </section>
  );
}

export function Storefront({ location }: { location: URL }) {
  const { me, signOut } = useSession();
  const lines = useCart();
  const items = lines.reduce((sum, line) => sum + line.quantity, 0);
  const total = cartTotal(lines);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand">
          Emporium
        </Link>
        <nav aria-label="Shop">
          <Link href="/cart">
            Cart ({items}){total ? ` ${formatMoney(total)}` : ''}
          </Link>
          {me ? (
            <>
              {me.role === 'customer' ? <Link href="/orders">My orders</Link> : null}
              {me.role === 'customer' ? <Link href="/account">My profile</Link> : null}
              {me.role !== 'customer' ? <Link href="/admin">Back-office</Link> : null}
              <button type="button" className="link" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          ) : me === null ? (
            <>
              <Link href="/sign-in">Sign in</Link>
              <Link href="/sign-up">Sign up</Link>
            </>
          ) : null}
        </nav>
      </header>
      <main id="main">
        <Page location={location} />
      </main>
      <footer className="bottom">Emporium</footer>
    </>
  );
}
