// Event Delivery: summary, trends and issues over every recorded delivery, with examples per issue.
export { DeliveryView } from './DeliveryView';
export { useDeliveryStore } from './stores';
