import { useEffect, useRef } from 'react';
import { destinationSettingsJsonSchema } from '../../../../shared/settingsJsonSchema';
import { loadMonaco } from '../editor';
import { useEditorStore } from './editorStore';

const MODEL_URI = 'inmemory://event-tester/profile.settings.json';
const SCHEMA_URI = 'inmemory://event-tester/schemas/destination-settings.json';

/** The settings' JSON in Monaco with their JSON Schema; edits flow to the form when valid. */
export default function SettingsJsonEditor() {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void loadMonaco().then(({ setupMonaco, registerJsonSchema }) => {
      if (disposed || !host.current) return;
      const monaco = setupMonaco();
      registerJsonSchema({
        uri: SCHEMA_URI,
        fileMatch: ['*.settings.json'],
        schema: destinationSettingsJsonSchema,
      });
      const uri = monaco.Uri.parse(MODEL_URI);
      const text = useEditorStore.getState().draft.jsonText;
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'json', uri);
      if (model.getValue() !== text) model.setValue(text);
      const editor = monaco.editor.create(host.current, {
        model,
        theme: 'event-tester-dark',
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        tabSize: 2,
        scrollBeyondLastLine: false,
        fixedOverflowWidgets: true,
        ariaLabel: 'Destination settings JSON',
      });
      const fromEditor = model.onDidChangeContent(() => {
        if (model.getValue() !== useEditorStore.getState().draft.jsonText) {
          useEditorStore.getState().setJsonText(model.getValue());
        }
      });
      // A form edit or an import while this tab is open replaces the text (as one undoable edit).
      const fromStore = useEditorStore.subscribe((s) => {
        if (s.draft.jsonText !== model.getValue() && s.draft.jsonError === null) {
          editor.executeEdits('settings', [{ range: model.getFullModelRange(), text: s.draft.jsonText }]);
        }
      });
      host.current.setAttribute('data-settings-editor-ready', 'true');
      cleanup = () => {
        fromEditor.dispose();
        fromStore();
        editor.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, []);
  return <div className="settings-json" ref={host} data-testid="settings-json" />;
}
