//! Core blocks: start, end, log, branches, phone formatting, Extract Value and the property store.

use super::super::data::Data;
use super::super::path;
use super::{ControlType as T, Ctx, Kind, Outcome};

pub const START: Kind = Kind {
    type_id: "SE_Start",
    controls: &[],
    ports: &["done"],
    exec: |_| Outcome::done(Data::Null),
};

pub const END: Kind = Kind {
    type_id: "SE_End",
    controls: &[],
    ports: &[],
    exec: |_| Outcome::End,
};

/// Log to Console: the message goes into the run's log (the record's `results`).
pub const LOG: Kind = Kind {
    type_id: "SE_Log",
    controls: &[("level", T::Text), ("message", T::Any)],
    ports: &["done"],
    exec: |ctx| {
        Outcome::done(Data::object([
            ("level", Data::text(ctx.text_or_empty("level"))),
            ("message", ctx.value("message")),
        ]))
    },
};

/// Is Truthy?: JavaScript truthiness (booleans are values like any other, as fixed in 5.4).
pub const TRUTHY: Kind = Kind {
    type_id: "SE_CoreTruthy",
    controls: &[("value", T::Any)],
    ports: &["true", "false"],
    exec: |ctx| Outcome::branch(ctx.flag("value", false)),
};

/// If-else: compares `value1` with `value2` by `operator` (`==`, `!=`, `<`, `<=`, `>`, `>=`,
/// `contains`, `startsWith`, `endsWith`). Values are compared as JavaScript's loose `==` does for
/// text and numbers; ordering is numeric when both sides are numbers, else by text.
pub const IF_ELSE: Kind = Kind {
    type_id: "SE_CoreIfElse",
    controls: &[
        ("value1", T::Any),
        ("operator", T::Text),
        ("value2", T::Any),
    ],
    ports: &["true", "false", "failure"],
    exec: |ctx| {
        let (a, b) = (ctx.value("value1"), ctx.value("value2"));
        let (ta, tb) = (
            a.as_text().unwrap_or_default(),
            b.as_text().unwrap_or_default(),
        );
        let order = || decimal_cmp(&ta, &tb).unwrap_or_else(|| ta.cmp(&tb));
        let yes = match ctx.text_or_empty("operator").as_str() {
            "==" | "===" | "equals" => loosely_equal(&a, &b),
            "!=" | "!==" | "notEquals" => !loosely_equal(&a, &b),
            "<" => order().is_lt(),
            "<=" => order().is_le(),
            ">" => order().is_gt(),
            ">=" => order().is_ge(),
            "contains" => ta.contains(&tb),
            "startsWith" => ta.starts_with(&tb),
            "endsWith" => ta.ends_with(&tb),
            _ => return Outcome::fail("unknown operator"),
        };
        Outcome::branch(yes)
    },
};

/// Format Phone Number. engine::phone has no national formats yet, so this gives E.164 like the
/// block below; a number that cannot be read fails the block.
pub const FORMAT_PHONE_NUMBER: Kind = Kind {
    type_id: "SE_CoreFormatPhoneNumber",
    controls: &[("phoneNumber", T::Text), ("countryCode", T::Text)],
    ports: &["done", "failure"],
    exec: format_e164,
};

pub const FORMAT_PHONE_NUMBER_E164: Kind = Kind {
    type_id: "SE_CoreFormatPhoneNumberE164",
    controls: &[("phoneNumber", T::Text), ("countryCode", T::Text)],
    ports: &["done", "failure"],
    exec: format_e164,
};

fn format_e164(ctx: &mut Ctx) -> Outcome {
    let number = ctx.text_or_empty("phoneNumber");
    let country = ctx
        .text("countryCode")
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| ctx.options.default_country.to_string());
    match crate::phone::normalize(&number, &country) {
        Ok(e164) => Outcome::Value(Data::text(e164.as_str())),
        Err(error) => Outcome::fail(error.as_str()),
    }
}

/// Extract Value: the value at `keyPath` (`a.b[0].c`) inside `targetField`.
pub const EXTRACT_VALUE: Kind = Kind {
    type_id: "SE_CoreExtractValue",
    controls: &[("targetField", T::Any), ("keyPath", T::Text)],
    ports: &["done", "failure"],
    exec: |ctx| {
        let target = ctx.value("targetField");
        match path::key_path(&ctx.text_or_empty("keyPath")) {
            Ok(steps) => {
                let value = path::follow(&target, &steps).clone();
                Outcome::Value(value)
            }
            Err(error) => Outcome::fail(error.as_str()),
        }
    },
};

pub const GET_PROPERTY: Kind = Kind {
    type_id: "SE_GetProperty",
    controls: &[("key", T::Text), ("defaultValue", T::Any)],
    ports: &["done"],
    exec: |ctx| {
        let value = match ctx.properties.get(&ctx.text_or_empty("key")) {
            Some(value) => value.clone(),
            None => ctx.value("defaultValue"),
        };
        Outcome::Value(value)
    },
};

pub const SET_PROPERTY: Kind = Kind {
    type_id: "SE_SetProperty",
    controls: &[("key", T::Text), ("value", T::Any)],
    ports: &["done"],
    exec: |ctx| {
        let (key, value) = (ctx.text_or_empty("key"), ctx.value("value"));
        ctx.properties.set(key, value);
        Outcome::done(Data::Null)
    },
};

pub const UNSET_PROPERTY: Kind = Kind {
    type_id: "SE_UnsetProperty",
    controls: &[("key", T::Text)],
    ports: &["done"],
    exec: |ctx| {
        let key = ctx.text_or_empty("key");
        ctx.properties.unset(&key);
        Outcome::done(Data::Null)
    },
};

/// Clear All Properties: the store holds flow properties only (the softphone keeps its own state
/// elsewhere), so clearing it cannot break the softphone (the adapter's issue #76).
pub const CLEAR_PROPERTIES: Kind = Kind {
    type_id: "SE_ClearProperties",
    controls: &[],
    ports: &["done"],
    exec: |ctx| {
        ctx.properties.clear();
        Outcome::done(Data::Null)
    },
};

/// JavaScript's `==` between scalars: same text, or both empty/absent.
fn loosely_equal(a: &Data, b: &Data) -> bool {
    match (a, b) {
        (Data::Null, Data::Null) => true,
        (Data::Null, _) | (_, Data::Null) => false,
        (Data::Number(x), Data::Number(y)) => decimal_cmp(x, y) == Some(std::cmp::Ordering::Equal),
        _ => match (a.as_text(), b.as_text()) {
            (Some(x), Some(y)) => match (decimal_cmp(&x, &y), x == y) {
                (Some(order), _) => order.is_eq(),
                (None, equal) => equal,
            },
            _ => a == b,
        },
    }
}

/// Compares two decimal numbers written as text (`-12.50`, `3`), without a float parser; `None`
/// when either is not a plain decimal (exponents count as not plain).
fn decimal_cmp(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let (na, ia, fa) = split_decimal(a.trim())?;
    let (nb, ib, fb) = split_decimal(b.trim())?;
    let zero = |i: &str, f: &str| i.is_empty() && f.is_empty();
    let (na, nb) = (na && !zero(ia, fa), nb && !zero(ib, fb));
    let magnitude = ia
        .len()
        .cmp(&ib.len())
        .then_with(|| ia.cmp(ib))
        .then_with(|| {
            let width = fa.len().max(fb.len());
            format!("{fa:0<width$}").cmp(&format!("{fb:0<width$}"))
        });
    Some(match (na, nb) {
        (false, false) => magnitude,
        (true, true) => magnitude.reverse(),
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
    })
}

/// `-012.340` → (negative, "12", "34"): integer digits without leading zeros, fraction digits
/// without trailing zeros.
fn split_decimal(text: &str) -> Option<(bool, &str, &str)> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !plain(int) || !plain(frac) {
        return None;
    }
    Some((
        negative,
        int.trim_start_matches('0'),
        frac.trim_end_matches('0'),
    ))
}
