//! Exact decimal numbers for rule comparisons: JSON number text compared and multiplied without floats.

use std::cmp::Ordering;

/// A decimal read from JSON number text: `digits × 10^exp`, exactly. No float is involved, so
/// `0.1 × 3` equals `0.3` and the bundle links no float parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    /// Most significant first; no leading or trailing zeros; empty for zero.
    digits: Vec<u8>,
    exp: i64,
}

/// Exponents beyond this are clamped: such numbers already compare correctly against any
/// number a person can type, and the clamp keeps sums of exponents from overflowing.
const EXP_LIMIT: i64 = 1 << 40;

impl Decimal {
    /// Reads `text` (surrounding white space allowed) when it is a JSON number.
    pub fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        if !crate::json::is_number(text) {
            return None;
        }
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, ""),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits: Vec<u8> = whole
            .bytes()
            .chain(fraction.bytes())
            .map(|b| b - b'0')
            .collect();
        let exp = read_exponent(exponent).saturating_sub(fraction.len() as i64);
        Some(Decimal::normalized(negative, digits, exp))
    }

    fn normalized(negative: bool, mut digits: Vec<u8>, mut exp: i64) -> Decimal {
        let leading = digits.iter().take_while(|d| **d == 0).count();
        digits.drain(..leading);
        while digits.last() == Some(&0) {
            digits.pop();
            exp = exp.saturating_add(1);
        }
        if digits.is_empty() {
            return Decimal {
                negative: false,
                digits,
                exp: 0,
            };
        }
        Decimal {
            negative,
            digits,
            exp: exp.clamp(-EXP_LIMIT, EXP_LIMIT),
        }
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The exact product.
    pub fn mul(&self, other: &Decimal) -> Decimal {
        let (a, b) = (&self.digits, &other.digits);
        let mut product = vec![0u32; a.len() + b.len()];
        for (i, x) in a.iter().enumerate().rev() {
            for (j, y) in b.iter().enumerate().rev() {
                product[i + j + 1] += u32::from(*x) * u32::from(*y);
            }
        }
        for k in (1..product.len()).rev() {
            let carry = product[k] / 10;
            product[k] %= 10;
            product[k - 1] += carry;
        }
        let digits = product.into_iter().map(|d| d as u8).collect();
        Decimal::normalized(
            self.negative != other.negative,
            digits,
            self.exp.saturating_add(other.exp),
        )
    }

    /// Orders by value: `10 > 9`, `1.50 == 1.5`, `-0 == 0`.
    pub fn compare(&self, other: &Decimal) -> Ordering {
        match (self.sign(), other.sign()) {
            (a, b) if a != b => a.cmp(&b),
            (0, _) => Ordering::Equal,
            (sign, _) => {
                let magnitude = self.magnitude(other);
                if sign < 0 {
                    magnitude.reverse()
                } else {
                    magnitude
                }
            }
        }
    }

    fn sign(&self) -> i8 {
        match (self.is_zero(), self.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        }
    }

    /// Compares absolute values of two non-zero numbers: first where the leading digit sits,
    /// then the digits (a prefix is smaller, since there are no trailing zeros).
    fn magnitude(&self, other: &Decimal) -> Ordering {
        let top = |d: &Decimal| i128::from(d.exp) + d.digits.len() as i128;
        top(self)
            .cmp(&top(other))
            .then_with(|| self.digits.cmp(&other.digits))
    }
}

fn read_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = digits.bytes().fold(0i64, |acc, b| {
        acc.saturating_mul(10)
            .saturating_add(i64::from(b - b'0'))
            .min(EXP_LIMIT)
    });
    if negative { -value } else { value }
}

/// A number or the ratio of two (a workload percentage, `100 × workload / capacity`), compared
/// exactly by cross-multiplying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ratio {
    numerator: Decimal,
    /// Always positive.
    denominator: Decimal,
}

impl Ratio {
    pub fn whole(value: Decimal) -> Ratio {
        Ratio {
            numerator: value,
            denominator: Decimal::normalized(false, vec![1], 0),
        }
    }

    /// `100 × part / whole`; `None` when `whole` is zero or negative.
    pub fn percent(part: &Decimal, whole: &Decimal) -> Option<Ratio> {
        if whole.is_zero() || whole.is_negative() {
            return None;
        }
        let hundred = Decimal::normalized(false, vec![1], 2);
        Some(Ratio {
            numerator: part.mul(&hundred),
            denominator: whole.clone(),
        })
    }

    pub fn compare(&self, other: &Ratio) -> Ordering {
        let left = self.numerator.mul(&other.denominator);
        let right = other.numerator.mul(&self.denominator);
        left.compare(&right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn reads_json_numbers_only() {
        for bad in [
            "", "NaN", "inf", "+1", ".5", "5.", "0x10", "1e", "--1", "01",
        ] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
        assert_eq!(n(" 80 "), n("80"));
        assert_eq!(n("1.50"), n("1.5"));
        assert_eq!(n("-0"), n("0"));
        assert_eq!(n("1E3"), n("1000"));
        assert_eq!(n("0.001e3"), n("1"));
    }

    #[test]
    fn orders_by_value() {
        let ordered = [
            "-1e400", "-150", "-1.5", "-0.001", "0", "1e-400", "0.5", "9", "9.000001", "10", "1e3",
            "1e400",
        ];
        for (i, a) in ordered.iter().enumerate() {
            for (j, b) in ordered.iter().enumerate() {
                assert_eq!(n(a).compare(&n(b)), i.cmp(&j), "{a} vs {b}");
            }
        }
        assert_eq!(
            n("1e99999999999999999999").compare(&n("1e400")),
            Ordering::Greater
        );
    }

    #[test]
    fn multiplies_exactly() {
        assert_eq!(n("0.1").mul(&n("3")), n("0.3"));
        assert_eq!(n("-12.5").mul(&n("8")), n("-100"));
        assert_eq!(n("0").mul(&n("-7")), n("0"));
        assert_eq!(n("99").mul(&n("99")), n("9801"));
    }

    #[test]
    fn percentages_compare_exactly() {
        let pct = |part: &str, whole: &str| Ratio::percent(&n(part), &n(whole)).unwrap();
        assert_eq!(
            pct("4", "5").compare(&Ratio::whole(n("80"))),
            Ordering::Equal
        );
        // 2 of 3 is 66.66…%: above 66.6, below 67, never rounded.
        assert_eq!(
            pct("2", "3").compare(&Ratio::whole(n("66.6"))),
            Ordering::Greater
        );
        assert_eq!(
            pct("2", "3").compare(&Ratio::whole(n("67"))),
            Ordering::Less
        );
        assert!(Ratio::percent(&n("1"), &n("0")).is_none());
        assert!(Ratio::percent(&n("1"), &n("-2")).is_none());
    }
}
