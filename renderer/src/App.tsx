import { useEffect } from 'react';
import { useAppStore } from './features/app';
import { preloadEditor } from './features/editor';
import { bootstrap } from './shell/bootstrap';
import { Shell } from './shell/Shell';

export function App() {
  const version = useAppStore((s) => s.version);
  useEffect(() => {
    void preloadEditor();
    return bootstrap();
  }, []);
  return <Shell version={version} />;
}
