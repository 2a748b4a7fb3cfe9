/**
 * The one place stream names are made: `<category>-<id>`. Subscriptions filter on the category
 * prefix, so a stream's category must never change once events are written to it.
 */
export const streamCategories = ['product', 'category', 'inventory', 'customer', 'account', 'email', 'order', 'payment', 'notification', 'audit', 'vendor', 'pricebook', 'sms'] as const;
export type StreamCategory = (typeof streamCategories)[number];

export function streamName(category: StreamCategory, id: string): string {
  if (!id) throw new RangeError(`A ${category} stream needs an id`);
  return `${category}-${id}`;
}

/** The filter prefix that selects every stream of a category. */
export const streamPrefix = (category: StreamCategory): string => `${category}-`;
