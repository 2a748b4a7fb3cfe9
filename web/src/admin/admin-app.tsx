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
import { VendorOrdersPage } from './vendor-orders';
import { PricingPage } from './pricing';

const sections = [
  { href: '/admin', label: 'What is stuck' },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/categories', label: 'Categories' },
  { href: '/admin/pricing', label: 'Pricing' },
  { href: '/admin/stock', label: 'Stock' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/vendors', label: 'Vendors' },
  { href: '/admin/reports', label: 'Reports' },
  { href: '/admin/staff', label: 'Staff accounts' },
];

/** What a vendor's account works on: its own orders, products and stock. */
const vendorSections = [
  { href: '/admin', label: 'Your orders' },
  { href: '/admin/products', label: 'Your products' },
  { href: '/admin/stock', label: 'Your stock' },
];

function VendorSection({ path, vendorId }: { path: string; vendorId: string }) {
  if (path === '/admin' || path === '/admin/') return <VendorOrdersPage vendorId={vendorId} />;
  if (path === '/admin/products') return <ProductsPage vendorId={vendorId} />;
  if (path === '/admin/stock') return <StockPage vendorId={vendorId} />;
  return <p>There is no such page for vendors.</p>;
}

function Section({ path, isAdmin }: { path: string; isAdmin: boolean }) {
  if (path === '/admin' || path === '/admin/') return <RadarPage />;
  if (path === '/admin/products') return <ProductsPage />;
  if (path === '/admin/categories') return <CategoriesPage />;
  if (path === '/admin/pricing') return <PricingPage />;
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
  const vendorId = me.role === 'vendor' ? me.vendorId : null;
  const shown = vendorId ? vendorSections : sections.filter((s) => s.href !== '/admin/staff' || me.role === 'admin');
  const current = shown.find((s) => s.href === location.pathname || (s.href !== '/admin' && location.pathname.startsWith(s.href)))?.href ?? '/admin';
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
            {shown.map((s) => (
              <li key={s.href}>
                <Link href={s.href} aria-current={s.href === current ? 'page' : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main">
          {vendorId ? <VendorSection path={location.pathname} vendorId={vendorId} /> : <Section path={location.pathname} isAdmin={me.role === 'admin'} />}
        </main>
      </div>
    </div>
  );
}
