//! From a place's names to the keys the name index holds, and the endings each key may
//! take in text.
//!
//! One name gives several keys: the folded name; the name with its separators removed
//! ("Ak Tilek" → "aktilek"); for a region or district, the name without its admin word
//! ("Pavlodar" of "Pavlodar Region"); for a Russian adjectival name its stem
//! («Павлодарская» → `pavlodarsk`, which «Павлодарской» matches); for a name ending in a
//! vowel, the name without it («Астана» → `astan`, which «Астаны» matches). The language
//! data comes from [`crate::lang`]; the asset script and the curated index at start-up use
//! this same code, so keys and text always fold alike.

use std::sync::LazyLock;

use super::names::name_flags::{
    ADJECTIVE_STEM, BARE, DERIVED, GERMAN_SPELLING, MAIN, VOWEL_STEM, WITH_KIND,
};
use super::place::PlaceKind;
use crate::geoparse::fold::fold_name;
use crate::lang;

/// Folded endings a text's language allows.
#[derive(Debug, Default)]
struct TextEndings {
    noun: Vec<String>,
    vowel: Vec<String>,
    adjective: Vec<String>,
}

/// Folded language data the keys and endings need, worked out once.
struct Endings {
    /// Endings by language code, and the union of all under "".
    by_language: Vec<(&'static str, TextEndings)>,
    adjective_names: Vec<String>,
    admin_words: Vec<String>,
    /// Kind words by kind, to take a site's or line's name without them.
    kind_words: Vec<(PlaceKind, Vec<String>)>,
    not_names: Vec<String>,
    /// Folded (name ending, text endings) of adjectival first words, all languages.
    first_word: Vec<(String, Vec<String>)>,
}

/// Folds words, longest first (so "skaya" is tried before "aya"), without repeats.
fn folded_words(words: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    let mut v: Vec<String> = words
        .into_iter()
        .map(fold_name)
        .filter(|w| !w.is_empty())
        .collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

static ENDINGS: LazyLock<Endings> = LazyLock::new(|| {
    let endings = |langs: &[&lang::Language]| TextEndings {
        noun: folded_words(langs.iter().flat_map(|l| l.noun_endings.iter().copied())),
        vowel: folded_words(langs.iter().flat_map(|l| l.vowel_endings.iter().copied())),
        adjective: folded_words(
            langs
                .iter()
                .flat_map(|l| l.adjective_endings.iter().copied()),
        ),
    };
    let mut by_language: Vec<(&'static str, TextEndings)> =
        lang::ALL.iter().map(|l| (l.code, endings(&[l]))).collect();
    by_language.push(("", endings(lang::ALL)));
    let kind_words = PlaceKind::ALL
        .iter()
        .map(|&kind| {
            let words = lang::ALL
                .iter()
                .flat_map(|l| l.kind_words.iter())
                .filter(|(k, _)| *k == kind)
                .flat_map(|(_, w)| w.iter().copied());
            (kind, folded_words(words))
        })
        .collect();
    let first_word = lang::ALL
        .iter()
        .flat_map(|l| l.adjective_first_word.iter())
        .map(|(from, to)| (fold_name(from), to.iter().map(|t| fold_name(t)).collect()))
        .collect();
    Endings {
        by_language,
        adjective_names: folded_words(lang::all_words(|l| l.adjective_name_endings)),
        admin_words: folded_words(lang::all_words(|l| l.admin_words)),
        kind_words,
        not_names: folded_words(lang::all_words(|l| l.not_names)),
        first_word,
    }
});

/// Shortest key indexed ("Osh"); curated names may be shorter.
pub const MIN_KEY: usize = 3;
/// Shortest key that takes a noun ending ("Osh" takes none: "Oshe" is not Osh).
const MIN_INFLECTED_KEY: usize = 4;
/// Shortest stem of an adjectival or vowel-final name.
const MIN_STEM: usize = 4;

/// The keys of one name of a place of `kind`, with their flags. `main` is true for a
/// place's main name, its names by language and curated variants. A curated name ending in
/// `~` is a stem that needs an ending.
pub fn keys_of(name: &str, kind: PlaceKind, main: bool) -> Vec<(String, u8)> {
    let base = if main { MAIN } else { 0 };
    let mut out: Vec<(String, u8)> = Vec::new();
    if let Some(stem) = name.strip_suffix('~') {
        let folded = fold_name(stem);
        if folded.len() >= 3 {
            out.push((folded, base | ADJECTIVE_STEM));
        }
        return out;
    }
    for (folded, spelling) in spellings(name) {
        if folded.len() < 2 || ENDINGS.not_names.contains(&folded) {
            continue;
        }
        let base = base | spelling;
        let bare = strip_kind_words(&folded, kind);
        let full_flags = if bare.is_some() {
            base | WITH_KIND
        } else {
            base
        };
        push_with_variants(&mut out, &folded, full_flags);
        if let Some(bare) = bare {
            push_with_variants(&mut out, &bare, base | BARE);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The Russian adjective of a town's Cyrillic name, as a key: «Бекабад» → `bekabadsk`
/// (of «Бекабадский район»), «Алматы» → `almatinsk`, «Шу» → `shusk`. Districts are named
/// after their seats this way, and a text that names «Бекабадский район» names the district
/// around Bekabad.
pub fn town_adjective(name: &str) -> Option<(String, u8)> {
    let last = name.chars().last()?;
    if !('\u{400}'..='\u{4ff}').contains(&last) || name.contains(' ') {
        return None;
    }
    let lower = last.to_lowercase().next().unwrap_or(last);
    let adjective = if matches!(lower, 'а' | 'я' | 'ы' | 'и') {
        let stem: String = name.chars().take(name.chars().count() - 1).collect();
        format!("{stem}инск")
    } else if matches!(lower, 'ь') {
        let stem: String = name.chars().take(name.chars().count() - 1).collect();
        format!("{stem}ск")
    } else {
        format!("{name}ск")
    };
    let key = fold_name(&adjective);
    (key.len() >= 5).then_some((key, BARE | ADJECTIVE_STEM | DERIVED))
}

/// The folded name, and its spelling in each language that writes Cyrillic its own way
/// («Бахты» → "bachty" for German texts), with the flag that marks such a spelling.
fn spellings(name: &str) -> Vec<(String, u8)> {
    let mut out = vec![(fold_name(name), 0)];
    if name.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        for l in lang::ALL.iter().filter(|l| !l.cyrillic_latin.is_empty()) {
            let latin: String = name
                .chars()
                .map(|c| {
                    let lower = c.to_lowercase().next().unwrap_or(c);
                    l.cyrillic_latin
                        .iter()
                        .find(|(from, _)| *from == lower)
                        .map_or_else(|| c.to_string(), |(_, to)| (*to).to_owned())
                })
                .collect();
            let folded = fold_name(&latin);
            if !out.iter().any(|(f, _)| *f == folded) {
                out.push((folded, GERMAN_SPELLING));
            }
        }
    }
    out
}

/// The key, its separator-free form, its stems, and the forms its adjectival first word
/// takes.
fn push_with_variants(out: &mut Vec<(String, u8)>, key: &str, flags: u8) {
    push_with_stems(out, key, flags);
    if key.contains(' ') {
        let joined: String = key.chars().filter(|&c| c != ' ').collect();
        if joined.len() >= 5 {
            out.push((joined, flags));
        }
        for inflected in first_word_forms(key) {
            push_with_stems(out, &inflected, flags);
        }
    }
}

/// The key and its adjective or vowel stem.
fn push_with_stems(out: &mut Vec<(String, u8)>, key: &str, flags: u8) {
    out.push((key.to_owned(), flags));
    if let Some(stem) = adjective_stem(key) {
        out.push((stem, flags | ADJECTIVE_STEM));
    } else if let Some(stem) = vowel_stem(key) {
        out.push((stem, flags | VOWEL_STEM));
    }
}

/// A multi-word name with its first word, an adjective, in the other forms it takes
/// ("naher osten" → "nahen osten"; «средняя азия» → «среднюю азия», whose last word then
/// takes its own ending).
fn first_word_forms(key: &str) -> Vec<String> {
    let Some((first, rest)) = key.split_once(' ') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (ending, forms) in &ENDINGS.first_word {
        let Some(stem) = first.strip_suffix(ending.as_str()) else {
            continue;
        };
        if stem.len() < 3 {
            continue;
        }
        out.extend(forms.iter().map(|f| format!("{stem}{f} {rest}")));
        break;
    }
    out
}

/// The name without the words that say what it is, at its start or end: admin words for
/// regions and districts ("pavlodar region" → "pavlodar", "rayon bayterek" → "bayterek"),
/// kind words for sites and lines ("dostyk moyinty railway" → "dostyk moyinty"). `None`
/// when there is none, nothing would remain, or the place is a town ("Kansas City").
fn strip_kind_words(folded: &str, kind: PlaceKind) -> Option<String> {
    if matches!(
        kind,
        PlaceKind::City | PlaceKind::Village | PlaceKind::Country
    ) {
        return None;
    }
    let kind_words = ENDINGS
        .kind_words
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, w)| w.as_slice())
        .unwrap_or(&[]);
    let admin: &[String] = if matches!(kind, PlaceKind::Region | PlaceKind::District) {
        &ENDINGS.admin_words
    } else {
        &[]
    };
    let mut s = folded;
    let mut changed = true;
    while changed {
        changed = false;
        for w in admin.iter().chain(kind_words) {
            if let Some(rest) = s.strip_suffix(w.as_str()).and_then(|r| r.strip_suffix(' ')) {
                s = rest;
                changed = true;
            } else if let Some(rest) = s.strip_prefix(w.as_str()).and_then(|r| r.strip_prefix(' '))
            {
                s = rest;
                changed = true;
            }
        }
        for connector in ["of ", "der ", "des "] {
            if changed && let Some(rest) = s.strip_prefix(connector) {
                s = rest;
            }
        }
    }
    // A line is named by at least two words without its kind word ("Dostyk Moyinty",
    // "Trans Afghan"); "Tashkent" of "Tashkent Railway" is the city.
    let line = matches!(kind, PlaceKind::Road | PlaceKind::Corridor);
    let enough = s.len() >= 3 && (!line || s.contains(' '));
    (s != folded && enough).then(|| s.to_owned())
}

/// The stem of an adjectival name: «павлодарская» → `pavlodarsk`.
fn adjective_stem(key: &str) -> Option<String> {
    let last = key.rsplit(' ').next()?;
    ENDINGS.adjective_names.iter().find_map(|e| {
        let stem_len = last.len().checked_sub(e.len())?;
        (last.ends_with(e.as_str()) && stem_len >= MIN_STEM)
            .then(|| key[..key.len() - e.len()].to_owned())
    })
}

/// The stem of a name ending in a vowel or «й» that Russian declines: `astana` →
/// `astan`, `rossiya` → `rossi`, `more` → `mor` (of «Каспийское море»), `kitay` → `kita`.
fn vowel_stem(key: &str) -> Option<String> {
    let after_vowel_y =
        key.ends_with(['y']) && key[..key.len() - 1].ends_with(['a', 'e', 'o', 'u']);
    let cut = if key.ends_with("ya") {
        2
    } else if key.ends_with(['a', 'e', 'o']) || after_vowel_y {
        1
    } else {
        return None;
    };
    let stem = &key[..key.len() - cut];
    let last = stem.rsplit(' ').next().unwrap_or(stem);
    let long_enough = last.len() >= MIN_STEM || (stem.contains(' ') && last.len() >= 3);
    long_enough.then(|| stem.to_owned())
}

/// The endings of a text in the language with this code (`en`, `de`, `ru`); any other code
/// allows the endings of every language.
pub fn endings_for(code: &str) -> usize {
    ENDINGS
        .by_language
        .iter()
        .position(|(c, _)| *c == code)
        .unwrap_or(ENDINGS.by_language.len() - 1)
}

/// Whether a key with `flags` (of `key_len` bytes) may be followed, inside the same word,
/// by `ending`, in a text whose endings are `endings` (from [`endings_for`]). A German
/// spelling counts only in German texts (or texts of no known language).
pub fn ending_allowed(flags: u8, key_len: usize, ending: &str, endings: usize) -> bool {
    if flags & GERMAN_SPELLING != 0
        && !matches!(ENDINGS.by_language.get(endings), Some(("de" | "", _)))
    {
        return false;
    }
    if ending.is_empty() {
        return flags & (ADJECTIVE_STEM | VOWEL_STEM) == 0;
    }
    let Some((_, e)) = ENDINGS.by_language.get(endings) else {
        return false;
    };
    let is = |list: &[String]| list.iter().any(|x| x == ending);
    if flags & ADJECTIVE_STEM != 0 {
        return is(&e.adjective) || is(&e.noun);
    }
    if flags & VOWEL_STEM != 0 {
        return is(&e.vowel);
    }
    key_len >= MIN_INFLECTED_KEY && is(&e.noun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(name: &str, kind: PlaceKind) -> Vec<String> {
        keys_of(name, kind, true)
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    }

    #[test]
    fn a_region_is_found_with_and_without_its_admin_word() {
        let k = keys("Павлодарская область", PlaceKind::Region);
        assert!(k.contains(&"pavlodarskaya oblast".to_owned()), "{k:?}");
        assert!(k.contains(&"pavlodarskaya".to_owned()), "{k:?}");
        assert!(k.contains(&"pavlodarsk".to_owned()), "{k:?}");
        let k = keys("Rayon Bayterek", PlaceKind::District);
        assert!(k.contains(&"bayterek".to_owned()), "{k:?}");
    }

    #[test]
    fn a_city_is_not_stripped_of_words() {
        let k = keys("Kansas City", PlaceKind::City);
        assert!(!k.contains(&"kansas".to_owned()), "{k:?}");
    }

    #[test]
    fn russian_case_endings_follow_the_stem() {
        let ru = endings_for("ru");
        let k = keys_of("Астана", PlaceKind::City, true);
        let (stem, flags) = k.iter().find(|(s, _)| s == "astan").expect("stem");
        assert!(ending_allowed(*flags, stem.len(), "y", ru), "Астаны");
        assert!(ending_allowed(*flags, stem.len(), "oy", ru), "Астаной");
        assert!(
            !ending_allowed(*flags, stem.len(), "", ru),
            "a stem needs an ending"
        );
        assert!(!ending_allowed(*flags, stem.len(), "y", endings_for("en")));
        let k = keys_of("Россия", PlaceKind::Country, true);
        let (stem, flags) = k.iter().find(|(s, _)| s == "rossi").expect("stem");
        assert!(ending_allowed(*flags, stem.len(), "i", ru), "России");
    }

    #[test]
    fn endings_follow_the_language_of_the_text() {
        let (en, de) = (endings_for("en"), endings_for("de"));
        assert!(
            !ending_allowed(MAIN, 3, "e", de),
            "short names take no ending"
        );
        assert!(ending_allowed(MAIN, 10, "s", de), "Kasachstans");
        assert!(!ending_allowed(MAIN, 6, "n", en), "Russian is not Russia");
        assert!(!ending_allowed(MAIN, 10, "xyz", en));
    }

    #[test]
    fn inflected_adjectives_of_multi_word_names_are_keys() {
        let k = keys("Средняя Азия", PlaceKind::Area);
        assert!(
            k.contains(&"srednyuyu azi".to_owned()),
            "Среднюю Азию: {k:?}"
        );
        let k = keys("Naher Osten", PlaceKind::Area);
        assert!(k.contains(&"nahen osten".to_owned()), "{k:?}");
    }

    #[test]
    fn german_spellings_of_cyrillic_names_are_keys_of_german_texts() {
        let k = keys_of("Бахты", PlaceKind::Checkpoint, true);
        let (key, flags) = k
            .iter()
            .find(|(k, _)| k == "bachty")
            .expect("German spelling");
        assert!(ending_allowed(*flags, key.len(), "", endings_for("de")));
        assert!(!ending_allowed(*flags, key.len(), "", endings_for("en")));
    }

    #[test]
    fn lines_are_found_without_their_kind_word() {
        let k = keys_of("Dostyk–Moyinty railway", PlaceKind::Road, true);
        assert!(
            k.iter()
                .any(|(key, f)| key == "dostyk moyinty" && f & BARE != 0),
            "{k:?}"
        );
    }

    #[test]
    fn a_town_gives_its_district_an_adjective() {
        assert_eq!(
            town_adjective("Бекабад").map(|k| k.0),
            Some("bekabadsk".into())
        );
        assert_eq!(
            town_adjective("Алматы").map(|k| k.0),
            Some("almatinsk".into())
        );
        assert_eq!(town_adjective("Bekabad"), None);
    }

    #[test]
    fn demonyms_are_not_names() {
        assert!(keys_of("Kazakh", PlaceKind::City, false).is_empty());
    }
}
