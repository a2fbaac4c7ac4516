//! Everything the geoparser knows about a language, one module per language.
//!
//! A [`Language`] is plain data: the words that tell a text is written in it, the endings
//! its inflection adds to names, the words that say what kind of place a name stands for,
//! the words that join lists, the phrases that contain a place name but name something
//! else, the titles that mark a person's name, and the words before which an unknown
//! capitalised word is still a place. The geoparser takes the union of every language in
//! [`ALL`], because real news mixes them (a German machine translation keeps Russian
//! endings, a Russian text quotes Kazakh names); detection only decides which language a
//! document is shown as. Adding a language is one new file and one line in [`ALL`].
//!
//! Words are written as a reader writes them; the geoparser folds them (see
//! [`crate::geoparse::fold`]) before use, so «Пункт пропуска» and "Grenzübergang" need no
//! special spelling.

pub mod de;
pub mod en;
pub mod local;
pub mod ru;

use crate::gazetteer::PlaceKind;

/// The data of one language.
#[derive(Debug)]
pub struct Language {
    /// ISO 639-1 code (`en`), or a tag for a group of languages (`local`).
    pub code: &'static str,
    /// Frequent function words, to tell which language a text is in.
    pub detect: &'static [&'static str],
    /// Endings inflection adds to a place name ("Kasachstans", «Бишкеке», «Ташкентом»).
    pub noun_endings: &'static [&'static str],
    /// Endings that replace a name's final vowel («Астана» → «Астаны», «Россия» → «России»).
    pub vowel_endings: &'static [&'static str],
    /// Endings of adjectival names in the gazetteer («Павлодарская», «Успенский»): the stem
    /// before them takes any of [`Language::adjective_endings`].
    pub adjective_name_endings: &'static [&'static str],
    /// Endings an adjectival stem takes in text («Павлодарской», «в Успенском»).
    pub adjective_endings: &'static [&'static str],
    /// Words that say what kind of place a name next to them is, matched at the start of a
    /// word so one entry covers its inflections ("Kontrollpunkt" → "Kontrollpunkte").
    pub kind_words: &'static [(PlaceKind, &'static [&'static str])],
    /// Words that name an administrative unit inside a region's or district's own name
    /// ("Region", "oblast", «район»): a name without them is still the unit's name.
    pub admin_words: &'static [&'static str],
    /// Words that continue a list of names ("and", "und", «и»).
    pub list_words: &'static [&'static str],
    /// Words for twin cities, flights, and a project's state.
    pub twin_words: &'static [&'static str],
    /// Words for flights and air routes.
    pub flight_words: &'static [&'static str],
    /// Words for a planned project.
    pub planned_words: &'static [&'static str],
    /// Words for a project under construction.
    pub construction_words: &'static [&'static str],
    /// Words for something already in use.
    pub existing_words: &'static [&'static str],
    /// Adjectives and nouns of countries, with the country (ISO alpha-2), to tell which
    /// countries a text is about; matched at word starts ("kasach" → "kasachische").
    pub demonyms: &'static [(&'static str, &'static str)],
    /// Phrases that contain a place name but name an organisation, an award or a person.
    pub stop_phrases: &'static [&'static str],
    /// Titles before a person's name ("President", «министр»): the name after them is
    /// not a place.
    pub person_titles: &'static [&'static str],
    /// Words after which a list of places along a route begins ("from", «от»).
    pub route_from_words: &'static [&'static str],
    /// Month and weekday names, which are capitalised but never places.
    pub calendar_words: &'static [&'static str],
    /// Words that some gazetteers list as a place's other name but that a text uses as
    /// something else, mostly demonyms ("Kazakh" is an old name of Petropavl).
    pub not_names: &'static [&'static str],
    /// How this language writes Cyrillic names in Latin letters, where that differs from
    /// the geoparser's own folding (German: «Бахты» → "Bachty", «Жезказган» →
    /// "Schesqasgan"); empty when it does not.
    pub cyrillic_latin: &'static [(char, &'static str)],
    /// How a multi-word name's first word, an adjective, changes with case in this
    /// language ("Naher Osten" → "im Nahen Osten"): (ending of the name's form, endings it
    /// takes in text).
    pub adjective_first_word: &'static [(&'static str, &'static [&'static str])],
    /// Whether names join kind words into one word ("Rogundamm", "Tienschangebirges"): the
    /// name is found before a kind word of this language at its end.
    pub compounds: bool,
}

/// Every language the geoparser reads.
pub const ALL: &[&Language] = &[&en::EN, &de::DE, &ru::RU, &local::LOCAL];

/// Every word of one list field across all languages.
pub fn all_words(field: impl Fn(&Language) -> &'static [&'static str]) -> Vec<&'static str> {
    ALL.iter().flat_map(|l| field(l).iter().copied()).collect()
}
