//! The CTI attributes overlay: one table per product rule of issue 16, each case an attribute record, a contact and what the agent sees.

mod overlay_common;

use engine::config::{LABEL_LIMIT, LINK_LIMIT, VALUE_LIMIT};
use overlay_common::{describe, document, problem_line, render};
use serde_json::{Value, json};

/// The feature switches of the adapter's defaults.
const DEFAULTS: &str = "ShowAttributesIfEmpty:true\nShowAllAttributes:false";

/// A KeyValue Text attribute `L` with format `{{a}}` and default `dflt`, changed by `fields`.
fn attribute(fields: Value) -> Value {
    let mut record = json!({
        "id": "a01", "name": "n", "label": "L", "display": "KeyValue", "type": "Text",
        "format": "{{a}}", "defaultValue": "dflt",
    });
    for (key, value) in fields.as_object().unwrap() {
        record[key] = value.clone();
    }
    record
}

/// Renders one attribute record (the base changed by `fields`) for `contact` and compares the
/// items (`describe`) and problems (`severity path kind`, configuration's then overlay's).
fn check(fields: Value, contact: &[(&str, &str)], items: &[&str], problems: &[&str]) {
    check_all(
        DEFAULTS,
        vec![attribute(fields.clone())],
        contact,
        items,
        problems,
    );
}

fn check_all(
    feature: &str,
    attributes: Vec<Value>,
    contact: &[(&str, &str)],
    items: &[&str],
    problems: &[&str],
) {
    let (overlay, found) = render(&document(attributes.clone(), feature), contact);
    let described: Vec<String> = overlay.items.iter().map(describe).collect();
    let found: Vec<String> = found.iter().map(problem_line).collect();
    assert_eq!(
        (described, found),
        (
            items.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            problems.iter().map(|s| s.to_string()).collect::<Vec<_>>()
        ),
        "attributes {attributes:?}, contact {contact:?}"
    );
}

#[test]
fn expansion_is_one_pass_exact_and_unknown_keys_are_empty() {
    let ab = json!({"format": "{{a}}-{{b}}"});
    check(json!({}), &[("a", "x")], &["KeyValue text L = x"], &[]);
    check(ab.clone(), &[("a", "x")], &["KeyValue text L = x-"], &[]);
    check(
        ab,
        &[("b", "y"), ("a", "x")],
        &["KeyValue text L = x-y"],
        &[],
    );
    // Case counts; spaces inside the braces are part of the key.
    check(json!({}), &[("A", "x")], &["KeyValue text L = dflt"], &[]);
    let spaced = json!({"format": "{{ a }}"});
    check(
        spaced.clone(),
        &[("a", "x")],
        &["KeyValue text L = dflt"],
        &[],
    );
    check(spaced, &[(" a ", "x")], &["KeyValue text L = x"], &[]);
    // A key is one or more characters other than braces: `{{{a}}}` is `{`, a, `}`.
    let braced = json!({"format": "{{{a}}}"});
    check(braced, &[("a", "x")], &["KeyValue text L = {x}"], &[]);
    let nested = json!({"format": "{{{{a}}}}"});
    check(
        nested,
        &[("a", "x")],
        &["KeyValue text L = {{x}}"],
        &["warning attributes[0].format template_unclosed"],
    );
    // A value is never read as a template again.
    let values = &[("a", "{{b}}"), ("b", "B")];
    check(json!({}), values, &["KeyValue text L = {{b}}"], &[]);
    // No paths, no inherited names: `a.b`, `__proto__`, `constructor` are keys like any other.
    let dotted = json!({"format": "{{a.b}}"});
    check(
        dotted.clone(),
        &[("a", "x")],
        &["KeyValue text L = dflt"],
        &[],
    );
    check(dotted, &[("a.b", "y")], &["KeyValue text L = y"], &[]);
    for key in ["__proto__", "constructor", "toString", "hasOwnProperty"] {
        let format = json!({ "format": format!("{{{{{key}}}}}") });
        check(format.clone(), &[], &["KeyValue text L = dflt"], &[]);
        check(format, &[(key, "v")], &["KeyValue text L = v"], &[]);
    }
    // Braces that make no placeholder are shown as written.
    let stray = json!({"format": "{{a}} {{b"});
    check(
        stray,
        &[("a", "x")],
        &["KeyValue text L = x {{b"],
        &["warning attributes[0].format template_unclosed"],
    );
    let empty = json!({"format": "{{}}{{a}}"});
    check(
        empty,
        &[("a", "x")],
        &["KeyValue text L = {{}}x"],
        &["warning attributes[0].format template_empty_key"],
    );
}

#[test]
fn the_default_value_shows_when_no_placeholder_key_is_on_the_contact() {
    let ab = json!({"format": "{{a}}/{{b}}"});
    check(ab.clone(), &[("c", "z")], &["KeyValue text L = dflt"], &[]);
    // One key present, even empty, is enough: the rest are "".
    check(ab.clone(), &[("b", "")], &["KeyValue text L = /"], &[]);
    check(ab, &[("a", "")], &["KeyValue text L = /"], &[]);
    // A format without placeholders is shown as written; an empty one shows nothing.
    let fixed = json!({"format": "Gold customer"});
    check(fixed, &[], &["KeyValue text L = Gold customer"], &[]);
    check(json!({"format": null}), &[], &["KeyValue text L = "], &[]);
    check(
        json!({"defaultValue": null}),
        &[],
        &["KeyValue text L = "],
        &[],
    );
}

#[test]
fn labels_and_default_values_are_not_templates() {
    let fields = json!({"label": "{{a}}", "defaultValue": "{{a}} <b>"});
    check(
        fields.clone(),
        &[("b", "x")],
        &["KeyValue text {{a}} = {{a}} <b>"],
        &[],
    );
    check(fields, &[("a", "x")], &["KeyValue text {{a}} = x"], &[]);
}

#[test]
fn display_modes() {
    let contact = &[("a", "x")];
    check(json!({"display": "None"}), contact, &[], &[]);
    check(
        json!({"display": "Key"}),
        contact,
        &["Key section L = "],
        &[],
    );
    check(
        json!({"display": "Value"}),
        contact,
        &["Value text - = x"],
        &[],
    );
    let link =
        json!({"display": "Key", "type": "Hyperlink", "format": "https://crm.example/{{a}}"});
    check(link, contact, &["Key section L = "], &[]);
    // Value needs no label; Key and KeyValue do (the record is dropped without one).
    check(
        json!({"display": "Value", "label": null}),
        contact,
        &["Value text - = x"],
        &[],
    );
    check(
        json!({"label": ""}),
        contact,
        &[],
        &["error attributes[0].label missing"],
    );
}

#[test]
fn text_never_becomes_a_link() {
    for value in [
        "https://crm.example/",
        "tel:+14155550142",
        "mailto:a@b.example",
    ] {
        let expected = format!("KeyValue text L = {value}");
        check(json!({}), &[("a", value)], &[expected.as_str()], &[]);
    }
}

#[test]
fn hyperlinks_open_only_http_https_tel_and_mailto() {
    let url = json!({"type": "Hyperlink", "format": "{{url}}"});
    let from_data = "warning attributes[0].format link_from_data";
    let link = |contact: &str, expected: &str| {
        check(url.clone(), &[("url", contact)], &[expected], &[from_data]);
    };
    link(
        "https://crm.example/case/1",
        "KeyValue link L = https://crm.example/case/1 -> https://crm.example/case/1",
    );
    link(
        "HTTP://CRM.Example/a b?q=1#f",
        "KeyValue link L = HTTP://CRM.Example/a b?q=1#f -> http://crm.example/a%20b?q=1#f",
    );
    link(
        "tel:+1 415 555 0142",
        "KeyValue link L = tel:+1 415 555 0142 -> tel:+1 415 555 0142",
    );
    link(
        "mailto:agent@crm.example",
        "KeyValue link L = mailto:agent@crm.example -> mailto:agent@crm.example",
    );
    let refused = |contact: &str, kind: &str| {
        let expected = format!("KeyValue text L = {contact}");
        let problem = format!("warning attributes[0].format {kind}");
        check(
            url.clone(),
            &[("url", contact)],
            &[expected.as_str()],
            &[from_data, problem.as_str()],
        );
    };
    refused("javascript:alert(1)", "link_scheme_refused");
    refused(" JaVaScRiPt:alert(1)", "link_scheme_refused");
    refused("java\tscript:alert(1)", "link_scheme_refused");
    refused(
        "data:text/html,<script>alert(1)</script>",
        "link_scheme_refused",
    );
    refused("vbscript:msgbox(1)", "link_scheme_refused");
    refused("ftp://crm.example/", "link_scheme_refused");
    refused("blob:https://crm.example/1", "link_scheme_refused");
    refused("crm.example/case/1", "link_not_a_url");
    refused("//evil.example/", "link_not_a_url");
    refused("https://", "link_not_a_url");
    refused("https://exa mple.com/", "link_not_a_url");
    // Nothing to link: no problem.
    check(
        url.clone(),
        &[("url", "")],
        &["KeyValue text L = "],
        &[from_data],
    );
    // The Default Value is text, never a link.
    check(
        json!({"type": "Hyperlink", "format": "{{url}}", "defaultValue": "https://crm.example/"}),
        &[],
        &["KeyValue text L = https://crm.example/"],
        &[from_data],
    );
}

#[test]
fn a_format_that_fixes_the_host_keeps_it() {
    let path = json!({"type": "Hyperlink", "format": "https://crm.example/{{x}}"});
    // After the host, contact data is path: it cannot move the link elsewhere.
    for (x, href) in [
        ("@evil.example", "https://crm.example/@evil.example"),
        ("/evil.example", "https://crm.example//evil.example"),
        ("\\evil.example", "https://crm.example//evil.example"),
        ("../../x", "https://crm.example/x"),
    ] {
        let expected = format!("KeyValue link L = https://crm.example/{x} -> {href}");
        check(path.clone(), &[("x", x)], &[expected.as_str()], &[]);
    }
    let port = json!({"type": "Hyperlink", "format": "https://crm.example:{{port}}/case"});
    check(
        port.clone(),
        &[("port", "8443")],
        &["KeyValue link L = https://crm.example:8443/case -> https://crm.example:8443/case"],
        &[],
    );
    check(
        port,
        &[("port", "@evil.example")],
        &["KeyValue text L = https://crm.example:@evil.example/case"],
        &["warning attributes[0].format link_host_changed"],
    );
    let user = json!({"type": "Hyperlink", "format": "https://crm.example:{{x}}"});
    check(
        user,
        &[("x", "x@evil.example")],
        &["KeyValue text L = https://crm.example:x@evil.example"],
        &["warning attributes[0].format link_host_changed"],
    );
    // A host the format leaves open (or completes with a placeholder) is the contact's.
    let base = json!({"type": "Hyperlink", "format": "{{base}}/case/{{id}}"});
    check(
        base,
        &[("base", "https://crm.example"), ("id", "7")],
        &["KeyValue link L = https://crm.example/case/7 -> https://crm.example/case/7"],
        &["warning attributes[0].format link_from_data"],
    );
    let tenant = json!({"type": "Hyperlink", "format": "https://{{tenant}}.crm.example/"});
    check(
        tenant,
        &[("tenant", "eu")],
        &["KeyValue link L = https://eu.crm.example/ -> https://eu.crm.example/"],
        &[],
    );
}

#[test]
fn every_text_is_bounded() {
    let long = "x".repeat(VALUE_LIMIT + 5);
    let cut = format!("{}…", "x".repeat(VALUE_LIMIT - 1));
    let expected = format!("KeyValue text L = {cut}");
    check(
        json!({}),
        &[("a", long.as_str())],
        &[expected.as_str()],
        &["warning attributes[0].format too_long"],
    );
    // Many placeholders cannot multiply a value past the limit either.
    let many = json!({ "format": "{{a}}".repeat(50_000) });
    let (overlay, _) = render(&document(vec![attribute(many)], DEFAULTS), &[("a", &long)]);
    assert_eq!(overlay.items[0].text.chars().count(), VALUE_LIMIT);
    // A link is never cut: too long, it is text.
    let url = json!({"type": "Hyperlink", "format": "https://crm.example/{{a}}"});
    let path = "p".repeat(LINK_LIMIT);
    let text = format!("KeyValue text L = https://crm.example/{path}");
    check(
        url,
        &[("a", &path)],
        &[text.as_str()],
        &["warning attributes[0].format link_too_long"],
    );
    let label = "L".repeat(LABEL_LIMIT + 1);
    let shown = format!("{}…", "L".repeat(LABEL_LIMIT - 1));
    let expected = format!("KeyValue text {shown} = x");
    check(
        json!({ "label": label }),
        &[("a", "x")],
        &[expected.as_str()],
        &["warning attributes[0].label too_long"],
    );
}

#[test]
fn styles_keep_only_allowed_declarations() {
    let styled = |style: &str, kept: &str, problems: &[&str]| {
        let expected = if kept.is_empty() {
            "KeyValue text L = x".to_owned()
        } else {
            format!("KeyValue text L = x [{kept}]")
        };
        check(
            json!({ "style": style }),
            &[("a", "x")],
            &[expected.as_str()],
            problems,
        );
    };
    let property = "error attributes[0].style style_property_not_allowed";
    let value = "error attributes[0].style style_value_not_allowed";
    let range = "error attributes[0].style style_value_out_of_range";
    let forbidden = "error attributes[0].style style_forbidden";
    styled(
        "color: red; Font-Weight: bold; font-size: 14px; padding: 2px 4px",
        "color: red; font-weight: bold; font-size: 14px; padding: 2px 4px",
        &[],
    );
    styled(
        "color: #ff000080; background-color: rgb(255, 0, 0); border: 1px solid hsl(0 50% 50%)",
        "color: #ff000080; background-color: rgb(255, 0, 0); border: 1px solid hsl(0 50% 50%)",
        &[],
    );
    styled(
        "font-family: 'Segoe UI', Arial, sans-serif; text-decoration: underline dotted red",
        "font-family: 'Segoe UI', Arial, sans-serif; text-decoration: underline dotted red",
        &[],
    );
    // Nothing that positions, hides or layers: the rest still applies.
    for refused in [
        "position: fixed",
        "z-index: 9999",
        "inset: 0",
        "transform: scale(9)",
        "width: 100vw",
        "height: 100vh",
        "margin: -500px",
        "opacity: 0",
        "display: none",
        "visibility: hidden",
        "--x: 1",
        "content: 'x'",
        "background: url(https://evil.example/)",
        "-webkit-text-fill-color: red",
    ] {
        styled(&format!("{refused}; color: red"), "color: red", &[property]);
    }
    for refused in [
        "color: url(https://evil.example/)",
        "color: var(--x)",
        "color: attr(title)",
        "color: expression(alert(1))",
        "background-color: image-set(x 1x)",
        "color: red !important",
        "color: r\u{0}ed",
        "color: ｒｅｄ",
        "white-space: nowrap",
        "font-size: 12vw",
        "font-size: calc(100px * 9)",
        "padding: -1px",
        "font-weight: 1001",
        "font-family: 'a\"",
        "color: rgb(1, rgb(2))",
    ] {
        styled(
            &format!("{refused}; font-style: italic"),
            "font-style: italic",
            &[value],
        );
    }
    for refused in [
        "font-size: 33px",
        "font-size: 2.01em",
        "padding: 17px",
        "border-width: 9px",
        "border: 100px solid red",
        "letter-spacing: -5px",
        "border-radius: 51%",
    ] {
        styled(&format!("{refused}; color: red"), "color: red", &[range]);
    }
    // A style that could leave its declaration or rule is dropped whole.
    for refused in [
        "color: red; x: \\75 rl(a)",
        "color: red /* } */",
        "color: red; } body { display: none",
        "color: red; @import 'x'",
        "color: red</style><script>",
    ] {
        styled(refused, "", &[forbidden]);
    }
    styled(
        &format!("color: red; {}", "padding: 1px;".repeat(100)),
        "",
        &["error attributes[0].style style_too_long"],
    );
    styled(
        "color red; color: blue",
        "color: blue",
        &["error attributes[0].style style_syntax"],
    );
}

#[test]
fn feature_switches() {
    let configured = || vec![attribute(json!({}))];
    let show_all = "ShowAttributesIfEmpty:true\nShowAllAttributes:true";
    // Raw attributes follow the configured ones, in the contact's order, key as label.
    check_all(
        show_all,
        configured(),
        &[("z", "1"), ("a", "x"), ("<b>", "{{a}}")],
        &[
            "KeyValue text L = x",
            "KeyValue text z = 1",
            "KeyValue text a = x",
            "KeyValue text <b> = {{a}}",
        ],
        &[],
    );
    // A key given twice keeps its first place and its last value, as JSON.parse.
    check_all(
        show_all,
        vec![],
        &[("k", "1"), ("j", "2"), ("k", "3")],
        &["KeyValue text k = 3", "KeyValue text j = 2"],
        &[],
    );
    let long_key = "k".repeat(LABEL_LIMIT + 1);
    let (overlay, problems) = render(&document(vec![], show_all), &[(&long_key, "v")]);
    assert_eq!(
        overlay.items[0].label.as_ref().unwrap().chars().count(),
        LABEL_LIMIT
    );
    assert_eq!(overlay.items[0].attribute, None);
    assert_eq!(
        problems.iter().map(problem_line).collect::<Vec<_>>(),
        [format!("warning contact.{} too_long", "k".repeat(99) + "…")]
    );
    // ShowAttributesIfEmpty: a contact without attributes shows the defaults, or nothing.
    check_all(
        DEFAULTS,
        configured(),
        &[],
        &["KeyValue text L = dflt"],
        &[],
    );
    let hide = "ShowAttributesIfEmpty:false\nShowAllAttributes:true";
    check_all(hide, configured(), &[], &[], &[]);
    check_all(
        hide,
        configured(),
        &[("b", "y")],
        &["KeyValue text L = dflt", "KeyValue text b = y"],
        &[],
    );
}

#[test]
fn items_follow_the_configured_order_with_their_record_ids() {
    let records = vec![
        attribute(json!({"id": "r1", "label": "One"})),
        attribute(json!({"id": "r2", "display": "None"})),
        attribute(json!({"id": "r3", "display": "Value", "format": "{{b}}"})),
    ];
    let (overlay, _) = render(&document(records, DEFAULTS), &[("a", "1"), ("b", "2")]);
    let ids: Vec<_> = overlay
        .items
        .iter()
        .map(|i| i.attribute.as_deref())
        .collect();
    assert_eq!(ids, [Some("r1"), Some("r3")]);
}
