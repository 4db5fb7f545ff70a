import { useLayoutEffect, useRef, useState } from 'react';
import type { DestinationSettings } from '../../../../shared/settings';
import { announce } from '../../ui/announcer';
import { Picker, type PickerOption } from './Picker';
import { moveLookupRule } from './settingsModel';

type Direction = 'up' | 'down';
const OFFSET = { up: -1, down: 1 } as const;

/** A rule as a screen reader hears it: its field, or its place while the field is empty. */
const ruleName = (field: string, index: number): string => field.trim() || `rule ${index + 1}`;

/**
 * After a move the rule renders in another row, so the focus is put on that row's button (the
 * other one when the rule reached an end and this one is disabled): pressing again moves it again.
 */
function useFocusAfterMove() {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [moved, setMoved] = useState<{ index: number; direction: Direction } | null>(null);
  useLayoutEffect(() => {
    if (!moved) return;
    const pressed = buttons.current.get(`${moved.index}:${moved.direction}`);
    const other = buttons.current.get(`${moved.index}:${moved.direction === 'up' ? 'down' : 'up'}`);
    (pressed && !pressed.disabled ? pressed : other)?.focus();
  }, [moved]);
  const register = (key: string) => (button: HTMLButtonElement | null) => {
    if (button) buttons.current.set(key, button);
    else buttons.current.delete(key);
  };
  return { register, focusMoved: setMoved };
}

/** Lead lookup rules, in the order their fields are tried; Move up / Move down reorder them. */
export function LeadLookupRules({
  settings,
  set,
  fieldOptions,
}: {
  settings: DestinationSettings;
  set: (settings: DestinationSettings) => void;
  fieldOptions: PickerOption[] | null;
}) {
  const rules = settings.leadLookup;
  const { register, focusMoved } = useFocusAfterMove();
  const replace = (i: number, rule: (typeof rules)[number]) =>
    set({ ...settings, leadLookup: rules.map((r, j) => (j === i ? rule : r)) });
  const move = (index: number, direction: Direction) => {
    const to = index + OFFSET[direction];
    set(moveLookupRule(settings, index, OFFSET[direction]));
    focusMoved({ index: to, direction });
    announce(`${ruleName(rules[index]!.field, index)} moved to position ${to + 1} of ${rules.length}`);
  };
  return (
    <fieldset>
      <legend>Lead lookup, in order</legend>
      {rules.map((rule, i) => {
        const name = ruleName(rule.field, i);
        return (
          <div className="pair-row" key={i} data-testid="lookup-rule">
            <Picker
              value={rule.field}
              options={fieldOptions}
              label="Lookup field"
              onChange={(field) => replace(i, { ...rule, field })}
            />
            <span aria-hidden="true">from</span>
            <input
              value={rule.from.join(', ')}
              aria-label="Event paths"
              onChange={(e) =>
                replace(i, {
                  ...rule,
                  from: e.target.value
                    .split(',')
                    .map((p) => p.trim())
                    .filter(Boolean),
                })
              }
            />
            <button
              type="button"
              className="ghost-button icon-button"
              ref={register(`${i}:up`)}
              disabled={i === 0}
              onClick={() => move(i, 'up')}
              aria-label={`Move ${name} up`}
            >
              ↑
            </button>
            <button
              type="button"
              className="ghost-button icon-button"
              ref={register(`${i}:down`)}
              disabled={i === rules.length - 1}
              onClick={() => move(i, 'down')}
              aria-label={`Move ${name} down`}
            >
              ↓
            </button>
            <button
              type="button"
              className="ghost-button"
              disabled={rules.length === 1}
              onClick={() => set({ ...settings, leadLookup: rules.filter((_, j) => j !== i) })}
              aria-label={`Remove ${name}`}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="ghost-button"
        onClick={() =>
          set({ ...settings, leadLookup: [...rules, { field: 'email', from: ['traits.email'] }] })
        }
      >
        + Lookup
      </button>
    </fieldset>
  );
}
