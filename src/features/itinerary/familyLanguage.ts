import { isInterfaceLanguage, type InterfaceLanguage } from '../../app/i18n';
import type { Person } from '../../domain/person';

/**
 * The language to print a family's papers in: the first language of the head
 * of the family (else of anyone in it) that the app is translated into,
 * else English. Languages are ISO 639 codes ("es", "ar", "swh" is not "sw").
 */
export function familyLanguage(members: readonly Pick<Person, 'relationship' | 'languages'>[]): InterfaceLanguage {
  const ordered = [...members.filter((m) => m.relationship === 'head'), ...members.filter((m) => m.relationship !== 'head')];
  for (const member of ordered) {
    for (const code of member.languages) {
      const base = code.split('-')[0] ?? code;
      if (isInterfaceLanguage(base)) return base;
    }
  }
  return 'en';
}
