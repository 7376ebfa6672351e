//! A small backtracking matcher for the JavaScript regular expressions libphonenumber uses.
//!
//! The metadata's patterns and libphonenumber-js's own input patterns use a small subset of
//! JavaScript's syntax: literals, classes with ranges, `\d`, groups (capturing or `(?:`),
//! alternation, the greedy quantifiers `? * + {n} {n,} {n,m}`, `^`, `$`, and the `i` flag.
//! Matching follows JavaScript's rules (leftmost, alternatives in order, greedy quantifiers,
//! an iteration that matches nothing ends a loop), so results equal the reference's.
//! Patterns come from generated tables and constants, never from users; `Regex::new` still
//! refuses what it does not understand rather than guessing.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A pattern of the generated tables, compiled once per thread (keyed by its address: the
/// tables are `'static`), so a number costs matching, not compiling.
pub fn cached(pattern: &'static str) -> Option<Rc<Regex>> {
    type Cache = BTreeMap<(usize, usize), Option<Rc<Regex>>>;
    thread_local! {
        static CACHE: RefCell<Cache> = const { RefCell::new(BTreeMap::new()) };
    }
    let key = (pattern.as_ptr() as usize, pattern.len());
    CACHE.with(|cache| {
        cache
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| Regex::new(pattern, false).map(Rc::new))
            .clone()
    })
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Regex {
    node: Node,
    groups: usize,
    ignore_case: bool,
}

/// One match: where it ends, and each capturing group's span (`None` when it took no part).
#[derive(Debug)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub groups: Vec<Option<(usize, usize)>>,
}

#[derive(Debug)]
enum Node {
    Char(char),
    Class(Class),
    Start,
    End,
    Group(Box<Node>, Option<usize>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
}

#[derive(Debug)]
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
}

impl Class {
    fn contains(&self, c: char, ignore_case: bool) -> bool {
        let hit = |c: char| self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
        let found = hit(c) || (ignore_case && (hit(upper(c)) || hit(lower(c))));
        found != self.negated
    }
}

impl Regex {
    /// Compiles `pattern`; `None` for syntax outside the subset (or malformed).
    pub fn new(pattern: &str, ignore_case: bool) -> Option<Regex> {
        let mut parser = Parser {
            chars: pattern.chars().collect(),
            at: 0,
            groups: 0,
        };
        let node = parser.alternation()?;
        if parser.at != parser.chars.len() {
            return None;
        }
        Some(Regex {
            node,
            groups: parser.groups,
            ignore_case,
        })
    }

    /// The first match that starts exactly at `start`, as JavaScript would pick it; with
    /// `whole`, only a match that also reaches the end of `text`.
    pub fn match_at(&self, text: &[char], start: usize, whole: bool) -> Option<Match> {
        let mut matcher = Matcher {
            text,
            ignore_case: self.ignore_case,
            groups: vec![None; self.groups],
        };
        let mut end = None;
        let found = matcher.node(&self.node, start, &mut |_, at| {
            if whole && at != text.len() {
                return false;
            }
            end = Some(at);
            true
        });
        match (found, end) {
            (true, Some(end)) => Some(Match {
                start,
                end,
                groups: matcher.groups,
            }),
            _ => None,
        }
    }

    /// The leftmost match anywhere in `text` (JavaScript's `search` / `exec`).
    pub fn search(&self, text: &[char]) -> Option<Match> {
        (0..=text.len()).find_map(|start| self.match_at(text, start, false))
    }

    /// Whether the whole of `text` matches (libphonenumber's `matchesEntirely`).
    pub fn is_entire(&self, text: &[char]) -> bool {
        self.match_at(text, 0, true).is_some()
    }
}

type Next<'k, 't> = dyn FnMut(&mut Matcher<'t>, usize) -> bool + 'k;

struct Matcher<'t> {
    text: &'t [char],
    ignore_case: bool,
    groups: Vec<Option<(usize, usize)>>,
}

impl<'t> Matcher<'t> {
    /// Matches `node` at `at`, then calls `next` with the end; backtracks while `next` fails.
    fn node(&mut self, node: &Node, at: usize, next: &mut Next<'_, 't>) -> bool {
        match node {
            Node::Char(c) => match self.text.get(at) {
                Some(&t) if t == *c || (self.ignore_case && upper(t) == upper(*c)) => {
                    next(self, at + 1)
                }
                _ => false,
            },
            Node::Class(class) => match self.text.get(at) {
                Some(&t) if class.contains(t, self.ignore_case) => next(self, at + 1),
                _ => false,
            },
            Node::Start => at == 0 && next(self, at),
            Node::End => at == self.text.len() && next(self, at),
            Node::Group(inner, None) => self.node(inner, at, next),
            Node::Group(inner, Some(index)) => {
                let index = *index;
                self.node(inner, at, &mut |m: &mut Matcher<'t>, end| {
                    let before = m.groups[index];
                    m.groups[index] = Some((at, end));
                    if next(m, end) {
                        return true;
                    }
                    m.groups[index] = before;
                    false
                })
            }
            Node::Concat(nodes) => self.sequence(nodes, at, next),
            Node::Alt(options) => options.iter().any(|option| {
                let saved = self.groups.clone();
                if self.node(option, at, next) {
                    return true;
                }
                self.groups = saved;
                false
            }),
            Node::Repeat(inner, min, max) => self.repeat(inner, (*min, *max), 0, at, next),
        }
    }

    fn sequence(&mut self, nodes: &[Node], at: usize, next: &mut Next<'_, 't>) -> bool {
        match nodes.split_first() {
            None => next(self, at),
            Some((first, rest)) => self.node(first, at, &mut |m: &mut Matcher<'t>, end| {
                m.sequence(rest, end, next)
            }),
        }
    }

    /// Greedy: one more iteration first, then the rest of the pattern.
    fn repeat(
        &mut self,
        inner: &Node,
        (min, max): (u32, Option<u32>),
        count: u32,
        at: usize,
        next: &mut Next<'_, 't>,
    ) -> bool {
        if max.is_none_or(|max| count < max) {
            let more = self.node(inner, at, &mut |m: &mut Matcher<'t>, end| {
                // JavaScript ends a loop on an empty iteration once the minimum is met.
                if end == at && count >= min {
                    return false;
                }
                m.repeat(inner, (min, max), count + 1, end, next)
            });
            if more {
                return true;
            }
        }
        count >= min && next(self, at)
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    groups: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        self.at += usize::from(hit);
        hit
    }

    fn alternation(&mut self) -> Option<Node> {
        let mut options = vec![self.concatenation()?];
        while self.eat('|') {
            options.push(self.concatenation()?);
        }
        Some(if options.len() == 1 {
            options.pop()?
        } else {
            Node::Alt(options)
        })
    }

    fn concatenation(&mut self) -> Option<Node> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Some(Node::Concat(nodes))
    }

    fn atom(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            '(' => {
                let index = if self.eat('?') {
                    if !self.eat(':') {
                        return None; // lookarounds are outside the subset
                    }
                    None
                } else {
                    self.groups += 1;
                    Some(self.groups - 1)
                };
                let inner = self.alternation()?;
                if !self.eat(')') {
                    return None;
                }
                Node::Group(Box::new(inner), index)
            }
            '[' => Node::Class(self.class()?),
            '^' => Node::Start,
            '$' => Node::End,
            '\\' => match self.escape()? {
                Escaped::Char(c) => Node::Char(c),
                Escaped::Digit => Node::Class(digits(false)),
            },
            '.' | '*' | '+' | '?' | '{' | ')' => return None,
            c => Node::Char(c),
        })
    }

    fn quantified(&mut self, atom: Node) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                self.at += 1;
                let min = self.number()?;
                let max = if self.eat(',') {
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.number()?)
                    }
                } else {
                    Some(min)
                };
                if self.peek() != Some('}') || max.is_some_and(|max| max < min) {
                    return None;
                }
                (min, max)
            }
            _ => return Some(atom),
        };
        self.at += 1;
        if matches!(self.peek(), Some('?' | '*' | '+' | '{')) {
            return None; // lazy and possessive forms are outside the subset
        }
        Some(Node::Repeat(Box::new(atom), min, max))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let text: String = self.chars[start..self.at].iter().collect();
        text.parse().ok()
    }

    fn escape(&mut self) -> Option<Escaped> {
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            'd' => Escaped::Digit,
            't' => Escaped::Char('\t'),
            'u' => {
                let hex: String = self.chars.get(self.at..self.at + 4)?.iter().collect();
                self.at += 4;
                Escaped::Char(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?)
            }
            c if c.is_ascii_alphanumeric() => return None, // \w, \s, \b…: not in the subset
            c => Escaped::Char(c),
        })
    }

    fn class(&mut self) -> Option<Class> {
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        loop {
            let c = self.peek()?;
            self.at += 1;
            let low = match c {
                ']' => break,
                '\\' => match self.escape()? {
                    Escaped::Char(c) => c,
                    Escaped::Digit => {
                        ranges.push(('0', '9'));
                        continue;
                    }
                },
                c => c,
            };
            let is_range = self.peek() == Some('-') && self.chars.get(self.at + 1) != Some(&']');
            if !is_range {
                ranges.push((low, low));
                continue;
            }
            self.at += 1;
            let high = match self.peek()? {
                '\\' => {
                    self.at += 1;
                    match self.escape()? {
                        Escaped::Char(c) => c,
                        Escaped::Digit => return None,
                    }
                }
                c => {
                    self.at += 1;
                    c
                }
            };
            if high < low {
                return None;
            }
            ranges.push((low, high));
        }
        Some(Class { negated, ranges })
    }
}

enum Escaped {
    Char(char),
    Digit,
}

fn digits(negated: bool) -> Class {
    Class {
        negated,
        ranges: vec![('0', '9')],
    }
}

/// JavaScript's case folding for the `i` flag (without `u`), for the scripts whose letters
/// libphonenumber's case-insensitive patterns contain: ASCII, Latin-1 (`ó`), Cyrillic (`доб`)
/// and full-width Latin (`ｅｘｔ`). Every other character folds to itself, as it does in
/// JavaScript for these patterns: no other character upper-cases to one of their letters.
/// (Rust's full Unicode case tables would cost more in the bundle than the rest of this file.)
fn upper(c: char) -> char {
    let shift = |c: char, by: u32| char::from_u32(c as u32 - by).unwrap_or(c);
    match c {
        'a'..='z' => c.to_ascii_uppercase(),
        '\u{E0}'..='\u{FE}' if c != '\u{F7}' => shift(c, 0x20),
        '\u{430}'..='\u{44F}' => shift(c, 0x20),
        '\u{450}'..='\u{45F}' => shift(c, 0x50),
        '\u{FF41}'..='\u{FF5A}' => shift(c, 0x20),
        _ => c,
    }
}

fn lower(c: char) -> char {
    let shift = |c: char, by: u32| char::from_u32(c as u32 + by).unwrap_or(c);
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => shift(c, 0x20),
        '\u{410}'..='\u{42F}' => shift(c, 0x20),
        '\u{400}'..='\u{40F}' => shift(c, 0x50),
        '\u{FF21}'..='\u{FF3A}' => shift(c, 0x20),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::Regex;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn entire_matches_follow_javascript() {
        for (pattern, text, expected) in [
            ("[2-9]\\d{9}|3\\d{6}", "4155550142", true),
            ("[2-9]\\d{9}|3\\d{6}", "3123456", true),
            ("[2-9]\\d{9}|3\\d{6}", "1155550142", false),
            ("(?:1|6\\d)\\d{7}|[135-9]\\d{5}", "612345678", true),
            ("\\d{2,4}", "12345", false),
            ("a(?:b|c)*d", "abcbd", true),
            ("[^0-9#]+", "ab-", true),
            ("x{2,}", "xxxx", true),
        ] {
            let regex = Regex::new(pattern, false).unwrap();
            assert_eq!(
                regex.is_entire(&chars(text)),
                expected,
                "{pattern} on {text}"
            );
        }
    }

    #[test]
    fn captures_and_priority() {
        let regex = Regex::new("(?:0|90)(?:(1[245]|2[1-35])(\\d{10,11}))?", false).unwrap();
        let text = chars("0211987654321");
        let found = regex.match_at(&text, 0, false).unwrap();
        assert_eq!(found.end, 13);
        assert_eq!(found.groups, vec![Some((1, 3)), Some((3, 13))]);
        // Alternatives in order, not the longest: JavaScript picks "a".
        let regex = Regex::new("a|ab", false).unwrap();
        assert_eq!(regex.match_at(&chars("ab"), 0, false).unwrap().end, 1);
    }

    #[test]
    fn ignore_case_and_escapes() {
        let regex = Regex::new("e?xt(?:ensi(?:o\u{301}?|\u{F3}))?n?", true).unwrap();
        assert!(regex.is_entire(&chars("EXTENSIÓN")));
        assert!(regex.is_entire(&chars("Ext")));
        let regex = Regex::new("[\\-\\.\\(\\)]?\\u0041", false).unwrap();
        assert!(regex.is_entire(&chars("-A")));
    }

    #[test]
    fn refuses_what_it_does_not_know() {
        for pattern in ["(?=a)", "a*?", "\\w", "(a", "a)", "[a", "x{3,2}", "."] {
            assert!(Regex::new(pattern, false).is_none(), "{pattern}");
        }
    }
}
