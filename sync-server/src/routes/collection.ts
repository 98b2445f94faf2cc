import { isCollectionName, type CollectionName } from '@waystation/domain/collections';
import { InputError } from '../services/errors';

/** The `:collection` route parameter, checked against the registry. */
export function collectionParam(params: unknown): CollectionName {
  const name = (params as { collection?: unknown } | undefined)?.collection;
  if (typeof name === 'string' && isCollectionName(name)) return name;
  throw new InputError('unknown_collection', `There is no collection named ${JSON.stringify(String(name))}`);
}
