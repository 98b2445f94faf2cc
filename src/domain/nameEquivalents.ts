/**
 * Spellings of one name across transliterations (BRIEF §1, issue 16 item 10).
 * Names from Arabic, Somali, Amharic and Tigrinya reach a registration desk
 * in whatever Latin spelling the person, an earlier form or the volunteer
 * chose: Mohammed / Muhammad / Mohamed / Maxamed (Somali orthography writes
 * ħ as x and ʕ as c), Abdullahi / Abdallah / Cabdullaahi, Yusuf / Yousef /
 * Joseph. Two tools meet them:
 *
 *  - a table of names known to be one name (below), which also carries the
 *    cross-language forms no sound rule could find (Yusuf / Joseph,
 *    Ibrahim / Abraham, Sulayman / Solomon);
 *  - a transliteration key: consonants folded to the sound the spellings
 *    share, each vowel slot kept with its quality (a, i, u; an "e" may stand
 *    for any of them), so Muhammad/Mohammed and Yusuf/Yousef meet while
 *    Hassan/Hussein and Muhammad/Mahmoud, different names, do not.
 *
 * Input to both is a normalised name part (lower case, no accents: see names.ts).
 * Nothing here changes the stored, indexed name keys; it is used in scoring only.
 */

/** Each line: spellings of one name. A spelling belongs to one line only (checked by the tests). */
export const NAME_EQUIVALENTS: readonly (readonly string[])[] = [
  ['muhammad', 'mohammed', 'mohamed', 'mohammad', 'mohamad', 'muhammed', 'muhamad', 'mohamud', 'maxamed', 'mohd', 'mehmet', 'mahamed'],
  ['mahmoud', 'mahmud', 'mahamud', 'maxamuud', 'mehmood', 'mahmood'],
  ['ahmed', 'ahmad', 'axmed', 'ahmet', 'akhmed', 'ahamed'],
  ['abdullahi', 'abdallah', 'abdullah', 'abdulla', 'abdalla', 'abdillahi', 'cabdullaahi', 'abdellah', 'abdulahi', 'abdallahi'],
  ['abdirahman', 'abdulrahman', 'abdurrahman', 'abdelrahman', 'abdurahman', 'cabdiraxmaan', 'abdiraxman', 'abderrahmane'],
  ['abdulkadir', 'abdulqadir', 'abdikadir', 'abdiqadir', 'cabdulqaadir', 'abdelkader', 'abdelkadir', 'abdulkader'],
  ['abdi', 'cabdi', 'abdie'],
  ['yusuf', 'yousef', 'yousuf', 'youssef', 'yusef', 'yosef', 'yoseph', 'yuusuf', 'joseph', 'yussuf', 'youcef'],
  ['ibrahim', 'ebrahim', 'ibraahim', 'ibrahiim', 'abraham', 'abrham', 'ibrahima', 'brahim'],
  ['ismail', 'ismael', 'ismaaciil', 'esmail', 'ismaail', 'ismayil'],
  ['sulayman', 'suleiman', 'sulaiman', 'suleyman', 'soliman', 'sulemaan', 'solomon', 'selemun', 'slemon'],
  ['yaqub', 'yacoub', 'yakub', 'yacqub', 'yaaqub', 'yakob', 'yaekob', 'jacob', 'yaqoob'],
  ['musa', 'moussa', 'mousa', 'muuse', 'moses', 'mussa'],
  ['isa', 'issa', 'eesa', 'ciise', 'iisa'],
  ['dawud', 'dawood', 'daud', 'dawuud', 'dawit', 'david', 'daoud'],
  ['yohannes', 'yohanes', 'johannes', 'yohanis', 'yuhanna', 'john', 'yohana'],
  ['ali', 'cali', 'aly'],
  ['omar', 'umar', 'cumar', 'omer', 'oumar'],
  ['osman', 'othman', 'uthman', 'usman', 'cismaan', 'osmaan', 'ousmane'],
  ['hassan', 'hasan', 'xasan', 'hasen', 'hassen'],
  ['hussein', 'husein', 'hussain', 'husain', 'xuseen', 'hussien', 'husen', 'houssein'],
  ['mustafa', 'mustapha', 'mostafa', 'mustefa', 'mustaf'],
  ['khalid', 'khaled', 'khaalid', 'kalid', 'haled'],
  ['said', 'saeed', 'saed', 'saciid', 'sayid', 'saiid'],
  ['rashid', 'rasheed', 'rachid', 'rashed', 'rashiid'],
  ['yasin', 'yassin', 'yaseen', 'yassine', 'yasiin'],
  ['adam', 'aadan', 'adem', 'aden'],
  ['nur', 'noor', 'nour', 'nuur'],
  ['idris', 'idriss', 'edris', 'idiris'],
  ['bashir', 'beshir', 'basheer', 'bashiir'],
  ['sharif', 'shariif', 'cherif', 'sherif', 'shareef'],
  ['jamal', 'gamal', 'jamaal', 'djamal'],
  ['abubakar', 'abubakr', 'abubaker', 'abuubakar', 'aboubakar'],
  ['tesfaye', 'tesfay', 'tesfai'],
  ['tekle', 'teklay', 'tecle', 'teklai'],
  ['berhane', 'birhane', 'berhanu', 'brhane'],
  ['haile', 'hayle', 'hailay'],
  ['fatima', 'fatuma', 'faadumo', 'fatma', 'fatouma', 'fadumo', 'fatimah', 'faduma'],
  ['khadija', 'khadijah', 'hadija', 'kadija', 'khadiija', 'khadiijo', 'hadiyo'],
  ['aisha', 'ayesha', 'aysha', 'asha', 'aicha', 'caasha', 'aishah', 'aisho'],
  ['amina', 'aminah', 'amino', 'aamina', 'aminata'],
  ['maryam', 'mariam', 'meryem', 'maryan', 'mariyam', 'miriam', 'maryama'],
  ['halima', 'halimo', 'xaliimo', 'halimah', 'haliima'],
  ['zainab', 'zeinab', 'zaynab', 'seynab', 'zenab'],
  ['hawa', 'hawo', 'xawo', 'hawwa', 'xaawo'],
  ['saida', 'saeeda', 'saciido', 'sayida'],
];

const GROUP_OF: ReadonlyMap<string, number> = new Map(
  NAME_EQUIVALENTS.flatMap((spellings, group) => spellings.map((spelling) => [spelling, group] as const)),
);

/** Whether two name parts are spellings of one name according to the table. */
export function areEquivalentNames(a: string, b: string): boolean {
  const group = GROUP_OF.get(a);
  return group !== undefined && group === GROUP_OF.get(b);
}

/** The other spellings of a name part in the table (empty when it is not there). */
export function equivalentSpellings(part: string): readonly string[] {
  const group = GROUP_OF.get(part);
  return group === undefined ? [] : (NAME_EQUIVALENTS[group] ?? []).filter((s) => s !== part);
}

/** Consonant spellings that stand for one sound in transliterations, longest first. */
const CONSONANT_FOLDS: readonly [RegExp, string][] = [
  [/kh/g, 'h'], // Khalid / Halid; Somali x (ħ) below
  [/x/g, 'h'],
  [/gh/g, 'g'], // Ghirmay / Girmay
  [/sh|ch(?=[aeiouy])/g, '$'], // Aisha / Aicha, Sharif / Chérif: one symbol, never confused with s
  [/dj/g, 'j'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/ph/g, 'f'],
  [/ck|q/g, 'k'],
  [/c(?![aeiou])/g, 'k'],
];

const VOWEL_CLASS: Record<string, string> = { a: 'A', i: 'I', y: 'I', o: 'U', u: 'U', w: 'U', e: 'E' };

/**
 * A vowel slot's quality: the diphthong ay however spelled (Hussein / Husain, Aysha / Aisha) is D;
 * otherwise the first vowel that is not an e ("ou" is u, "ee" is E).
 */
function slotQuality(vowels: string): string {
  if (/^[ae][iy]$/.test(vowels)) return 'D';
  return [...vowels].map((v) => VOWEL_CLASS[v] ?? 'E').find((c) => c !== 'E') ?? 'E';
}

/**
 * The transliteration key of a name part: a list of consonants and vowel
 * slots. Each slot is A, I or U (the three vowels of Arabic), D (the
 * diphthong ay), or E, which transliterations use for any vowel (Mohammed's
 * e is an a, Yousef's a u).
 * A Somali c before a vowel is the ʕ that other spellings leave out (Cabdi /
 * Abdi); a final vowel and a final h after a vowel are dropped (Tesfaye /
 * Tesfay, Fatimah / Fatima); doubled letters count once.
 */
export function transliterationKey(part: string): string[] {
  let s = part.replace(/[^a-z]/g, '');
  s = s.replace(/c(?=[aeiou])/g, ''); // Somali c = ʕ (Cali, Cumar, Saciid)
  for (const [pattern, replacement] of CONSONANT_FOLDS) s = s.replace(pattern, replacement);
  s = s.replace(/(.)\1+/g, '$1');
  // Endings transliterations add or leave out: a final vowel (Abdullahi / Abdullah, Tesfaye /
  // Tesfay), and a final h after a vowel (ta marbuta: Fatimah / Fatima).
  s = s.replace(/[aeiouy]+$/, '').replace(/([aeiouy])h$/, '$1').replace(/[aeiouy]+$/, '');
  const key: string[] = [];
  let vowels = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    const next = s[i + 1] ?? '';
    // y and w before a vowel are consonants (Yusuf, Dawud); elsewhere vowels (Aysha).
    const isVowel = 'aeiou'.includes(ch) || ('yw'.includes(ch) && !'aeiou'.includes(next));
    if (isVowel) {
      vowels += ch;
      continue;
    }
    if (vowels !== '') {
      key.push(slotQuality(vowels));
      vowels = '';
    }
    key.push(ch);
  }
  return key;
}

function slotsAgree(a: string, b: string): boolean {
  const isSlot = (x: string) => 'AIUDE'.includes(x);
  if (isSlot(a) !== isSlot(b)) return false;
  if (!isSlot(a)) return a === b;
  return a === b || a === 'E' || b === 'E';
}

/** Whether two name parts have the same transliteration key (at least three sounds, so initials do not meet). */
export function sameTransliteration(a: string, b: string): boolean {
  const ka = transliterationKey(a);
  const kb = transliterationKey(b);
  if (ka.length !== kb.length || ka.length < 3) return false;
  return ka.every((item, index) => slotsAgree(item, kb[index] ?? ''));
}
