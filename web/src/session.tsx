import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, call, refreshSession, setAccessToken, type Me } from './api/client';

interface SessionValue {
  /** Undefined while the page finds out whether the browser has a session. */
  me: Me | null | undefined;
  /** Null when signed in, else why not. */
  signIn: (email: string, password: string) => Promise<string | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

async function whoAmI(): Promise<Me | null> {
  const { data } = await call(() => api.GET('/api/auth/me'));
  return data ? { accountId: data.accountId ?? '', role: data.role ?? 'customer', customerId: data.customerId ?? null, vendorId: data.vendorId ?? null } : null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    void refreshSession().then(async (signedIn) => setMe(signedIn ? await whoAmI() : null));
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const { data, error } = await api.POST('/api/auth/login', { body: { email, password, refreshTokenIn: 'cookie' } });
    if (!data) return (error as { detail?: string } | undefined)?.detail ?? 'Could not sign in';
    setAccessToken(data.accessToken);
    setMe(await whoAmI());
    return null;
  }, []);

  const signOut = useCallback(async () => {
    await api.POST('/api/auth/logout', { body: {} });
    setAccessToken(null);
    setMe(null);
  }, []);

  return <SessionContext.Provider value={{ me, signIn, signOut }}>{children}</SessionContext.Provider>;
}
