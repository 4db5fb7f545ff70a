import { useEffect, useRef } from 'react';
import { pageRequests, sendDraft } from '../../commands';
import { flushDraft } from './autosave';
import { useDraftStore } from './draftStore';
import { registerEditor } from './editorBridge';
import { useEditorFocus } from './editorFocusStore';
import { installEscapeThenTab } from './escapeThenTab';
import { DRAFT_MODEL_URI, scheduleJsonSchemas, setupMonaco } from './monacoSetup';

/** Monaco used directly (no CDN loader): one editor on one model whose URI maps the Segment schema. */
export default function EventEditor() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const monaco = setupMonaco();
    const uri = monaco.Uri.parse(DRAFT_MODEL_URI);
    const initial = useDraftStore.getState().text;
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(initial, 'json', uri);
    if (model.getValue() !== initial) model.setValue(initial);

    const editor = monaco.editor.create(host.current as HTMLDivElement, {
      model,
      theme: 'event-tester-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      overviewRulerLanes: 0,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      fontSize: 13,
      lineHeight: 20,
      fontFamily: 'ui-monospace, "SF Mono", "Cascadia Code", "JetBrains Mono", Menlo, Consolas, monospace',
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      padding: { top: 12, bottom: 12 },
      fixedOverflowWidgets: true,
      ariaLabel: 'Event JSON editor',
      formatOnPaste: true,
      quickSuggestions: { strings: true, other: true, comments: false },
    });

    const format = async () => {
      await editor.getAction('editor.action.formatDocument')?.run();
    };
    // The app's shortcuts, as editor commands: Monaco takes these keys before the window sees them
    // (Ctrl+Shift+Enter is its "insert line above", Alt+PageUp/PageDown its "scroll a page").
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void sendDraft(false));
    editor.addCommand(
      monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter,
      () => void sendDraft(true),
    );
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void format());
    // The paging keys of ui/pagingKeys.ts.
    editor.addCommand(monaco.KeyMod.Alt | monaco.KeyCode.PageDown, () => pageRequests('next'));
    editor.addCommand(monaco.KeyMod.Alt | monaco.KeyCode.PageUp, () => pageRequests('prev'));

    const focus = useEditorFocus.getState();
    // After `create`, so that Monaco's own key listener on the host runs before this one.
    const stopEscapeThenTab = installEscapeThenTab(host.current as HTMLDivElement, {
      isArmed: () => useEditorFocus.getState().exitArmed,
      setArmed: focus.setExitArmed,
    });
    const subscriptions = [
      model.onDidChangeContent(() => useDraftStore.getState().setText(model.getValue())),
      editor.onDidFocusEditorText(() => focus.setFocused(true)),
      editor.onDidBlurEditorText(() => {
        focus.setFocused(false);
        void flushDraft();
      }),
    ];
    // Edits made through the store (the Event Builder) become edits on the model, between undo
    // stops, so Ctrl+Z in the editor undoes a form change like any typing.
    const stopFollowing = useDraftStore.subscribe((state, previous) => {
      if (state.lastEdit === previous.lastEdit || model.getValue() === state.text) return;
      const { lastEdit } = state;
      const operations =
        lastEdit && model.getValue() === lastEdit.before
          ? lastEdit.edits.map((e) => ({
              range: monaco.Range.fromPositions(
                model.getPositionAt(e.offset),
                model.getPositionAt(e.offset + e.length),
              ),
              text: e.content,
            }))
          : [{ range: model.getFullModelRange(), text: state.text }];
      editor.pushUndoStop();
      model.pushEditOperations(editor.getSelections(), operations, () => null);
      editor.pushUndoStop();
    });

    registerEditor({
      replaceText(text) {
        // An edit (not setValue) keeps the change on the undo stack.
        editor.pushUndoStop();
        editor.executeEdits('template', [{ range: model.getFullModelRange(), text }]);
        editor.pushUndoStop();
        editor.setPosition({ lineNumber: 1, column: 1 });
        editor.revealLine(1);
      },
      format,
      reveal(line, column) {
        editor.revealLineInCenterIfOutsideViewport(line);
        editor.setPosition({ lineNumber: line, column });
        editor.focus();
      },
      focus() {
        editor.focus();
      },
    });
    host.current?.setAttribute('data-editor-ready', 'true');
    // Read by `npm run bench`: navigation start to an editable editor.
    performance.mark('editor-ready');
    scheduleJsonSchemas();

    return () => {
      registerEditor(null);
      stopEscapeThenTab();
      focus.setFocused(false);
      stopFollowing();
      subscriptions.forEach((s) => s.dispose());
      editor.dispose();
    };
  }, []);

  return <div ref={host} className="monaco-host" data-testid="event-editor" />;
}
