// App-wide state every view may read (version, connectivity, history recording) and its banners.
export { Banners } from './Banners';
export { useAppStore, type AppState } from './appStore';
export { usePreferencesStore, type PreferencesState } from './preferencesStore';
