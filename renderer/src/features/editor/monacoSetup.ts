// Monaco, bundled locally and configured once. Only the editor API, the contributions this app uses
// and the JSON language are imported (not the whole package), and no loader ever touches a CDN.
// Not imported, as nothing here uses them and each is code to fetch and run before the editor is
// editable: the context menu, line operations, multi-cursor, smart select and word highlighting.
import * as monaco from 'monaco-editor/editor/editor.api';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget';
import 'monaco-editor/base/browser/ui/codicons/codicon/codicon.css';
import 'monaco-editor/base/browser/ui/codicons/codicon/codicon-modifiers.css';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/tokenization/browser/tokenization';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/common/standaloneStrings';
// The JSON language loads every editor contribution lazily; two of them need services that must be
// registered before the first editor starts the service collection, or a later editor (the profile
// settings' JSON tab) fails to create them. Registering just the services costs a few hundred bytes.
import 'monaco-editor/editor/contrib/codelens/browser/codeLensCache';
import 'monaco-editor/editor/common/services/treeViewsDndService';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

/** The draft's model URI; the Segment schema is mapped to it by `fileMatch`. */
export const DRAFT_MODEL_URI = 'inmemory://event-tester/draft.segment.json';
const SCHEMA_URI = 'inmemory://event-tester/schemas/segment-event.json';

let configured = false;

export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;

  // Workers come from same-origin files emitted by Vite (the CSP allows 'self' and blob: workers).
  self.MonacoEnvironment = {
    getWorker(_workerId: string, label: string) {
      return label === 'json' ? new JsonWorker() : new EditorWorker();
    },
  };

  monaco.editor.defineTheme('event-tester-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'string.key.json', foreground: '9CC4FF' },
      { token: 'string.value.json', foreground: 'A8E6B8' },
      { token: 'number', foreground: 'F2C97D' },
      { token: 'keyword.json', foreground: 'D7A6FF' },
    ],
    colors: {
      'editor.background': '#12161d',
      'editor.lineHighlightBackground': '#1a202a',
      // The theme's --text-3: line numbers are text, so they need 4.5:1 on the editor (5.6:1 here).
      'editorLineNumber.foreground': '#8390a2',
      'editorLineNumber.activeForeground': '#c9d2de',
      'editorGutter.background': '#12161d',
      'editorWidget.background': '#1b212b',
      'editorWidget.border': '#2c3542',
      'editorHoverWidget.background': '#1b212b',
      'editorHoverWidget.border': '#2c3542',
      'editorSuggestWidget.background': '#1b212b',
      'editorSuggestWidget.border': '#2c3542',
      'editorSuggestWidget.selectedBackground': '#263244',
      'scrollbarSlider.background': '#2c354280',
    },
  });

  return monaco;
}

export type Monaco = typeof monaco;

interface JsonSchemaEntry {
  uri: string;
  fileMatch: string[];
  schema: Record<string, unknown>;
}

/** Schemas other features add (the profile settings editor), matched by their model URI. */
const extraSchemas = new Map<string, JsonSchemaEntry>();

/** The draft's schema, built from the zod schemas (not free: a few ms); loaded once, after the editor. */
let draftSchema: Record<string, unknown> | null = null;
let schemasScheduled = false;

function applyJsonSchemas(): void {
  if (!draftSchema) return;
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    schemaValidation: 'error',
    // The schema ships inline; the worker must never fetch a $ref from the network.
    enableSchemaRequest: false,
    schemas: [
      { uri: SCHEMA_URI, fileMatch: ['*.segment.json'], schema: draftSchema },
      ...extraSchemas.values(),
    ],
  });
}

/**
 * Schema validation, hovers and completions only matter once someone types, so building and
 * registering the schemas waits until the editor is editable and the main thread is idle, instead of
 * running before the first editor is created. Syntax errors still show at once (the JSON language
 * validates without a schema). Idempotent.
 */
export function scheduleJsonSchemas(): void {
  if (schemasScheduled) return;
  schemasScheduled = true;
  requestIdleCallback(
    () => {
      import('../../../../shared/segment/jsonSchema')
        .then(({ segmentEventJsonSchema }) => {
          draftSchema = segmentEventJsonSchema;
          applyJsonSchemas();
        })
        // Without it the editor still checks syntax (and the draft's own check runs anyway); the
        // next schema registration tries again.
        .catch(() => {
          schemasScheduled = false;
        });
    },
    { timeout: 1000 },
  );
}

/** Adds (or replaces) an inline JSON Schema for models whose URI matches `fileMatch`. */
export function registerJsonSchema(entry: JsonSchemaEntry): void {
  setupMonaco();
  extraSchemas.set(entry.uri, entry);
  scheduleJsonSchemas();
  applyJsonSchemas();
}
