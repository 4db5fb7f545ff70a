// The draft editor's public surface: the pane, its store and what others may ask of the editor.
export { EditorPane, preloadEditor } from './EditorPane';
export { flushDraft, startAutosave } from './autosave';
export {
  selectSendBlockReason,
  useDraftStore,
  type DraftJson,
  type DraftState,
  type Problem,
} from './draftStore';
export { useDraftPaneStore, type DraftTab } from './paneStore';
export { useEditorFocus, type EditorFocusState } from './editorFocusStore';
export { editDraft, focusDraft, formatDraft, replaceDraftText } from './editorBridge';
export { startFromTemplate } from './templateReplace';
/** Monaco for another feature's JSON editor, loaded on demand so it stays out of the first chunk. */
export const loadMonaco = () => import('./monacoSetup');
