import type { catalogHandlers } from '../commands/handlers/catalog-handlers';
import type { inventoryHandlers } from '../commands/handlers/inventory-handlers';
import type { CommandContext } from '../commands/command-handler';
import type { EventStore } from '../event-store/event-store';

const categories = [
  { name: 'Green tea', description: 'Unfermented, steamed or pan-fired leaves' },
  { name: 'Black tea', description: 'Fully oxidised leaves, strong and malty' },
  { name: 'Teaware', description: 'Pots, cups and everything to brew with' },
];

const products = [
  { code: 'SENCHA-50', name: 'Sencha', description: 'Steamed Japanese green tea, 50 g', categoryId: 'green-tea', amount: 850, stock: 40, lowStockThreshold: 5 },
  { code: 'MATCHA-30', name: 'Ceremonial matcha', description: 'Stone-ground tencha, 30 g tin', categoryId: 'green-tea', amount: 2_400, stock: 12, lowStockThreshold: 3 },
  { code: 'ASSAM-100', name: 'Assam breakfast', description: 'Malty second-flush Assam, 100 g', categoryId: 'black-tea', amount: 690, stock: 60, lowStockThreshold: 10 },
  { code: 'DARJ-50', name: 'Darjeeling first flush', description: 'Light and floral, 50 g', categoryId: 'black-tea', amount: 1_250, stock: 8, lowStockThreshold: 4 },
  { code: 'KYUSU-1', name: 'Kyusu teapot', description: 'Tokoname clay side-handle pot, 300 ml', categoryId: 'teaware', amount: 4_500, stock: 5, lowStockThreshold: 2 },
];

/**
 * A small catalog so that a fresh `npm start` has something to sell. Added once: only when the
 * shop has no products at all, and under fixed idempotency keys, so two processes starting at once
 * add it once too.
 */
export async function addDemoCatalog(
  eventStore: EventStore,
  handlers: { catalog: ReturnType<typeof catalogHandlers>; inventory: ReturnType<typeof inventoryHandlers> },
  now: Date,
): Promise<boolean> {
  for await (const batch of eventStore.readAll({ filter: { streamPrefixes: ['product-'] }, batchSize: 1 })) {
    if (batch.length > 0) return false;
  }
  const context = (key: string): CommandContext => ({ now, actor: { id: 'demo-catalog', role: 'system' }, correlationId: 'demo-catalog', idempotencyKey: `demo-catalog:${key}` });
  for (const category of categories) await handlers.catalog.defineCategory(category, context(category.name));
  for (const { stock, amount, ...product } of products) {
    await handlers.catalog.addProduct({ ...product, price: { amount, currency: 'EUR' } }, context(product.code));
    await handlers.inventory.receiveStock({ code: product.code, quantity: stock }, context(`${product.code}:stock`));
  }
  return true;
}
