// Linking of @handles, #hashtags and names the knowledge base does not know, with the source
// tree's knowledge base (data/kb), rules (lang/) and shipped models (models/).
#include "entities/recognizer.h"

#include <string>

#include <gtest/gtest.h>

#include "core/resources.h"
#include "entities/kb.h"
#include "entities/romanize.h"
#include "text/langid.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace vestnik::entities {
namespace {

struct Setup {
  std::unique_ptr<Resources> res;
  KnowledgeBase kb;
  std::unique_ptr<Romanizer> romanizer;
  std::unique_ptr<EntityRecognizer> rules;       // no model: the rule recogniser
  std::unique_ptr<EntityRecognizer> with_models;  // models/ner-<lang>.model
};

const Setup& Shared() {
  static const Setup* s = [] {
    auto* s = new Setup;
    auto res = Resources::Load(Resources::DefaultRoot());
    if (!res.ok()) ADD_FAILURE() << res.status().message(), std::abort();
    s->res = std::move(res.value());
    auto kb = KnowledgeBase::Load(s->res->root() / "data" / "kb" / "entities.tsv",
                                  &s->res->Lang("sr").translit);
    if (!kb.ok()) ADD_FAILURE() << kb.status().message(), std::abort();
    s->kb = std::move(kb.value());
    s->romanizer = std::make_unique<Romanizer>(*s->res);
    s->rules = std::make_unique<EntityRecognizer>(s->kb, *s->romanizer);
    auto models = LoadNerModels(s->res->root() / "models");
    if (!models.ok()) ADD_FAILURE() << models.status().message(), std::abort();
    s->with_models = std::make_unique<EntityRecognizer>(s->kb, *s->romanizer, std::move(models.value()));
    return s;
  }();
  return *s;
}

Document Annotate(const EntityRecognizer& rec, const std::string& lang, const std::string& body) {
  const Setup& s = Shared();
  Document doc;
  doc.body = body;
  text::Normalize(doc.body, &doc.norm_text, &doc.norm_map);
  doc.lang = lang;
  doc.script = text::DominantScript(doc.norm_text);
  const LangResources& lr = s.res->Lang(lang);
  text::Tokenize(lr, &doc);
  text::SplitSentences(lr, &doc);
  rec.Annotate(lr, &doc);
  return doc;
}

// The id of the entity with a mention written `text`, or "" when there is none.
std::string IdOf(const Document& doc, const std::string& text) {
  for (const Mention& m : doc.mentions) {
    if (m.text == text) return doc.entities[m.entity].id;
  }
  return "";
}

TEST(RecognizerLinkTest, KnownHandleAndHashtagLinkToThePersonByRules) {
  Document doc = Annotate(*Shared().rules, "sr",
                          "Predsednik Srbije Aleksandar Vučić rekao je novinarima da je zadovoljan. "
                          "Na Instagramu (@avucic) objavio je fotografiju uz #Vučić.\n");
  EXPECT_EQ(IdOf(doc, "Aleksandar Vučić"), "aleksandar-vucic");
  EXPECT_EQ(IdOf(doc, "@avucic"), "aleksandar-vucic");
  EXPECT_EQ(IdOf(doc, "#Vučić"), "aleksandar-vucic");
}

TEST(RecognizerLinkTest, KnownHandleAndHashtagLinkToThePersonWithAModel) {
  if (!Shared().with_models->ModelFor("bg")) GTEST_SKIP() << "models/ner-bg.model is absent";
  Document doc = Annotate(*Shared().with_models, "bg",
                          "Сръбският президент Александър Вучич заяви пред журналисти, че е "
                          "доволен. В Instagram (@avucic) той публикува снимка с хаштаг #Vučić.\n");
  EXPECT_EQ(IdOf(doc, "Александър Вучич"), "aleksandar-vucic");
  EXPECT_EQ(IdOf(doc, "@avucic"), "aleksandar-vucic");
  EXPECT_EQ(IdOf(doc, "#Vučić"), "aleksandar-vucic");
}

TEST(RecognizerLinkTest, UnknownHashtagJoinsTheNameItSpells) {
  Document doc = Annotate(*Shared().rules, "sr",
                          "Nemački diplomata Boris Ruge izjavio je da je sastanak bio koristan. "
                          "Na Tviteru je pisao pod #BorisRuge i #SaveTheChildren.\n");
  std::string ruge = IdOf(doc, "Boris Ruge");
  ASSERT_FALSE(ruge.empty());
  EXPECT_EQ(IdOf(doc, "#BorisRuge"), ruge);
  EXPECT_EQ(IdOf(doc, "#SaveTheChildren"), "") << "a hashtag that names nothing in the article";
  for (const Mention& m : doc.mentions) {
    if (m.text == "#BorisRuge") EXPECT_EQ(m.lemma, "BorisRuge");
  }
}

// A surname alone that the tagger reads as a place is the person the article names in full.
TEST(RecognizerLinkTest, LoneSurnameTaggedAsAPlaceJoinsThePerson) {
  if (!Shared().with_models->ModelFor("bg")) GTEST_SKIP() << "models/ner-bg.model is absent";
  Document doc = Annotate(*Shared().with_models, "bg",
                          "Кметът на Русе Георги Илиев представи в четвъртък плана за новия "
                          "мост над Дунав.\n\nГоворейки пред гражданите в читалището, Илиев "
                          "заяви: „Мостът ще бъде готов до три години.“\n");
  std::string full = IdOf(doc, "Георги Илиев");
  ASSERT_FALSE(full.empty());
  EXPECT_EQ(IdOf(doc, "Илиев"), full);
  for (const Mention& m : doc.mentions) {
    if (m.text == "Илиев") EXPECT_EQ(m.type, EntityType::kPer);
  }
}

// An invisible mark inside a name (a left-to-right mark pasted from a web page) is no part of
// the name: the person has one name and one id.
TEST(RecognizerLinkTest, InvisibleMarkInsideANameIsIgnored) {
  if (!Shared().with_models->ModelFor("uk")) GTEST_SKIP() << "models/ner-uk.model is absent";
  Document doc = Annotate(*Shared().with_models, "uk",
                          "Імунолог Федір \u200eЛапій нагадує, що вакцина безпечна. Федір Лапій "
                          "також додав, що все гаразд.\n");
  std::string plain = IdOf(doc, "Федір Лапій");
  ASSERT_FALSE(plain.empty());
  EXPECT_EQ(IdOf(doc, "Федір \u200eЛапій"), plain);
  for (const Mention& m : doc.mentions) EXPECT_EQ(m.lemma.find("\u200e"), std::string::npos);
}

// The id of a name the knowledge base does not know is its cross-script key, the same in
// separately analysed documents of different languages and scripts.
TEST(RecognizerLinkTest, UnknownNameHasOneIdAcrossLanguagesAndScripts) {
  Document sr_latn = Annotate(*Shared().rules, "sr",
                              "Guverner Pensilvanije Tom Vulf rekao je da glasanje teče mirno.\n");
  Document sr_cyrl = Annotate(*Shared().rules, "sr",
                              "Гувернер Пенсилваније Том Вулф рекао је да гласање тече мирно.\n");
  std::string latn = IdOf(sr_latn, "Tom Vulf"), cyrl = IdOf(sr_cyrl, "Том Вулф");
  ASSERT_FALSE(latn.empty());
  EXPECT_EQ(latn, cyrl);
  EXPECT_EQ(latn.substr(latn.find(':') + 1), "tom-vulf");
}

TEST(RecognizerRulesTest, NameOverAHardWrappedLineIsOneName) {
  // Agency copy wraps lines inside sentences; a name broken by the wrap is still one name.
  Document doc = Annotate(*Shared().rules, "sr",
                          "Posle sastanka u Ankari o bezbednosti granice predsednik Turske Redžep "
                          "Tajip\nErdogan izjavio je danas da Turska neće odgovarati.\n");
  EXPECT_FALSE(IdOf(doc, "Redžep Tajip\nErdogan").empty());
  // A heading's line is its own sentence: not joined to the name opening the next one.
  Document head = Annotate(*Shared().rules, "sr",
                           "Sastanak u Beogradu\nMilan Petrović izjavio je da je zadovoljan.\n");
  EXPECT_FALSE(IdOf(head, "Milan Petrović").empty());
  EXPECT_TRUE(IdOf(head, "Beogradu\nMilan Petrović").empty());
}

TEST(RecognizerRulesTest, TitleComplementWithAHeadWordEndsBeforeTheName) {
  // "Skupštine" is a head word of an organisation's name (entity_keywords.tsv): the person's
  // name after the title's complement is a name of its own.
  Document doc = Annotate(*Shared().rules, "sr",
                          "Predsednica Skupštine Milena Jovanović rekla je da će sednica biti "
                          "održana sutra.\n");
  EXPECT_FALSE(IdOf(doc, "Milena Jovanović").empty());
  EXPECT_TRUE(IdOf(doc, "Skupštine Milena Jovanović").empty());
}

TEST(RecognizerRulesTest, SentenceInitialNominativeOfANameSeenInflected) {
  // "Hil" opens its sentence; the article wrote the name inflected ("Hilom") mid-sentence.
  Document doc = Annotate(*Shared().rules, "sr",
                          "Ministar se sastao sa ambasadorom Markom Hilom u Beogradu. Hil je "
                          "napisao da je sastanak bio dobar.\n");
  EXPECT_FALSE(IdOf(doc, "Hil").empty());
  EXPECT_EQ(IdOf(doc, "Hil"), IdOf(doc, "Markom Hilom"));
}

// A given name in the surname's case loses the ending the surname lost, so that the person
// has one name and one id whatever the case ("Jelene Karleuše" is "Jelena Karleuša").
TEST(RecognizerRulesTest, GivenNameTakesTheSurnamesCase) {
  Document doc = Annotate(*Shared().rules, "sr",
                          "Novi spot pevačice Jelene Karleuše objavljen je u petak. Karleuša je "
                          "rekla da je srećna.\n");
  bool seen = false;
  for (const Mention& m : doc.mentions) {
    if (m.text != "Jelene Karleuše") continue;
    seen = true;
    EXPECT_EQ(m.lemma, "Jelena Karleuša");
    EXPECT_EQ(doc.entities[m.entity].name, "Jelena Karleuša");
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(IdOf(doc, "Karleuša"), IdOf(doc, "Jelene Karleuše"));
}

}  // namespace
}  // namespace vestnik::entities
