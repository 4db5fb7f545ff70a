// Marketo profiles: the Profiles view, the top bar's active-profile switcher, and what the send
// command asks of profiles (the active one, and the production confirmation).
export { ProfilesView } from './ProfilesView';
export { ActiveProfile } from './ActiveProfile';
export { ProductionConfirm } from './ProductionConfirm';
export { confirmProductionSend } from './confirmStore';
export { selectActiveProfile, useProfilesStore, type ProfilesState } from './profilesStore';
