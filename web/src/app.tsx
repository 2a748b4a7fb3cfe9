import { useEffect } from 'react';
import { AdminApp } from './admin/admin-app';
import { useLocation } from './router';
import { Storefront } from './storefront/storefront';

/** The storefront at /, the back-office at /admin: one bundle, two audiences. */
export function App() {
  const location = useLocation();
  const inAdmin = location.pathname === '/admin' || location.pathname.startsWith('/admin/');
  useEffect(() => {
    document.title = inAdmin ? 'Emporium back-office' : 'Emporium';
  }, [inAdmin]);
  return inAdmin ? <AdminApp location={location} /> : <Storefront location={location} />;
}
