import { useDeliveryStore } from './stores';
import { summaryCards } from './summaryCards';

/** The period's numbers, each with its change against the previous period of the same length. */
export function SummaryCards() {
  const overview = useDeliveryStore((s) => s.overview);
  if (!overview) return null;
  const cards = summaryCards(overview);
  return (
    <section className="summary-cards" aria-label="Summary" data-testid="delivery-summary">
      {cards.map((card) => (
        <div key={card.id} className="summary-card" data-testid={`card-${card.id}`}>
          <span className="card-label">{card.label}</span>
          <strong className="card-value" data-testid="card-value">
            {card.value}
          </strong>
          <span className="card-foot">
            {card.detail && <span className="card-detail">{card.detail}</span>}
            {card.change && (
              <span
                className={`card-change trend-${card.trend}`}
                title="Change against the previous period of the same length"
                data-testid="card-change"
              >
                {card.change}
              </span>
            )}
          </span>
        </div>
      ))}
    </section>
  );
}
