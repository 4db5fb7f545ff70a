import type { CatalogActivityType, MarketoCatalog } from '../../../../shared/profiles';
import type { ActivityMapping } from '../../../../shared/settings';
import { Icon } from '../../ui/Icon';
import { Picker } from './Picker';
import { freshKey, removeEntry, setAttribute } from './settingsModel';

/** Activity type, primary property and property → attribute rows for one event (or pages). */
export function MappingEditor(props: {
  mapping: ActivityMapping;
  catalog: MarketoCatalog | null;
  onChange(mapping: ActivityMapping): void;
  testId: string;
}) {
  const { mapping, catalog, onChange, testId } = props;
  const type: CatalogActivityType | undefined = catalog?.activityTypes.find(
    (t) => t.id === mapping.activityTypeId,
  );
  const typeOptions =
    catalog?.activityTypes.map((t) => ({
      value: String(t.id),
      label: `${t.name} (${t.id})${t.status === 'approved' ? '' : ` — ${t.status}`}`,
    })) ?? null;
  // Attributes Marketo did not give (attributesProblem) are typed by hand, as before a load.
  const attributeOptions =
    type && type.attributesProblem === undefined
      ? type.attributes.map((a) => ({ value: a.apiName, label: `${a.name} · ${a.dataType}` }))
      : null;
  const attributes = Object.entries(mapping.attributes);
  return (
    <div className="mapping">
      <label>
        Activity type
        <Picker
          value={String(mapping.activityTypeId)}
          options={typeOptions}
          label="Activity type"
          onChange={(v) => onChange({ ...mapping, activityTypeId: Number(v) || 1 })}
          testId={`${testId}-type`}
        />
        {type?.attributesProblem && (
          <small className="tone-warning" data-testid={`${testId}-attributes-problem`}>
            <Icon name="warning" /> {type.attributesProblem}
          </small>
        )}
      </label>
      <label>
        Primary property
        <input
          value={mapping.primaryProperty}
          placeholder="e.g. webinar"
          onChange={(e) => onChange({ ...mapping, primaryProperty: e.target.value })}
          data-testid={`${testId}-primary`}
        />
        {type?.primaryAttribute && (
          <small>
            Becomes “{type.primaryAttribute.name}” ({type.primaryAttribute.dataType})
          </small>
        )}
      </label>
      <div className="pairs">
        <span className="pairs-head">Property → attribute</span>
        {attributes.map(([property, apiName], j) => (
          <div className="pair-row" key={j}>
            <input
              value={property}
              aria-label="Event property"
              onChange={(e) => onChange(setAttribute(mapping, property, e.target.value, apiName))}
              data-testid={`${testId}-property-${j}`}
            />
            <span aria-hidden="true">→</span>
            <Picker
              value={apiName}
              options={attributeOptions}
              label="Activity attribute"
              onChange={(v) => onChange(setAttribute(mapping, property, property, v))}
              testId={`${testId}-attribute-${j}`}
            />
            <button
              type="button"
              className="ghost-button"
              aria-label={`Remove ${property}`}
              onClick={() => onChange({ ...mapping, attributes: removeEntry(mapping.attributes, property) })}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="ghost-button"
          onClick={() =>
            onChange(
              setAttribute(
                mapping,
                null,
                freshKey(mapping.attributes, 'property'),
                type?.attributes[0]?.apiName ?? '',
              ),
            )
          }
          data-testid={`${testId}-add-attribute`}
        >
          + Attribute
        </button>
      </div>
    </div>
  );
}
