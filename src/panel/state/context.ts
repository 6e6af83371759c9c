// Hands the panel store to components (created once per panel in main.tsx, or by a test).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelStore } from './store';

export const StoreContext = createContext<PanelStore | null>(null);

export function useStore(): PanelStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext.Provider>');
  return store;
}
