import { getMetadataStorage, type MetadataStorage } from 'class-validator';

// class-validator does not export the type of a rule; its storage's methods name it.
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type Grouped = Record<string, ValidationMetadata[]>;

/** Set on the storage (a global of class-validator's), so that a module loaded twice wraps it once. */
const MEMOIZED = Symbol.for('deal-ledger.validation-metadata-memo');

/**
 * class-validator works out a class's rules anew on every validation, and again for each
 * nested object: it filters every rule of the class, and tests the class against every
 * other class it holds rules for (inherited rules). That was about a third of the time to
 * validate a line of a bulk import. A class's rules change only when a decorator (or a
 * schema) registers one, at class definition, so the answers are kept until the next
 * registration, which forgets them all. The validation itself is untouched: the same rules
 * run in the same order on every value.
 */
export function memoizeValidationMetadata(): void {
  const storage = getMetadataStorage() as MetadataStorage & { [MEMOIZED]?: true };
  if (storage[MEMOIZED]) return;
  storage[MEMOIZED] = true;
  let rules = new Map<unknown, Map<string, ValidationMetadata[]>>();
  // Keyed by the array answered above, which is the same object for as long as it is kept.
  let grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const forget = () => {
    rules = new Map();
    grouped = new WeakMap();
  };

  const targetRules = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = JSON.stringify([schema, always, strictGroups, groups]);
    let ofTarget = rules.get(target);
    if (!ofTarget) rules.set(target, (ofTarget = new Map()));
    let found = ofTarget.get(key);
    if (!found) ofTarget.set(key, (found = targetRules(target, schema, always, strictGroups, groups)));
    return found;
  };
  const groupByProperty = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = groupByProperty(metadata)));
    return found;
  };

  const addRule = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    addRule(metadata);
  };
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
}
