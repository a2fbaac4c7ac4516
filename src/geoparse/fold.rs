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
    let mut out = FoldWriter {
        text: Vec::with_capacity(original.len()),
        origin: Vec::with_capacity(original.len()),
    };
    let bytes = original.as_bytes();
    let mut count = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // ASCII, most of the text: no decoding, and runs of letters that start no
            // letter group ("h" and "j" end them) are copied in one go.
            let run = bytes[i..]
                .iter()
                .take_while(|&&c| c.is_ascii_alphanumeric() && !matches!(c | 0x20, b'h' | b'j'))
                .count();
            if run > 0 {
                out.text
                    .extend(bytes[i..i + run].iter().map(u8::to_ascii_lowercase));
                out.origin.extend(count..count + run as u32);
                i += run;
                count += run as u32;
                continue;
            }
            if b.is_ascii_alphanumeric() {
                out.push_ascii(b.to_ascii_lowercase(), count);
            } else if b != b'\'' && b != b'`' {
                out.push_separator(count);
            }
            i += 1;
        } else {
            let Some(c) = original.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            out.push_char(c, count);
            i += c.len_utf8();
        }
        count += 1;
    }
    // A trailing separator stays: it marks where the last word ends in the original
    // ("Kirgisistan." ends before the full stop).
    Folded {
        // Only whole characters are ever written, so the bytes are UTF-8.
        text: String::from_utf8(out.text).unwrap_or_default(),
        origin: out.origin,
        original_len: count,
    }
}

/// Writes folded text one character at a time, merging letter groups as they complete.
struct FoldWriter {
    text: Vec<u8>,
    origin: Vec<u32>,
}

impl FoldWriter {
    fn push_char(&mut self, c: char, at: u32) {
        if c.is_ascii_alphanumeric() {
            self.push_ascii(c.to_ascii_lowercase() as u8, at);
        } else if is_apostrophe(c) {
        } else if c.is_ascii() {
            self.push_separator(at);
        } else if let Some(s) = latin(c).or_else(|| cyrillic(c)) {
            for b in s.bytes() {
                self.push_ascii(b, at);
            }
        } else if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                let encoded = l.encode_utf8(&mut buf).as_bytes();
                self.text.extend_from_slice(encoded);
                self.origin.extend(std::iter::repeat_n(at, encoded.len()));
            }
        } else {
            self.push_separator(at);
        }
    }

    fn push_separator(&mut self, at: u32) {
        if self.text.last().is_some_and(|&b| b != b' ') {
            self.text.push(b' ');
            self.origin.push(at);
        }
    }

    /// Pushes an ASCII letter or digit, then merges the group it completes, if any:
    /// `tsch`, `ch` → `ch`; `dsch`, `dzh`, `zh`, `dj` → `j`; `sch` → `sh`; `kh` → `h`;
    /// `gh` → `g`. A merged group keeps the origin of its first letter.
    fn push_ascii(&mut self, b: u8, at: u32) {
        self.text.push(b);
        self.origin.push(at);
        if b != b'h' && b != b'j' {
            return;
        }
        const RULES: &[(&[u8], &[u8])] = &[
            (b"tsch", b"ch"),
            (b"dsch", b"j"),
            (b"sch", b"sh"),
            (b"dzh", b"j"),
            (b"zh", b"j"),
            (b"dj", b"j"),
            (b"kh", b"h"),
            (b"gh", b"g"),
        ];
        for (from, to) in RULES {
            if self.text.ends_with(from) {
                let start = self.text.len() - from.len();
                let first_origin = self.origin[start];
                self.text.truncate(start);
                self.origin.truncate(start);
                self.text.extend_from_slice(to);
                self.origin
                    .extend(std::iter::repeat_n(first_origin, to.len()));
                return;
            }
        }
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
        assert_eq!(fold("«Khorgos»").text, "horgos ");
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
