//! Searching places by name in every language and by the text of their passages, tolerant
//! of case, diacritics, script and small typos.

use crate::geoparse::fold::fold_name;

/// A search query, folded and split into words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    /// Parses what the user typed.
    pub fn new(text: &str) -> Self {
        Self {
            words: fold_name(text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Whether the query is empty (everything matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every query word matches a word of `folded_haystack` (folded text): as a
    /// prefix, or within one typo (two for words of eight letters or more).
    ///
    /// # Examples
    /// ```
    /// use border_atlas::search::Query;
    /// use border_atlas::geoparse::fold::fold_name;
    /// assert!(Query::new("bishkeck").matches(&fold_name("Бишкек")));
    /// assert!(Query::new("Kar").matches(&fold_name("Karasu")));
    /// assert!(!Query::new("Osh").matches(&fold_name("Almaty")));
    /// ```
    pub fn matches(&self, folded_haystack: &str) -> bool {
        self.words
            .iter()
            .all(|q| folded_haystack.split(' ').any(|w| word_matches(q, w)))
    }
}

fn word_matches(query: &str, word: &str) -> bool {
    if word.starts_with(query) {
        return true;
    }
    let n = query.chars().count();
    if n < 4 {
        return false;
    }
    let allowed = if n >= 8 { 2 } else { 1 };
    // Compare with the word cut to the query's length, so a typo in a prefix counts too.
    let cut: String = word.chars().take(n + allowed).collect();
    edit_distance(query, &cut).min(edit_distance(
        query,
        &word.chars().take(n).collect::<String>(),
    )) <= allowed
}

/// Levenshtein distance between two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_scripts_are_tolerated() {
        let hay = fold_name("Ak-Tilek Ак-Тилек Aktilek");
        assert!(Query::new("ak tilek").matches(&hay));
        assert!(Query::new("aktilk").matches(&hay), "one letter missing");
        assert!(Query::new("Ак-Тилек").matches(&hay));
        assert!(!Query::new("korday").matches(&hay));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
