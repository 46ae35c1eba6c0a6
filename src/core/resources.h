// Resources: where vestnik finds its data, and the per-language lexicons loaded from it.
//
// Reads: lang/<code>/ (lang/README.md), models/sentence-starters.tsv and models/common-nouns-<code>.tsv under the resource root. Adds: LangResources per code.
// Guarantees: loaded once, immutable afterwards, safe to share between threads. An unknown
// language gets an empty LangResources, never an error.
#ifndef VESTNIK_CORE_RESOURCES_H_
#define VESTNIK_CORE_RESOURCES_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/lexicon.h"
#include "core/status.h"

namespace vestnik {

struct NameEnding {
  std::string ending;       // folded
  std::string replacement;  // folded
  bool safe = false;        // may be applied without confirmation
};

// A rewrite of a name word's ending given as language data (lang/<code>/lemma_endings.tsv; the
// name lemmatiser tries it when its result is attested, docs/NER.md#lemmas): folded letters,
// where an upper-case 'C' in `ending` matches one consonant letter and each 'C' of
// `replacement` writes the consonants so matched, in order ("еCия" → "яC": "белия" → "бял").
struct EndingRewrite {
  // kWord: a rewrite of the word as written; kLemma: of a lemma the learnt rules offer;
  // kName: of the word as written, taken only when a known name confirms it; kDefinite: no
  // rewrite but a form that is never a lemma (a definite article: bg "-ата"), which a name of
  // the knowledge base written with it does not confirm.
  enum class Kind : uint8_t { kWord, kLemma, kName, kDefinite };
  Kind kind = Kind::kWord;
  int8_t position = -1;       // entities::WordPosition (single, first, middle, last), or -1: any
  std::string ending, replacement;
  // The rewritten folded word, or "" when `folded` does not end so (or would be left empty).
  std::string ApplyTo(std::string_view folded) const;
};

struct LangResources {
  std::string code;
  Transliteration translit;  // to the language's other script, if it has two
  std::unordered_set<std::string> abbreviations;  // folded, with their dots
  // Abbreviations that stand before a name or number and never end a sentence ("проф.", "Mr.").
  std::unordered_set<std::string> prefix_abbreviations;
  size_t max_abbreviation_bytes = 0;
  PhraseTable cues;              // lemma, class (say | write | according)
  PhraseTable complementizers;
  PhraseTable clause_starters;   // words that open a reported clause without a complementiser
  // Auxiliaries and modals ("was", "would"): one between a cue and a complementiser shows a
  // clause that opened without one ("said officials are in possession of video that shows").
  PhraseTable finite_auxiliaries;
  PhraseTable pronouns;          // gender
  PhraseTable oblique_pronouns;  // gender: "му", "him" after according-to phrases
  PhraseTable channels;          // channel
  PhraseTable channel_phrases;   // channel (may hold {})
  PhraseTable via;
  PhraseTable citing;            // "со ссылкой на": the source named after it is the speaker
  PhraseTable indefinite_sources;  // "според едни", "according to some": an unnamed part of people
  PhraseTable relative_pronouns;   // "who", "which": the subject of a relative clause
  PhraseTable cataphora;         // "Това заяви …" after a quotation: words that point back to it
  PhraseTable months;            // number
  PhraseTable relative_dates;    // days
  PhraseTable year_markers;
  // Nouns of time ("week", "месец"): a phrase they head is when, not who ("Wells Fargo this
  // month announced").
  PhraseTable time_nouns;
  PhraseTable titles;            // role
  // Common nouns for bodies and groups that speak as one ("властите", "министерството",
  // "пътниците"): with the words that describe them they are a speaker by description, never
  // a person (no title anaphora).
  PhraseTable bodies;
  // Prepositions that, opening a clause, put the speaker before a cue in the plural
  // ("От министерството съобщиха", "В Кремле заявили", "Iz MUP-a su saopštili").
  PhraseTable source_prepositions;
  // Words that link a body's noun to its complement ("на": "пресслужбата на Кремъл").
  PhraseTable description_links;
  PhraseTable entity_keywords;   // type
  PhraseTable function_words;
  // Nouns for the members or followers of a party or political movement, every inflected
  // form ("демократите", "republikanów", "konzervativci"): SlavicNER annotates them as names
  // (mostly PER); the tagger sees membership as a feature (group_nouns.txt).
  PhraseTable group_nouns;
  // A name right after one ("в Государственной думе", "with CNN") is not the one who speaks.
  PhraseTable prepositions;
  // Articles, fused prepositions and possessives: a capitalised word after one heads a noun
  // phrase (evidence for `vestnik train nouns`).
  PhraseTable determiners;
  // Verb forms of the reporting mood (German Konjunktiv I: "sei", "habe", "bestehe";
  // Bulgarian renarrative participles: "нямало", "заявил"): a
  // sentence with one, right after reported speech, goes on reporting it.
  PhraseTable reported_forms;
  // Words that make a reported form right after them ordinary (Bulgarian "е казал").
  PhraseTable reported_blockers;
  // Words that open a sentence's parenthetical attribution, whose comma is followed by the
  // reported words ("Jak uvedl ministr, …", "Wie er sagte, …", "As she said, …").
  PhraseTable parenthetical_openers;
  std::vector<NameEnding> name_endings;  // longest ending first
  std::vector<EndingRewrite> lemma_endings;  // lemma_endings.tsv, in file order
  std::vector<std::string> name_fallbacks;
  // Surname endings that tell a person's gender (surname_genders.tsv: bg "ова" f, "ов" m; cs
  // "ová" f), folded, longest first; empty where surnames do not tell (sr "-ić", en).
  std::vector<std::pair<std::string, char>> surname_genders;
  // 'm', 'f', or 0 when the ending of `folded_surname` does not tell.
  char SurnameGender(std::string_view folded_surname) const;
  // Given names that tell a person's gender (given_name_genders.tsv: bg "-а" f, with the
  // exceptions as whole words: "^илия" m), where the surname does not ("Ангела Меркел").
  std::vector<std::pair<std::string, char>> given_name_genders;
  char GivenNameGender(std::string_view folded_given_name) const;
  // Case-folded words that, capitalised after a lower-case word, open a new sentence (a
  // headline run into its article): learnt by `vestnik train segment`, read from
  // models/sentence-starters.tsv (both scripts for Serbian).
  // The value says whether the word starts one after a capitalised word as well.
  std::unordered_map<std::string, bool> sentence_starters;
  // Case-folded capitalised words that are common nouns, not names (German capitalises every
  // noun): learnt by `vestnik train nouns`, read from models/common-nouns-<code>.tsv. The rule
  // recogniser neither starts nor ends an unknown name with one.
  std::unordered_set<std::string> common_nouns;
  // `folded` is a common noun: listed, or a hyphenated compound whose last part is listed
  // ("us-staates", "air-france-chef"). (Closed compounds by their last letters,
  // "regierungssprecher" by "sprecher", were tried: GermEval speaker accuracy fell.)
  bool IsCommonNoun(std::string_view folded) const;
  // settings.tsv
  // A colon followed by a capitalised word on the same line ends the sentence (Bulgarian
  // orthography: "Двама си говорят: Водачът …").
  bool colon_capital_ends_sentence = false;
  // "Of" is a case ending, not a preposition (Czech "mluvčí ministerstva"): a preposition
  // inside a speaker's description leads only to a name ("zmocněnec OSN pro Afghánistán"),
  // never over a circumstance ("kancléř ve svém prohlášení").
  bool genitive_case = false;
  // An according-to phrase stands inside its clause as an adverbial (German "Ein Tatverdacht
  // bestehe nach Angaben der Polizei nicht mehr"): the whole sentence is what its source
  // says. Elsewhere only one that opens or closes the sentence frames it.
  bool according_inside_clause = false;
  // Every subordinate clause is set off by a comma (German "Er sagte, er sei …"): a reported
  // clause without a complementiser opens only after one, so that the words right after a
  // cue with no comma are its subject ("sagte sie: „…“", "äußerten die Richter „…“").
  bool clause_needs_comma = false;
  // The finite verb stands second in a main clause (German): after an adverbial that opens
  // it ("In der Begründung äußerten die Richter"), the subject follows the verb.
  bool verb_second = false;
  // Prepositions that make an according-to phrase of a noun phrase whose head names a source
  // of information (settings `according_noun_prepositions`, de "nach": "Nach einer
  // norwegischen Studie", "nach Polizeiangaben"), and those nouns (according_nouns.txt).
  std::vector<std::string> according_noun_prepositions;
  // The words that open an attribute of a source's noun phrase, which the words naming the
  // speaker take in (settings `source_attributes`, de "des eines von vom aus": "Ken Rice vom
  // Institut für Astronomie", "Angaben des Magazins"), and those that open one only after a
  // noun that names no person (`source_noun_attributes`, de "der in im am für": "ein Sprecher
  // des Zentrums in Brisbane", not "sagte Merkel der Zeitung").
  std::vector<std::string> source_attributes;
  // Quoted words inside a report are a direct quotation of their own as well, besides the
  // mixed quote around them (settings `nested_direct`, as German news corpora annotate them:
  // "Er nannte den Plan „fahrlässig“").
  bool nested_direct = false;
  // The trained speaker ranker (models/speakers-<code>.model, src/quotes/speaker_ranker.h) may
  // overrule the rules' speaker of a quotation with a cue (settings `speaker_ranker`).
  bool speaker_ranker = false;
  // A sentence whose cue frames no clause and no quotation reports a speech act, the whole
  // sentence being what was said (settings `reported_acts`, de: "Die Polizei sprach von einer
  // friedlichen Demonstration.", as German news corpora annotate it).
  bool reported_acts = false;
  // Auxiliaries of the passive (settings `passive_auxiliaries`, de "wird wurde wurden werden
  // worden") and impersonal subject pronouns (`impersonal_pronouns`, de "es"): a cue right
  // beside one has no subject ("Kritisiert wird, dass …", "…, hieß es."), so no person found
  // near it speaks.
  std::vector<std::string> passive_auxiliaries;
  std::vector<std::string> impersonal_pronouns;
  // Prepositions that name the agent of a passive cue (`passive_agents`, de "von vom durch").
  std::vector<std::string> passive_agents;
  std::vector<std::string> source_noun_attributes;
  PhraseTable according_nouns;
  // `folded` is one of according_nouns or a closed compound ending in one ("polizeiangaben").
  bool IsAccordingNoun(std::string_view folded) const;
  // A quotation that its frame interrupts and that goes on after it in the same paragraph
  // ("“A,” he said. “B.”") is one statement, reported as one quote whose text joins the parts
  // (as English news corpora annotate it); elsewhere each part is a quote of its own.
  bool join_interrupted_quotes = false;
  // A cue right after a coordinator ("… said it was opposed and warned Pyongyang to …",
  // "supported Democrats and said he …") starts a report of its own with the same subject:
  // it ends the reported words of the cue before it (en, as English news corpora annotate it).
  bool coordinated_cues = false;
  // A prepositional phrase may stand between a cue and the clause it reports, which has no
  // complementiser ("said after the convention he would not …"; en).
  bool adverbial_before_clause = false;
  // A naming verb's participle after a comma reports its object too ("…, promising to meet
  // his goals", "…, comparing him to Obama"; en, as PolNeAR annotates it).
  bool participle_objects = false;
  // The article's first line "Words: …" attributes what follows the colon to those words
  // (en headlines: "Poll: Trump and Clinton hold narrow leads"), as English news corpora
  // annotate them; elsewhere only a name before the colon, or words echoed as a quote, do.
  bool headline_attributions = false;
  // The same as a direct quote of the words before the colon, as Bulgarian news write
  // headlines ("Експерт пред „Росийская газета“: Москва може да се върне …").
  bool headline_quotes = false;
  // Short possessive pronouns written after their noun (bg "му ѝ й им"): after a speaker's
  // words they belong to them ("Семейството ѝ", "Адвокатът му"), and a title so possessed is
  // not the person the pronoun points to.
  std::vector<std::string> possessive_clitics;
  // Endings of adjectives in the plural where they differ from the nouns' (ru "ые ие"): with a
  // plural noun after them they open a group's name ("Судоходные брокеры заявили").
  std::vector<std::string> plural_adjective_endings;
  // A finite verb always has its subject written (en, de; not the pro-drop languages, where
  // "Заяви, че …" has a zero subject): a cue that opens its sentence is then a participle
  // with no agent ("Asked whether …, 75 percent said …").
  bool subject_required = false;
  bool ordinal_dot = false;  // ordinals are written "16." ("16. januara")
  // A name word written in capitals ("ВАШИНГТОН" in a dateline) has the lemma of the
  // knowledge-base name it is when that is written in mixed case ("Вашингтон"), as SlavicNER's
  // bg, ru and uk lemmas have it (its cs and sl lemmas keep the capitals).
  bool title_case_capital_names = false;
  // A person's given name takes the case of the surname after it (ru "Роберта Мюллера" →
  // "Роберт Мюллер", "Адам Шифф" stays): the name lemmatiser makes the earlier words of a
  // person's mention agree with the rewrite of its last word (NameLemmatizer::AgreeWithSurname).
  bool name_case_agreement = false;
  // The endings of adjectives, any case (ru "ый ого ому ых ..."), folded. With them, a name that
  // is not a person's is read as adjectives, a head noun (the first word that ends in none of
  // them, as written or as lemmatised) and the head's complements, which keep their case
  // ("Палаты представителей" → "Палата представителей"; NameLemmatizer::KeepComplements).
  std::vector<std::string> adjective_endings;
  // The endings of a definite singular noun where the article is a suffix (bg "-ът", "-ят",
  // "-та", "-то"): a title so marked, with no name and no complement, refers back to a person
  // already in the article ("премиерът каза" after "Тереза Мей"). Empty: the language does not
  // mark it, and any bare title refers back ("šef države").
  std::vector<std::string> definite_suffixes;
  std::vector<std::string> definite_plural_suffixes;  // bg "-те"
  // Suffixes a noun takes in its short definite form, written on the noun as is (bg object
  // form "премиера" of "премиер"): a title is definite when its form is its role plus one.
  std::vector<std::string> short_definite_suffixes;
  // Endings of adverbial participles (bg "йки": "позовавайки се"; sr "ći"): after a comma
  // one opens a clause of the reporting sentence's subject, not of the reported words.
  std::vector<std::string> gerund_suffixes;
  bool IsGerund(std::string_view folded) const {
    for (const std::string& g : gerund_suffixes) {
      if (folded.size() > g.size() + 2 && folded.ends_with(g)) return true;
    }
    return false;
  }
  // Endings of a verb form in the plural (bg "ха" заявиха, "ли" заявили; ru "ли", "ют"; sr
  // "li" rekli): a cue so inflected has a plural subject, never one person.
  std::vector<std::string> plural_verb_suffixes;
  bool IsPluralVerb(std::string_view folded) const {
    return EndsWithOne(folded, plural_verb_suffixes);
  }
  // Endings of a noun in the plural (bg "и", "те"; ru "ы", "и"): a title or a body so
  // inflected names a group ("политици", "источники"), which a plural pronoun may take up.
  std::vector<std::string> plural_noun_suffixes;
  bool IsPluralNoun(std::string_view folded) const {
    return EndsWithOne(folded, plural_noun_suffixes);
  }
  // Whether `folded` ends with one of `suffixes` and has at least two more bytes before it.
  static bool EndsWithOne(std::string_view folded, const std::vector<std::string>& suffixes) {
    for (const std::string& g : suffixes) {
      if (folded.size() > g.size() + 2 && folded.ends_with(g)) return true;
    }
    return false;
  }
  // Endings of impersonal cue forms, which have no subject (ru "сообщается", "заявлено";
  // uk "йдеться", "зазначено"): the source is an organisation, never a person carried over.
  std::vector<std::string> impersonal_cue_suffixes;
  // Reflexive particles that make a cue impersonal beside it (sr "se navodi", bg "се
  // посочва", cs "uvádí se", pl "podaje się").
  std::vector<std::string> impersonal_particles;
  bool IsImpersonalCue(std::string_view folded) const {
    for (const std::string& g : impersonal_cue_suffixes) {
      if (folded.size() > g.size() + 2 && folded.ends_with(g)) return true;
    }
    return false;
  }
  // Clitics written after an apostrophe that are tokens of their own, as the language's
  // treebanks split them (en "'s", "n't": "Johnson’s" → "Johnson" "’s", "don't" → "do"
  // "n't"); either apostrophe, ' or ’, in the text.
  std::vector<std::string> clitics;
  // Conjunctions that join two predicates of one subject ("Тръмп разкритикува …, и обяви, че
  // …"): a cue right after one takes the subject of its sentence, folded.
  std::vector<std::string> coordinators;
  bool IsCoordinator(std::string_view folded) const {
    for (const std::string& c : coordinators) {
      if (c == folded) return true;
    }
    return false;
  }
  // The length of the definite suffix `folded` ends with (one of definite_suffixes or, with
  // `plural`, of definite_plural_suffixes; the longest, and shorter than the word), else 0.
  size_t DefiniteSuffixLength(std::string_view folded, bool plural = false) const;
  bool DefiniteBySuffix(std::string_view folded, bool plural = false) const {
    return DefiniteSuffixLength(folded, plural) > 0;
  }
};

class Resources {
 public:
  // Loads every lang/<code>/ folder under `root`.
  static Result<std::unique_ptr<Resources>> Load(const std::filesystem::path& root);

  // The resource root: $VESTNIK_HOME, else the folder above the executable's that holds
  // lang/, else the source tree the binary was built from.
  static std::filesystem::path DefaultRoot();

  const std::filesystem::path& root() const { return root_; }
  // The lexicons of `code`; an empty set for a language without a folder.
  const LangResources& Lang(const std::string& code) const;
  std::vector<std::string> Languages() const;

 private:
  Status LoadSentenceStarters(const std::filesystem::path& path);
  Status LoadCommonNouns(const std::filesystem::path& models);

  std::filesystem::path root_;
  std::map<std::string, std::unique_ptr<LangResources>> langs_;
  LangResources empty_;
};

}  // namespace vestnik

#endif  // VESTNIK_CORE_RESOURCES_H_
