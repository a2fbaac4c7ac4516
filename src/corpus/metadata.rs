//! What a document says about itself: its title and its publisher (its date: [`super::dates`]).
//! Heuristics for news text; each returns `None` (or a fallback title) rather than guess
//! wildly.

/// Lines that are page furniture, not content.
const BOILERPLATE: &[&str] = &[
    "logo",
    "photo",
    "foto",
    "изображения",
    "depositphotos",
    "comment",
    "kommentar",
    "follow ",
    "по сообщению",
    "leave a reply",
    "quelle:",
    "source:",
];

fn is_boilerplate(line: &str) -> bool {
    let lower = line.to_lowercase();
    BOILERPLATE.iter().any(|b| lower.contains(b))
}

/// The headline: among the first three lines, the first of 20 to 160 characters with at
/// least four words that is not page furniture (logos, credits); else the first sentence of
/// the first real paragraph, cut to about 100 characters.
pub fn title(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let headline = lines.iter().take(3).find(|line| {
        let n = line.chars().count();
        (20..=160).contains(&n)
            && line.split_whitespace().count() >= 4
            && !is_boilerplate(line)
            && line.chars().any(char::is_lowercase)
            && !line.starts_with(['„', '"', '«', '“'])
    });
    if let Some(line) = headline {
        return line.trim_end_matches(['.', ':']).to_owned();
    }
    let first = lines
        .iter()
        .find(|l| !is_boilerplate(l) && l.split_whitespace().count() >= 4)
        .unwrap_or(&"");
    let sentence = first
        .split_inclusive(". ")
        .next()
        .unwrap_or(first)
        .trim_end();
    let cut: String = sentence.chars().take(100).collect();
    if cut.chars().count() < sentence.chars().count() {
        format!("{}…", cut.trim_end())
    } else {
        cut.trim_end_matches('.').to_owned()
    }
}

/// The publisher when the text names it: a "Source:" link's site, "Follow X's official…",
/// "X reports", or a masthead line such as "EURASIAN STAR LOGO".
pub fn publisher(text: &str) -> Option<String> {
    for line in text.lines().map(str::trim) {
        for prefix in ["Quelle:", "Source:", "Источник:"] {
            if let Some(rest) = line.strip_prefix(prefix) {
                let host = rest
                    .trim()
                    .trim_start_matches("https://")
                    .trim_start_matches("http://");
                let host = host
                    .split('/')
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("www.");
                if !host.is_empty() {
                    return Some(host.to_owned());
                }
            }
        }
        if let Some(name) = line.strip_suffix(" LOGO") {
            return Some(title_case(name));
        }
        if let Some(rest) = line.strip_prefix("Follow ")
            && let Some((name, _)) = rest.split_once("'s official")
        {
            return Some(name.to_owned());
        }
    }
    None
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_skips_mastheads_and_credits() {
        let text = "EURASIAN STAR LOGO\nGeo Politics KG KZ\n\nKazakhstan and Kyrgyzstan deepen multifaceted cooperation\n\nText.";
        assert_eq!(
            title(text),
            "Kazakhstan and Kyrgyzstan deepen multifaceted cooperation"
        );
        assert_eq!(publisher(text).as_deref(), Some("Eurasian Star"));
    }

    #[test]
    fn publisher_from_a_source_link() {
        assert_eq!(
            publisher("Quelle: https://www.example.vn/a.html").as_deref(),
            Some("example.vn")
        );
        assert_eq!(publisher("no credits here"), None);
    }
}
