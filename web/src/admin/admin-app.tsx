import { Link, match } from '../router';
import { useSession } from '../session';
import { SignIn } from '../storefront/sign-in';
import { CustomersPage } from './customers';
import { OrderDetail, OrdersPage } from './orders';
import { CategoriesPage, ProductsPage } from './products';
import { RadarPage } from './radar';
import { ReportsPage } from './reports';
import { StaffPage } from './staff';
import { StockPage } from './stock';
import { VendorsPage } from './vendors';

const sections = [
  { href: '/admin', label: 'What is stuck' },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/categories', label: 'Categories' },
  { href: '/admin/stock', label: 'Stock' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/vendors', label: 'Vendors' },
  { href: '/admin/reports', label: 'Reports' },
  { href: '/admin/staff', label: 'Staff accounts' },
];

function Section({ path, isAdmin }: { path: string; isAdmin: boolean }) {
  if (path === '/admin' || path === '/admin/') return <RadarPage />;
  if (path === '/admin/products') return <ProductsPage />;
  if (path === '/admin/categories') return <CategoriesPage />;
  if (path === '/admin/stock') return <StockPage />;
  if (path === '/admin/orders') return <OrdersPage />;
  const order = match('/admin/orders/:orderId', path);
  if (order) return <OrderDetail orderId={order.orderId!} />;
  if (path === '/admin/customers') return <CustomersPage />;
  if (path === '/admin/vendors') return <VendorsPage isAdmin={isAdmin} />;
  if (path === '/admin/reports') return <ReportsPage />;
  if (path === '/admin/staff') return isAdmin ? <StaffPage /> : <p>Only admins manage staff accounts.</p>;
  return <p>There is no such page in the back-office.</p>;
}

export function AdminApp({ location }: { location: URL }) {
  const { me, signOut } = useSession();
  if (me === undefined) return <p>Loading…</p>;
  if (me === null || me.role === 'customer')
    return (
      <main id="main" className="admin-signin">
        {me?.role === 'customer' ? <p>The back-office is for staff. You are signed in as a customer.</p> : null}
        <SignIn next={location.pathname} />
      </main>
    );
  const current = sections.find((s) => s.href === location.pathname || (s.href !== '/admin' && location.pathname.startsWith(s.href)))?.href ?? '/admin';
  return (
    <div className="admin">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top admin-top">
        <Link href="/admin" className="brand">
          Emporium back-office
        </Link>
        <nav aria-label="Account">
          <Link href="/">Storefront</Link>
          <span className="muted">{me.role}</span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </nav>
      </header>
      <div className="admin-body">
        <nav className="side" aria-label="Back-office">
          <ul>
            {sections
              .filter((s) => s.href !== '/admin/staff' || me.role === 'admin')
              .map((s) => (
                <li key={s.href}>
                  <Link href={s.href} aria-current={s.href === current ? 'page' : undefined}>
                    {s.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <main id="main">
          <Section path={location.pathname} isAdmin={me.role === 'admin'} />
        </main>
      </div>
    </div>
  );
}
