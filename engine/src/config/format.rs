//! The `{{key}}` templates inside configuration fields, and the size limit of every text the overlay shows.

use super::ProblemKind;

/// Longest label (and raw attribute key) shown, in characters (Unicode scalar values).
pub const LABEL_LIMIT: usize = 256;
/// Longest value shown: a contact attribute, or a format once expanded.
pub const VALUE_LIMIT: usize = 10_000;
/// Longest Default Value shown.
pub const DEFAULT_LIMIT: usize = 1_000;
/// Longest link: an expanded hyperlink, and the address the URL parser makes of it. A longer one
/// is shown as text, never cut (a cut address is another address).
pub const LINK_LIMIT: usize = 4_096;
/// Longest style; a longer one is ignored whole.
pub const STYLE_LIMIT: usize = 1_000;

/// What ends a text cut at its limit, so the agent sees it was cut.
pub const CUT_MARK: char = '…';

/// A format with `{{key}}` placeholders for contact attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePart {
    Text(String),
    /// A contact attribute key, exactly as written (case and spaces kept).
    Key(String),
}

/// A template with the contact's values filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded {
    /// At most the limit asked for, ending with [`CUT_MARK`] when cut.
    pub text: String,
    pub cut: bool,
    /// At least one placeholder named a key the contact has.
    pub found_any: bool,
}

impl Template {
    /// One left-to-right pass. A placeholder is `{{KEY}}` with KEY one or more characters other
    /// than `{` and `}`; anything else is text as written, so `{{{v}}}` is `{`, the key `v`, `}`
    /// and `{{a` is text. Linear: a failed `{{` is retried one character on, and the key scan
    /// stops at the first brace, so no character is scanned more than a few times.
    pub fn parse(text: &str) -> Template {
        let mut parts = Vec::new();
        let (mut literal, mut at) = (0, 0);
        while let Some(found) = text[at..].find("{{") {
            let open = at + found;
            let key_start = open + 2;
            let key_end = text[key_start..]
                .find(['{', '}'])
                .map_or(text.len(), |i| key_start + i);
            if key_end > key_start && text[key_end..].starts_with("}}") {
                if open > literal {
                    parts.push(TemplatePart::Text(text[literal..open].to_owned()));
                }
                parts.push(TemplatePart::Key(text[key_start..key_end].to_owned()));
                at = key_end + 2;
                literal = at;
            } else {
                at = open + 1;
            }
        }
        if literal < text.len() {
            parts.push(TemplatePart::Text(text[literal..].to_owned()));
        }
        Template { parts }
    }

    /// The attribute keys the template reads.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            TemplatePart::Key(key) => Some(key.as_str()),
            TemplatePart::Text(_) => None,
        })
    }

    pub fn has_placeholders(&self) -> bool {
        self.keys().next().is_some()
    }

    /// The fixed text before the first placeholder.
    pub fn fixed_prefix(&self) -> &str {
        match self.parts.first() {
            Some(TemplatePart::Text(text)) => text,
            _ => "",
        }
    }

    /// A `{{` that starts no placeholder (`{{a`, `{{}}`): shown as written, most likely a typo.
    pub fn stray_braces(&self) -> Option<ProblemKind> {
        let texts = || {
            self.parts.iter().filter_map(|part| match part {
                TemplatePart::Text(text) => Some(text),
                TemplatePart::Key(_) => None,
            })
        };
        if texts().any(|t| t.contains("{{}}")) {
            Some(ProblemKind::TemplateEmptyKey)
        } else if texts().any(|t| t.contains("{{")) {
            Some(ProblemKind::TemplateUnclosed)
        } else {
            None
        }
    }

    /// Fills in each placeholder with its value (an unknown key gives ""), in one pass: a value
    /// is never read as a template again. Stops writing at `limit` characters.
    pub fn expand<'v>(&self, value: impl Fn(&str) -> Option<&'v str>, limit: usize) -> Expanded {
        let mut text = Capped::new(limit);
        let mut found_any = false;
        for part in &self.parts {
            match part {
                TemplatePart::Text(literal) => text.push(literal),
                TemplatePart::Key(key) => {
                    if let Some(value) = value(key) {
                        found_any = true;
                        text.push(value);
                    }
                }
            }
        }
        let (text, cut) = text.finish();
        Expanded {
            text,
            cut,
            found_any,
        }
    }
}

/// `text` cut to at most `limit` characters, the last one then [`CUT_MARK`]; whether it was cut.
pub fn bound(text: &str, limit: usize) -> (String, bool) {
    let mut capped = Capped::new(limit);
    capped.push(text);
    capped.finish()
}

/// `text` cut for quoting in a problem message.
pub fn excerpt(text: &str) -> String {
    bound(text, 100).0
}

/// A string that stops growing past its limit, in time linear in what it keeps.
struct Capped {
    text: String,
    chars: usize,
    limit: usize,
    over: bool,
}

impl Capped {
    fn new(limit: usize) -> Self {
        Capped {
            text: String::new(),
            chars: 0,
            limit,
            over: false,
        }
    }

    fn push(&mut self, piece: &str) {
        if self.over {
            return;
        }
        // Whole pieces while they fit (counting stops early on a huge piece).
        let room = self.limit - self.chars;
        match piece.char_indices().nth(room) {
            None => {
                self.chars += piece.chars().count();
                self.text.push_str(piece);
            }
            Some((end, _)) => {
                self.text.push_str(&piece[..end]);
                self.chars = self.limit;
                self.over = true;
            }
        }
    }

    fn finish(mut self) -> (String, bool) {
        if self.over && self.limit > 0 {
            self.text.pop();
            self.text.push(CUT_MARK);
        }
        (self.text, self.over)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let t = Template::parse("https://x.test/{{postal_code}}?q={{a}}");
        assert_eq!(t.keys().collect::<Vec<_>>(), ["postal_code", "a"]);
        assert_eq!(t.fixed_prefix(), "https://x.test/");
        assert_eq!(
            Template::parse("{{a").stray_braces(),
            Some(ProblemKind::TemplateUnclosed)
        );
        assert_eq!(
            Template::parse("x{{}}").stray_braces(),
            Some(ProblemKind::TemplateEmptyKey)
        );
        assert_eq!(Template::parse("{{{v}}}").stray_braces(), None);
        assert_eq!(Template::parse("").parts, vec![]);
    }

    #[test]
    fn bounds() {
        assert_eq!(bound("abc", 3), ("abc".into(), false));
        assert_eq!(bound("abcd", 3), ("ab…".into(), true));
        assert_eq!(bound("ééé", 2), ("é…".into(), true));
        let t = Template::parse("{{a}}{{a}}{{a}}");
        let e = t.expand(|_| Some("xyz"), 7);
        assert_eq!((e.text.as_str(), e.cut), ("xyzxyz…", true));
    }
}
