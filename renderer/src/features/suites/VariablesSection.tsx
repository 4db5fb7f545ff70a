import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ENV_VARIABLE_PREFIX } from '../../../../shared/suiteVariables';
import { ok } from '../../../../shared/result';
import { Icon } from '../../ui/Icon';
import { editVariables, useSuitesStore } from './suiteStore';
import {
  addVariable,
  removeVariable,
  renameVariable,
  setVariableValue,
  unresolvedNames,
  variablesOf,
} from './variableEdit';

function FieldError({ id, text }: { id: string; text: string | null }) {
  if (!text) return null;
  return (
    <p id={id} className="variable-error" role="alert">
      {text}
    </p>
  );
}

/** A variable's name: the rename is taken on Enter or leaving the field; Escape puts it back. */
function NameField({ name }: { name: string }) {
  const errorId = useId();
  // The draft belongs to the name it was typed over; another name (a row removed above) starts clean.
  const [draft, setDraft] = useState<{ of: string; text: string; error: string | null } | null>(null);
  const current = draft?.of === name ? draft : null;
  const commit = () => {
    if (!current) return;
    const error = editVariables((vars) => renameVariable(vars, name, current.text));
    setDraft(error ? { ...current, error } : null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape' && current) {
      e.stopPropagation();
      setDraft(null);
    }
  };
  return (
    <div className="variable-field">
      <input
        className="variable-input"
        aria-label={`Name of ${name}`}
        value={current?.text ?? name}
        spellCheck={false}
        aria-invalid={current?.error ? true : undefined}
        aria-describedby={current?.error ? errorId : undefined}
        onChange={(e) => setDraft({ of: name, text: e.target.value, error: null })}
        onBlur={commit}
        onKeyDown={onKeyDown}
        data-testid="variable-name"
      />
      <FieldError id={errorId} text={current?.error ?? null} />
    </div>
  );
}

function AddVariable() {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = editVariables((vars) => addVariable(vars, name.trim(), value));
    setError(problem);
    if (!problem) {
      setName('');
      setValue('');
    }
  };
  return (
    <form className="variable-row variable-add" onSubmit={submit} data-testid="variable-add">
      <div className="variable-field">
        <input
          className="variable-input"
          aria-label="Variable name"
          placeholder="name"
          value={name}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          data-testid="variable-add-name"
        />
        <FieldError id={errorId} text={error} />
      </div>
      <input
        className="variable-input"
        aria-label="Variable value"
        placeholder="value, may use {{$uuid}}"
        value={value}
        spellCheck={false}
        onChange={(e) => setValue(e.target.value)}
        data-testid="variable-add-value"
      />
      <button type="submit" className="secondary-button" data-testid="variable-add-button">
        Add variable
      </button>
    </form>
  );
}

function Unresolved({ missing, unresolvable }: { missing: string[]; unresolvable: string[] }) {
  if (missing.length === 0 && unresolvable.length === 0) return null;
  const braces = (name: string) => `{{${name}}}`;
  return (
    <div className="variables-unresolved" data-testid="variables-undefined">
      {missing.length > 0 && (
        <>
          <p>
            Used by cases but not defined here:{' '}
            {missing.map((name, i) => (
              <span key={name}>
                {i > 0 && ', '}
                <code data-testid="variable-undefined-name">{braces(name)}</code>
              </span>
            ))}
          </p>
          <p className="muted">
            A run takes them from the environment ({ENV_VARIABLE_PREFIX}
            <var>name</var>) or <code>--var name=value</code> in the CLI; without them it fails with “no value
            for {braces(missing[0]!)}”.
          </p>
        </>
      )}
      {unresolvable.length > 0 && (
        <p className="variable-error" data-testid="variables-unresolvable">
          Nothing can give {unresolvable.map(braces).join(', ')}: the runner generates only{' '}
          <code>{'{{$uuid}}'}</code>, <code>{'{{$timestamp}}'}</code> and <code>{'{{$randomEmail}}'}</code>,
          and a variable’s value may use only those. A run will fail.
        </p>
      )}
    </div>
  );
}

/** The suite's variables: name/value rows to add, rename, change and remove, and the names left undefined. */
export function VariablesSection() {
  const suite = useSuitesStore((s) => s.suite);
  if (!suite) return null;
  const variables = [...variablesOf(suite)];
  const { missing, unresolvable } = unresolvedNames(suite);
  const undefinedCount = missing.length + unresolvable.length;
  return (
    <details className="suite-variables" data-testid="suite-variables">
      <summary>
        Variables ({variables.length}){undefinedCount > 0 && `, ${undefinedCount} undefined`}
      </summary>
      <ul className="variable-rows" aria-label="Variables">
        {variables.map(([name, value], index) => (
          <li key={index} className="variable-row" data-testid="variable-row">
            <NameField name={name} />
            <input
              className="variable-input"
              aria-label={`Value of ${name}`}
              value={value}
              spellCheck={false}
              onChange={(e) => editVariables((vars) => ok(setVariableValue(vars, name, e.target.value)))}
              data-testid="variable-value"
            />
            <button
              type="button"
              className="ghost-button"
              aria-label={`Remove ${name}`}
              title={`Remove ${name}`}
              onClick={() => editVariables((vars) => ok(removeVariable(vars, name)))}
              data-testid="variable-remove"
            >
              <Icon name="close" />
            </button>
          </li>
        ))}
      </ul>
      <AddVariable />
      <Unresolved missing={missing} unresolvable={unresolvable} />
    </details>
  );
}
