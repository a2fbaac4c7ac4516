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
    /// Where each word starts in the folded text, and what its first letter tells.
    pub words: Vec<WordStart>,
    /// For each folded byte that is a separator: whether the two words it parts may join
    /// into one name — a hyphen stands between them, or the next starts with a capital
    /// ("Ak-Tilek", "Kara Suu").
    joinable: Vec<bool>,
}

/// The start of a word of folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordStart {
    /// Folded byte offset.
    pub at: u32,
    /// The original's first character is a capital, a digit or of a caseless script.
    pub upper: bool,
    /// It starts the text, a sentence or a line (a full stop, question or exclamation
    /// mark, colon or line break stands before it).
    pub after_stop: bool,
}

impl Folded {
    /// Whether the separator at folded byte `at` may be left out to join the words on
    /// each side into one name.
    pub fn joinable(&self, at: usize) -> bool {
        self.joinable.get(at).copied().unwrap_or(false)
    }

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
    let bytes = original.as_bytes();
    // A character folds to at most four bytes ("щ" → "shch"), and takes at least two
    // bytes in UTF-8 when it folds to more than one; so twice the input is room enough.
    let cap = 2 * bytes.len() + 8;
    let (mut text, mut origin, mut flags, mut starts) = if cap >= pool::WORTH_KEEPING {
        pool::take()
    } else {
        Default::default()
    };
    // A word takes at least a letter and a separator.
    let most_words = bytes.len() / 2 + 2;
    if starts.len() < most_words {
        starts.resize(most_words, 0);
    }
    // The buffers are written before they are read, so a reused buffer's old bytes stay;
    // only a buffer too short grows (fresh memory costs page faults, which dominate on
    // long texts).
    if text.len() < cap {
        text.resize(cap, 0);
    }
    if origin.len() < cap {
        origin.resize(cap, 0);
    }
    if flags.len() < cap {
        flags.resize(cap, 0);
    }
    let mut out = Buffers {
        text,
        origin,
        starts,
        words: 0,
        flags,
        at: 0,
        letter_before: 0,
        stop: 1,
        hyphen: 0,
    };
    let mut count = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let run = out.ascii_run(&bytes[i..], count);
            i += run;
            count += run as u32;
        } else {
            let Some(c) = original.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            out.non_ascii(c, count);
            i += c.len_utf8();
            count += 1;
        }
    }
    out.finish(count)
}

/// Class bits of an ASCII byte: a letter or digit; a separator; a separator that ends a
/// sentence or line. Apostrophes are none of these: they are left out.
const LETTER: u8 = 1;
const SEPARATOR: u8 = 2;
const STOP: u8 = 4;
const HYPHEN: u8 = 8;

/// Class, folded byte and capital bit of each ASCII byte.
static ASCII: [(u8, u8, u8); 128] = {
    let mut t = [(SEPARATOR, b' ', 0u8); 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphanumeric() {
            (
                LETTER,
                b.to_ascii_lowercase(),
                !b.is_ascii_lowercase() as u8,
            )
        } else if b == b'\'' || b == b'`' {
            (0, b' ', 0)
        } else if matches!(b, b'.' | b'!' | b'?' | b':' | b'\n') {
            (SEPARATOR | STOP, b' ', 0)
        } else if b == b'-' {
            (SEPARATOR | HYPHEN, b' ', 0)
        } else {
            (SEPARATOR, b' ', 0)
        };
        c += 1;
    }
    t
};

/// The folded text as it is written: every byte is written at `at`, and `at` moves on
/// only for a letter, or for the first separator after a letter ("always write, move on
/// when it counts": no branch per byte on the common ASCII path).
struct Buffers {
    text: Vec<u8>,
    origin: Vec<u32>,
    /// Where words start; `words` of them are real (written always, counted when real).
    starts: Vec<u32>,
    words: usize,
    /// Per folded byte: bit 0, the letter's original is a capital; bit 1, a stop stands
    /// between the previous word and this letter.
    flags: Vec<u8>,
    at: usize,
    /// 1 when the last byte that counted was a letter.
    letter_before: u8,
    /// 1 when a stop came since the last letter.
    stop: u8,
    /// 1 when a hyphen came since the last letter.
    hyphen: u8,
}

impl Buffers {
    /// Folds the ASCII bytes at the start of `bytes` (most of most texts), in a tight loop
    /// on local copies of the state; returns how many it took.
    fn ascii_run(&mut self, bytes: &[u8], first_cp: u32) -> usize {
        let (mut at, mut letter_before, mut stop, mut hyphen) =
            (self.at, self.letter_before, self.stop, self.hyphen);
        let mut words = self.words;
        let (text, origin, flags, starts) = (
            &mut self.text[..],
            &mut self.origin[..],
            &mut self.flags[..],
            &mut self.starts[..],
        );
        let mut run = 0;
        for &b in bytes {
            if b >= 0x80 {
                break;
            }
            let (class, folded, upper) = ASCII[b as usize];
            let letter = class & LETTER;
            let separator = (class & SEPARATOR) >> 1;
            let s = stop | ((class & STOP) >> 2);
            let h = hyphen | ((class & HYPHEN) >> 3);
            text[at] = folded;
            origin[at] = first_cp + run as u32;
            flags[at] = upper | (s << 1) | (h << 2);
            starts[words] = at as u32;
            words += (letter & (1 - letter_before)) as usize;
            at += (letter | (separator & letter_before)) as usize;
            letter_before = letter | (letter_before & (1 - separator));
            stop = s & (1 - letter);
            hyphen = h & (1 - letter);
            if folded == b'h' || folded == b'j' {
                at = merge_group(text, origin, flags, at);
            }
            run += 1;
        }
        (
            self.at,
            self.letter_before,
            self.stop,
            self.hyphen,
            self.words,
        ) = (at, letter_before, stop, hyphen, words);
        run
    }

    /// Writes one folded byte of class `class`.
    fn write(&mut self, class: u8, folded: u8, upper: u8, cp: u32) {
        let letter = class & LETTER;
        let separator = (class & SEPARATOR) >> 1;
        let stop = self.stop | ((class & STOP) >> 2);
        let hyphen = self.hyphen | ((class & HYPHEN) >> 3);
        let at = self.at;
        self.text[at] = folded;
        self.origin[at] = cp;
        self.flags[at] = upper | (stop << 1) | (hyphen << 2);
        self.starts[self.words] = at as u32;
        self.words += (letter & (1 - self.letter_before)) as usize;
        self.at = at + (letter | (separator & self.letter_before)) as usize;
        self.letter_before = letter | (self.letter_before & (1 - separator));
        self.stop = stop & (1 - letter);
        self.hyphen = hyphen & (1 - letter);
        if folded == b'h' || folded == b'j' {
            self.at = merge_group(&mut self.text, &mut self.origin, &mut self.flags, self.at);
        }
    }

    fn non_ascii(&mut self, c: char, cp: u32) {
        if matches!(c, '’' | 'ʻ' | 'ʼ' | '‘' | 'ʹ' | 'ʺ') {
            return;
        }
        let upper = u8::from(!c.is_lowercase());
        if let Some(s) = latin(c).or_else(|| cyrillic(c)) {
            for (k, b) in s.bytes().enumerate() {
                self.write(LETTER, b, if k == 0 { upper } else { 0 }, cp);
            }
        } else if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            let mut first = true;
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    self.write(LETTER, b, if first { upper } else { 0 }, cp);
                    first = false;
                }
            }
        } else if matches!(c, '\u{2028}' | '\u{2029}' | '…' | '。') {
            self.write(SEPARATOR | STOP, b' ', 0, cp);
        } else if matches!(c, '‑' | '–' | '‐') {
            self.write(SEPARATOR | HYPHEN, b' ', 0, cp);
        } else {
            self.write(SEPARATOR, b' ', 0, cp);
        }
    }

    /// Hands the folded text over, with its words.
    fn finish(mut self, original_len: u32) -> Folded {
        let len = self.at;
        self.text.truncate(len);
        self.origin.truncate(len);
        let mut joinable = vec![false; len];
        let words = self.starts[..self.words]
            .iter()
            .map(|&at| {
                let f = self.flags[at as usize];
                if let Some(sep) = (at as usize).checked_sub(1) {
                    joinable[sep] = f & 0b101 != 0;
                }
                WordStart {
                    at,
                    upper: f & 1 != 0,
                    after_stop: f & 2 != 0,
                }
            })
            .collect();
        pool::keep_work(self.flags, self.starts);
        Folded {
            // Only whole characters are ever written, so the bytes are UTF-8.
            text: String::from_utf8(self.text).unwrap_or_default(),
            origin: self.origin,
            original_len,
            words,
            joinable,
        }
    }
}

/// Buffers of earlier folds, kept per thread for the next: a long document's buffers are
/// tens of megabytes, and fresh memory is paid for in page faults.
mod pool {
    use std::cell::RefCell;

    type Set = (Vec<u8>, Vec<u32>, Vec<u8>, Vec<u32>);

    /// Buffers of fewer bytes than this are not worth keeping (names, short texts).
    pub const WORTH_KEEPING: usize = 1 << 16;

    thread_local! {
        static POOL: RefCell<Set> =
            const { RefCell::new((Vec::new(), Vec::new(), Vec::new(), Vec::new())) };
    }

    /// The kept buffers (empty ones the first time).
    pub fn take() -> Set {
        POOL.with(|p| std::mem::take(&mut *p.borrow_mut()))
    }

    /// Keeps the text and origin buffers of a folded text that is done with.
    pub fn keep(text: Vec<u8>, origin: Vec<u32>) {
        if text.capacity() < WORTH_KEEPING {
            return;
        }
        POOL.with(|p| {
            let mut p = p.borrow_mut();
            if text.capacity() > p.0.capacity() {
                p.0 = text;
            }
            if origin.capacity() > p.1.capacity() {
                p.1 = origin;
            }
        });
    }

    /// Keeps the flags and word buffers of the fold that just ended.
    pub fn keep_work(flags: Vec<u8>, starts: Vec<u32>) {
        if flags.capacity() < WORTH_KEEPING {
            return;
        }
        POOL.with(|p| {
            let mut p = p.borrow_mut();
            if flags.capacity() > p.2.capacity() {
                p.2 = flags;
            }
            if starts.capacity() > p.3.capacity() {
                p.3 = starts;
            }
        });
    }
}

impl Drop for Folded {
    fn drop(&mut self) {
        pool::keep(
            std::mem::take(&mut self.text).into_bytes(),
            std::mem::take(&mut self.origin),
        );
    }
}

/// Merges the letter group that the letter just written (before `at`) completes, if any
/// — German and Russian spellings of the same sounds: `tsch`, `ch` → `ch`; `dsch`, `dzh`,
/// `zh`, `dj` → `j`; `sch` → `sh`; `kh` → `h`; `gh` → `g` — and returns where writing goes
/// on. A merged group keeps the origin and flags of its first letter.
fn merge_group(text: &mut [u8], origin: &mut [u32], flags: &mut [u8], at: usize) -> usize {
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
        if text[..at].ends_with(from) {
            let start = at - from.len();
            let (first_origin, first_flags) = (origin[start], flags[start]);
            text[start..start + to.len()].copy_from_slice(to);
            for k in start..start + to.len() {
                origin[k] = first_origin;
                flags[k] = first_flags;
            }
            return start + to.len();
        }
    }
    at
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
    fn words_know_their_capitals_and_sentence_starts() {
        let f = fold("Trucks at Korday. Then «Karasu» and shch");
        let words: Vec<(u32, bool, bool)> = f
            .words
            .iter()
            .map(|w| (w.at, w.upper, w.after_stop))
            .collect();
        assert_eq!(f.text, "trucks at korday then karasu and shch");
        assert_eq!(
            words,
            vec![
                (0, true, true),
                (7, false, false),
                (10, true, false),
                (17, true, true),
                (22, true, false),
                (29, false, false),
                (33, false, false),
            ]
        );
    }

    #[test]
    fn letter_groups_merge_across_scripts_and_keep_their_origin() {
        let f = fold("Tschüi Dschalal Жанаозен");
        assert_eq!(f.text, "chui jalal janaozen");
        assert_eq!(f.original_range(0, 4), (0, 6));
        assert_eq!(f.original_range(5, 10), (7, 15));
    }

    #[test]
    fn other_scripts_pass_through_lower_cased() {
        assert_eq!(fold("霍尔果斯").text, "霍尔果斯");
    }
}
