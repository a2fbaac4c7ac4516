//! Folding text for name matching: one spelling for the many ways a place is written.
//!
//! Text and gazetteer names are folded the same way, so that matching is insensitive to
//! case, diacritics, script and separators:
//!
//! * lower case; Latin diacritics dropped (`Ö` → `o`, `ß` → `ss`), apostrophes dropped;
//! * Cyrillic (Russian, Kazakh, Kyrgyz) transliterated to Latin (`Шымкент` → `shymkent`);
//! * German and Russian spellings of the same sounds merged (`tsch`, `ch` → `ch`;
//!   `sch`, `sh` → `sh`; `dsch`, `dzh`, `zh`, `j` → `j`; `kh` → `h`; `gh` → `g`);
//! * every run of characters that are not letters or digits becomes one space, so
//!   `Ak-Tilek`, `Ak Tilek` and `Ak – Tilek` all read `ak tilek`.
//!
//! Every folded byte remembers the code-point offset of the character it came from, so a
//! match in folded text maps back to exact offsets in the original.

/// Folded text and, for each of its bytes, the code-point offset in the original text of
/// the character that produced it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text: ASCII letters, digits and single spaces (other scripts pass through
    /// lower-cased).
    pub text: String,
    /// `origin[i]` is the code-point offset in the original of folded byte `i`.
    pub origin: Vec<u32>,
    /// Length of the original text in code points.
    pub original_len: u32,
}

impl Folded {
    /// Code-point range in the original text of the folded byte range `start..end`: from
    /// the character that produced byte `start` up to the character that produced byte
    /// `end` (or the end of the text), so letters merged into one ("sch" → "sh") and
    /// letters dropped at the end ("ь") stay inside the range.
    pub fn original_range(&self, start: usize, end: usize) -> (u32, u32) {
        let from = self.origin.get(start).copied().unwrap_or(self.original_len);
        let to = self.origin.get(end).copied().unwrap_or(self.original_len);
        (from, to.max(from))
    }
}

/// Folds a document's text, keeping the way back to original offsets.
///
/// # Examples
/// ```
/// use border_atlas::geoparse::fold::fold;
/// let f = fold("Иссык-Кульской");
/// assert_eq!(f.text, "issyk kulskoy");
/// assert_eq!(f.original_range(0, 9), (0, 10)); // "issyk kul" ← "Иссык-Куль"
/// ```
pub fn fold(original: &str) -> Folded {
    let mut chars: Vec<(char, u32)> = Vec::with_capacity(original.len());
    let mut count = 0u32;
    for c in original.chars() {
        push_folded(c, count, &mut chars);
        count += 1;
    }
    let merged = merge_digraphs(&chars);
    let mut text = String::with_capacity(merged.len());
    let mut origin = Vec::with_capacity(merged.len());
    for (c, o) in merged {
        let before = text.len();
        text.push(c);
        origin.extend(std::iter::repeat_n(o, text.len() - before));
    }
    Folded {
        text,
        origin,
        original_len: count,
    }
}

/// Folds a name for use as a pattern: like [`fold`], trimmed.
///
/// # Examples
/// ```
/// use border_atlas::geoparse::fold::fold_name;
/// assert_eq!(fold_name("Schymkent"), fold_name("Шымкент"));
/// assert_eq!(fold_name("Ak-Tilek"), "ak tilek");
/// assert_eq!(fold_name("Tschüi"), fold_name("Chui"));
/// ```
pub fn fold_name(name: &str) -> String {
    fold(name).text.trim().to_owned()
}

fn push_folded(c: char, at: u32, out: &mut Vec<(char, u32)>) {
    let mut push_str = |s: &str| out.extend(s.chars().map(|c| (c, at)));
    if c.is_ascii_alphanumeric() {
        out.push((c.to_ascii_lowercase(), at));
        return;
    }
    if let Some(s) = latin(c).or_else(|| cyrillic(c)) {
        push_str(s);
        return;
    }
    if is_apostrophe(c) {
        return;
    }
    if c.is_alphanumeric() {
        for l in c.to_lowercase() {
            out.push((l, at));
        }
        return;
    }
    // Separators and punctuation: one space for a run of them.
    if out.last().is_some_and(|&(p, _)| p != ' ') {
        out.push((' ', at));
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʻ' | 'ʼ' | '`' | '‘' | 'ʹ' | 'ʺ')
}

fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å'
        | 'ā' | 'ă' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'Ć' | 'Č' | 'ç' | 'ć' | 'č' => "c",
        'Ď' | 'Đ' | 'ď' | 'đ' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' | 'Ə' | 'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė'
        | 'ę' | 'ě' | 'ə' => "e",
        'Ğ' | 'ğ' => "g",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' | 'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'Ł' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ň' | 'ñ' | 'ń' | 'ň' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => {
            "o"
        }
        'Ř' | 'ř' => "r",
        'Ś' | 'Š' | 'Ş' | 'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'Ť' | 'Ţ' | 'ť' | 'ţ' => "t",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'Ý' | 'Ÿ' | 'ý' | 'ÿ' => "y",
        'Ź' | 'Ż' | 'Ž' | 'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

fn cyrillic(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' => "y",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ү' | 'ұ' | 'ў' => "u",
        'ф' => "f",
        'х' | 'һ' | 'ҳ' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// Merges letter groups that spell one sound in German, Russian or English romanisation.
fn merge_digraphs(chars: &[(char, u32)]) -> Vec<(char, u32)> {
    const RULES: &[(&str, &str)] = &[
        ("tsch", "ch"),
        ("dsch", "j"),
        ("sch", "sh"),
        ("dzh", "j"),
        ("zh", "j"),
        ("dj", "j"),
        ("kh", "h"),
        ("gh", "g"),
    ];
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        for (from, to) in RULES {
            let n = from.len();
            if i + n <= chars.len() && chars[i..i + n].iter().map(|&(c, _)| c).eq(from.chars()) {
                let at = chars[i].1;
                out.extend(to.chars().map(|c| (c, at)));
                i += n;
                continue 'outer;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    // A trailing separator carries no information.
    if out.last().is_some_and(|&(c, _)| c == ' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_place_fold_alike() {
        let same = |a: &str, b: &str| assert_eq!(fold_name(a), fold_name(b), "{a} vs {b}");
        same("Kasachstan", "Kasachstan");
        same("Жамбыл", "Zhambyl");
        same("Jambyl", "Zhambyl");
        same("Dschalal-Abad", "Jalal-Abad");
        same("Osch", "Osh");
        same("Бишкек", "BISHKEK");
        same("Aktöbe", "Aktobe");
        same("Qarağandy", "Qaragandy");
        same("Farg'ona", "Fargona");
        same("Хоргос", "Horgos");
    }

    #[test]
    fn separators_collapse_to_one_space() {
        assert_eq!(fold("Ak-Tilek  –  Karasu").text, "ak tilek karasu");
        assert_eq!(fold("«Khorgos»").text, "horgos");
    }

    #[test]
    fn offsets_point_back_into_the_original() {
        let text = "Die Stadt Schymkent in Kasachstan";
        let f = fold(text);
        let start = f.text.find("shymkent").expect("found");
        let (a, b) = f.original_range(start, start + "shymkent".len());
        let cut: String = text
            .chars()
            .skip(a as usize)
            .take((b - a) as usize)
            .collect();
        assert_eq!(cut, "Schymkent");
    }

    #[test]
    fn other_scripts_pass_through_lower_cased() {
        assert_eq!(fold("霍尔果斯").text, "霍尔果斯");
    }
}
