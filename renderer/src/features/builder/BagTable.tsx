import { useState } from 'react';
import { FieldFindings, FindingsList, useFieldFindings } from './FieldFindings';
import type { KeySuggestion } from '../../../../shared/segment/suggestions';
import {
  convertValue,
  kindOf,
  readValue,
  renameKey,
  showValue,
  VALUE_KINDS,
  type ValueKind,
} from './builderModel';

interface BagProps {
  name: 'properties' | 'traits';
  bag: Record<string, unknown>;
  suggestions: KeySuggestion[];
  onSet(key: string, value: unknown): void;
  onReplace(bag: Record<string, unknown>): void;
}

/** Properties or traits as a key / type / value table; a suggestion adds its key. */
export function BagTable({ name, bag, suggestions, onSet, onReplace }: BagProps) {
  const keys = Object.keys(bag);
  const missing = suggestions.filter((s) => !Object.hasOwn(bag, s.key));
  const listId = `b-${name}-keys`;
  return (
    <fieldset className="b-section" data-testid={`builder-${name}`}>
      <legend>{name === 'traits' ? 'Traits' : 'Properties'}</legend>
      <FieldFindings path={[name]} />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.key} value={s.key}>
            {s.note}
          </option>
        ))}
      </datalist>
      <table className="b-table">
        <thead>
          <tr>
            <th>Key</th>
            <th>Type</th>
            <th>Value</th>
            <th aria-label="Remove" />
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <BagRow
              key={key}
              bagName={name}
              name={key}
              value={bag[key]}
              listId={listId}
              required={suggestions.some((s) => s.key === key && s.required)}
              onValue={(v) => onSet(key, v)}
              onRename={(to) => to !== key && !Object.hasOwn(bag, to) && onReplace(renameKey(bag, key, to))}
            />
          ))}
        </tbody>
      </table>
      <NewKey listId={listId} bag={bag} onAdd={(key) => onSet(key, '')} label={name} />
      {missing.length > 0 && (
        <div className="b-suggestions" aria-label={`Suggested ${name}`}>
          {missing.slice(0, 24).map((s) => (
            <button
              key={s.key}
              type="button"
              className={`b-chip ${s.required ? 'required' : ''}`}
              title={s.note}
              onClick={() => onSet(s.key, '')}
            >
              + {s.key}
              <span className="b-chip-note">{s.required ? `required · ${s.note}` : s.note}</span>
            </button>
          ))}
        </div>
      )}
    </fieldset>
  );
}

interface RowProps {
  bagName: string;
  name: string;
  value: unknown;
  listId: string;
  required: boolean;
  onValue(value: unknown): void;
  onRename(to: string): void;
}

function BagRow({ bagName, name, value, listId, required, onValue, onRename }: RowProps) {
  const kind = kindOf(value);
  // What the user is typing, while it is not (yet) a value of the kind: "1." or half a JSON object.
  const [typed, setTyped] = useState<string | null>(null);
  const [key, setKey] = useState(name);
  const shown = typed ?? showValue(value, kind);
  const problem = typed === null ? null : readValue(typed, kind);
  const findings = useFieldFindings([bagName, name], true);
  const commitKey = () => (key.trim() === '' ? setKey(name) : onRename(key));
  return (
    <>
      <tr className={required && (value === '' || value === null) ? 'b-required' : ''}>
        <td>
          <input
            className="b-input mono"
            aria-label={`Key ${name}`}
            value={key}
            list={listId}
            onChange={(e) => setKey(e.target.value)}
            onBlur={commitKey}
            onKeyDown={(e) => e.key === 'Enter' && commitKey()}
          />
        </td>
        <td>
          <select
            className="b-select"
            aria-label={`Type of ${name}`}
            value={kind}
            onChange={(e) => onValue(convertValue(value, e.target.value as ValueKind))}
          >
            {VALUE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k === 'json' ? 'object / array' : k}
              </option>
            ))}
          </select>
        </td>
        <td>
          {kind === 'boolean' ? (
            <input
              type="checkbox"
              aria-label={`Value of ${name}`}
              checked={value === true}
              onChange={(e) => onValue(e.target.checked)}
            />
          ) : (
            <input
              className={`b-input mono ${problem && !problem.ok ? 'invalid' : ''}`}
              aria-label={`Value of ${name}`}
              title={problem && !problem.ok ? problem.error : undefined}
              value={shown}
              onChange={(e) => {
                const read = readValue(e.target.value, kind);
                setTyped(read.ok && kind !== 'json' && kind !== 'number' ? null : e.target.value);
                if (read.ok) onValue(read.value);
              }}
              onBlur={() => setTyped(null)}
            />
          )}
        </td>
        <td>
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${name}`}
            onClick={() => onValue(undefined)}
          >
            ×
          </button>
        </td>
      </tr>
      {findings.length > 0 && (
        <tr className="b-findings-row">
          <td colSpan={4}>
            <FindingsList findings={findings} />
          </td>
        </tr>
      )}
    </>
  );
}

function NewKey({
  listId,
  bag,
  onAdd,
  label,
}: {
  listId: string;
  bag: Record<string, unknown>;
  onAdd(key: string): void;
  label: string;
}) {
  const [key, setKey] = useState('');
  const add = () => {
    const trimmed = key.trim();
    if (trimmed === '' || Object.hasOwn(bag, trimmed)) return;
    onAdd(trimmed);
    setKey('');
  };
  return (
    <div className="b-new">
      <input
        className="b-input mono"
        aria-label={`New ${label} key`}
        placeholder="new key"
        list={listId}
        value={key}
        onChange={(e) => setKey(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && add()}
      />
      <button
        type="button"
        className="ghost-button"
        onClick={add}
        disabled={key.trim() === '' || Object.hasOwn(bag, key.trim())}
      >
        Add
      </button>
    </div>
  );
}
