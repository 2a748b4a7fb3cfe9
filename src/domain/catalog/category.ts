import { createHash } from 'node:crypto';
import { alreadyExists } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';

export type CategoryCommand = {
  type: 'DefineCategory';
  data: { categoryId: string; name: string; description: string; now: Date };
};

export type CategoryEvent = {
  type: 'CategoryDefined';
  data: { categoryId: string; name: string; description: string; definedAt: string };
};

export type CategoryState = { status: 'undefined' } | { status: 'defined'; categoryId: string; name: string; description: string };

export const initialCategoryState: CategoryState = { status: 'undefined' };

export function defineCategory(command: Extract<CategoryCommand, { type: 'DefineCategory' }>, state: CategoryState): CategoryEvent[] {
  const { categoryId, name, description, now } = command.data;
  if (state.status === 'defined') {
    throw alreadyExists('category-exists', `A category with id ${categoryId} exists already`, { categoryId });
  }
  return [{ type: 'CategoryDefined', data: { categoryId, name, description, definedAt: now.toISOString() } }];
}

export function decideCategory(command: CategoryCommand, state: CategoryState): CategoryEvent[] {
  switch (command.type) {
    case 'DefineCategory':
      return defineCategory(command, state);
    default:
      return unreachable(command.type);
  }
}

export function evolveCategory(_state: CategoryState, event: CategoryEvent): CategoryState {
  switch (event.type) {
    case 'CategoryDefined':
      return { status: 'defined', categoryId: event.data.categoryId, name: event.data.name, description: event.data.description };
    default:
      return unreachable(event.type);
  }
}

export const categoryDecider: Decider<CategoryCommand, CategoryEvent, CategoryState> = {
  initialState: initialCategoryState,
  decide: decideCategory,
  evolve: evolveCategory,
};

/**
 * A category's id is its name, lower-cased, with dashes: "Green tea" → "green-tea". A name with no
 * Latin letter or digit ("Ɠ", "Чай", "ß") would give an empty id; it gets one derived from the
 * name instead ("c-" and 12 hex digits of its hash), so that the same name is still the same id.
 */
export function categoryIdFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || `c-${createHash('sha256').update(name.normalize('NFC').toLowerCase()).digest('hex').slice(0, 12)}`;
}
