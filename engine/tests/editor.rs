//! The CTI attributes editor model: answers of the Apex controller read into typed data and errors, drafts checked by the decoder row by row, the preview of a sample contact, list edits and the save request.
#![cfg(feature = "editor")]

mod overlay_common;

use engine::editor::remote::{self, RemoteError};
use engine::editor::{Draft, Editor, Field};
use overlay_common::{Whatwg, describe, problem_line};
use serde_json::{Value, json};

/// A load answer with these attribute records (fields as the Apex class writes them).
fn answer(attributes: Value) -> String {
    json!({
        "schemaVersion": 1,
        "adapter": {"id": "a00A", "name": "Connect Softphone", "callCenterName": "ConnectSoftphone"},
        "adapters": [
            {"id": "a00A", "name": "Connect Softphone", "callCenterName": "ConnectSoftphone"},
            {"id": "a00B", "name": "Other", "callCenterName": null},
        ],
        "version": "v1",
        "attributes": attributes,
        "attributesFeature": "ShowAttributesIfEmpty:true\nShowAllAttributes:false",
    })
    .to_string()
}

/// An attribute record as the Apex class answers it: a KeyValue Text attribute, changed by `fields`.
fn record(id: &str, name: &str, fields: Value) -> Value {
    let mut r = json!({
        "id": id, "name": name, "label": name.to_uppercase(), "display": "KeyValue",
        "type": "Text", "style": null, "format": format!("{{{{{name}}}}}"), "defaultValue": null,
        "sortOrder": 1, "active": true,
    });
    for (key, value) in fields.as_object().unwrap() {
        r[key] = value.clone();
    }
    r
}

fn editor(attributes: Value) -> Editor {
    Editor::new(remote::read_answer(&answer(attributes)).expect("a load answer"))
}

/// `row field severity kind` for every problem the check finds.
fn problems(editor: &Editor) -> Vec<String> {
    let checked = editor.check();
    let mut lines = Vec::new();
    for row in 0..editor.drafts.len() {
        for field in engine::editor::FIELDS {
            for p in checked.of(row, *field) {
                lines.push(format!("{row} {}", problem_line(p)));
            }
        }
    }
    assert_eq!(
        lines.len(),
        checked.problems.len(),
        "every problem is on a row and a field: {:?}",
        checked.problems
    );
    lines
}

#[test]
fn answers_are_read_into_drafts_or_typed_errors() {
    let loaded = remote::read_answer(&answer(json!([
        record(
            "a01",
            "phone",
            json!({"style": "color: red", "active": false})
        ),
        record("a02", "zip", json!({"label": null, "display": "Value"})),
    ])))
    .unwrap();
    assert_eq!(loaded.adapter.id, "a00A");
    assert_eq!(loaded.adapters.len(), 2);
    assert_eq!(loaded.adapters[1].call_center_name, "");
    assert_eq!(loaded.version, "v1");
    assert_eq!(
        loaded.attributes_feature.as_deref(),
        Some("ShowAttributesIfEmpty:true\nShowAllAttributes:false")
    );
    let d = &loaded.attributes;
    assert_eq!(
        (d[0].id.as_deref(), d[0].style.as_str(), d[0].active),
        (Some("a01"), "color: red", false)
    );
    assert_eq!(
        (d[1].label.as_str(), d[1].display.as_str(), d[1].active),
        ("", "Value", true)
    );

    let error = |code: &str, message: &str| {
        remote::read_answer(
            &json!({"schemaVersion": 1, "error": {"code": code, "message": message}}).to_string(),
        )
    };
    for (code, expected) in [
        ("CONFLICT", RemoteError::Conflict),
        ("NO_ADAPTER", RemoteError::NoAdapter),
        ("ADAPTER_NOT_FOUND", RemoteError::AdapterNotFound),
        (
            "ACCESS_DENIED",
            RemoteError::AccessDenied {
                message: "m".into(),
            },
        ),
        (
            "INVALID_REQUEST",
            RemoteError::InvalidRequest {
                message: "m".into(),
            },
        ),
        (
            "SAVE_FAILED",
            RemoteError::SaveFailed {
                message: "m".into(),
            },
        ),
        (
            "INTERNAL_ERROR",
            RemoteError::Other {
                code: "INTERNAL_ERROR".into(),
                message: "m".into(),
            },
        ),
        ("", RemoteError::Unreadable),
    ] {
        assert_eq!(error(code, "m"), Err(expected), "{code}");
    }
    for unreadable in [
        "",
        "not json",
        "[]",
        r#"{"schemaVersion":1}"#,
        r#"{"adapter":{"id":"a00A"}}"#,
        r#"{"adapter":{"id":""},"version":"v"}"#,
        r#"{"adapter":{"id":"a00A"},"version":"v","attributes":[1]}"#,
    ] {
        assert_eq!(
            remote::read_answer(unreadable),
            Err(RemoteError::Unreadable),
            "{unreadable}"
        );
    }
    // No attributes at all is an adapter without attributes, not an error.
    let empty = remote::read_answer(r#"{"adapter":{"id":"a00A"},"version":"v"}"#).unwrap();
    assert_eq!(
        (empty.attributes.len(), empty.attributes_feature),
        (0, None)
    );
}

#[test]
fn the_decoder_checks_every_row_and_field() {
    // (fields changed on the second of two records, problems `row path kind`)
    let cases: &[(Value, &[&str])] = &[
        (json!({}), &[]),
        (json!({"name": ""}), &["1 error attributes[1].name missing"]),
        (
            json!({"style": "position: fixed; color: red"}),
            &["1 error attributes[1].style style_property_not_allowed"],
        ),
        (
            json!({"style": "color: red; font-size: 90px"}),
            &["1 error attributes[1].style style_value_out_of_range"],
        ),
        (
            json!({"style": "color: red /* x */"}),
            &["1 error attributes[1].style style_forbidden"],
        ),
        (
            json!({"label": "", "display": "Key"}),
            &["1 error attributes[1].label missing"],
        ),
        (json!({"label": "", "display": "Value"}), &[]),
        (
            json!({"format": "{{a"}),
            &["1 warning attributes[1].format template_unclosed"],
        ),
        (
            json!({"type": "Hyperlink", "format": "javascript:{{x}}"}),
            &["1 error attributes[1].format link_scheme_not_allowed"],
        ),
        (
            json!({"type": "Hyperlink", "format": "{{url}}"}),
            &["1 warning attributes[1].format link_from_data"],
        ),
        (
            json!({"display": "Sideways"}),
            &["1 error attributes[1].display unknown_value"],
        ),
        (
            json!({"label": "x".repeat(300)}),
            &["1 warning attributes[1].label too_long"],
        ),
    ];
    for (fields, expected) in cases {
        let e = editor(json!([
            record("a01", "phone", json!({})),
            record("a02", "zip", fields.clone())
        ]));
        assert_eq!(problems(&e), *expected, "{fields}");
        let errors = expected.iter().filter(|p| p.contains(" error ")).count();
        assert_eq!(e.check().errors(), errors, "{fields}");
    }
}

#[test]
fn the_preview_is_the_overlay_of_the_active_records_the_decoder_keeps() {
    let mut e = editor(json!([
        record(
            "a01",
            "phone",
            json!({"label": "Callback Phone", "style": "color: #ba0517", "defaultValue": "unk"})
        ),
        record(
            "a02",
            "section",
            json!({"label": "Address", "display": "Key", "format": null})
        ),
        record(
            "a03",
            "zip",
            json!({"label": "MapIt", "type": "Hyperlink", "format": "https://maps.example.com/search/{{zip}}"})
        ),
        record("a04", "hidden", json!({"active": false})),
        record("a05", "broken", json!({"display": "Sideways"})),
    ]));
    let sample = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let lines = |e: &Editor, pairs: &[(&str, &str)]| -> Vec<String> {
        let checked = e.check();
        e.preview(&checked, &sample(pairs), &Whatwg)
            .items
            .iter()
            .map(describe)
            .collect()
    };
    assert_eq!(
        lines(
            &e,
            &[
                ("phone", "+1 415"),
                ("zip", "94105"),
                ("hidden", "h"),
                ("", "no key")
            ]
        ),
        [
            "KeyValue text Callback Phone = +1 415 [color: #ba0517]",
            "Key section Address = ",
            "KeyValue link MapIt = https://maps.example.com/search/94105 -> https://maps.example.com/search/94105",
        ]
    );
    // The preview follows each edit: a label, the order, a record switched off.
    e.drafts[0].set(Field::Label, "Phone".into());
    assert_eq!(
        e.move_row(2, true).and_then(|row| e.move_row(row, true)),
        Some(0)
    );
    e.drafts[2].active = false;
    assert_eq!(
        lines(&e, &[("zip", "1")]),
        [
            "KeyValue link MapIt = https://maps.example.com/search/1 -> https://maps.example.com/search/1",
            "KeyValue text Phone = unk [color: #ba0517]"
        ]
    );
    // The sample starts with each key the formats read, once, in row order.
    assert_eq!(
        e.sample_contact(),
        sample(&[
            ("zip", "zip"),
            ("phone", "phone"),
            ("hidden", "hidden"),
            ("broken", "broken")
        ])
    );
}

#[test]
fn rows_are_added_moved_removed_and_tracked_as_unsaved() {
    let mut e = editor(json!([
        record("a01", "a", json!({})),
        record("a02", "b", json!({}))
    ]));
    let names = |e: &Editor| e.drafts.iter().map(|d| d.name.clone()).collect::<Vec<_>>();
    assert!(!e.is_dirty());
    assert_eq!(e.move_row(0, true), None);
    assert_eq!(e.move_row(1, false), None);
    assert_eq!(e.move_row(5, false), None);
    assert_eq!(e.move_row(0, false), Some(1));
    assert_eq!(names(&e), ["b", "a"]);
    assert!(e.is_dirty());
    assert_eq!(e.move_row(1, true), Some(0));
    assert!(!e.is_dirty(), "back in the loaded order");

    let row = e.add();
    assert_eq!(row, 2);
    let added: &Draft = &e.drafts[row];
    assert_eq!(
        (
            added.id.as_deref(),
            added.display.as_str(),
            added.kind.as_str(),
            added.active
        ),
        (None, "KeyValue", "Text", true)
    );
    let keys: Vec<u32> = e.drafts.iter().map(|d| d.key).collect();
    assert_eq!(
        keys.len(),
        keys.iter().collect::<std::collections::HashSet<_>>().len(),
        "row keys are unique"
    );
    assert_eq!(e.row_of(added.key), Some(2));
    assert!(e.is_dirty());
    e.remove(2);
    e.remove(9);
    assert!(
        !e.is_dirty(),
        "adding and removing the same row changes nothing"
    );
    e.drafts[1].active = false;
    assert!(e.is_dirty());
    e.drafts[1].active = true;
    e.drafts[0].set(Field::Style, "color: red".into());
    assert!(e.is_dirty());
    e.drafts[0].set(Field::Style, String::new());
    assert!(!e.is_dirty());

    // After a save the server's answer is the new baseline; keys are never reused.
    e.add();
    let before = e.drafts.iter().map(|d| d.key).max().unwrap();
    e.replace(
        remote::read_answer(&answer(json!([
            record("a01", "a", json!({})),
            record("a09", "new", json!({}))
        ])))
        .unwrap(),
    );
    assert!(!e.is_dirty());
    assert!(e.drafts.iter().all(|d| d.key > before));
}

#[test]
fn the_save_request_is_the_whole_list_in_order_with_the_loaded_version() {
    let mut e = editor(json!([
        record(
            "a01",
            "a",
            json!({"style": "color: red", "defaultValue": "  unk "})
        ),
        record("a02", "b", json!({"active": false})),
    ]));
    e.move_row(1, true);
    let row = e.add();
    e.drafts[row].set(Field::Name, "c".into());
    e.drafts[row].set(Field::Label, "C \"quoted\"\n".into());
    let request: Value = serde_json::from_str(&e.save_request()).unwrap();
    assert_eq!(
        request,
        json!({
            "adapterId": "a00A",
            "version": "v1",
            "attributes": [
                {"id": "a02", "name": "b", "label": "B", "display": "KeyValue", "type": "Text", "style": null, "format": "{{b}}", "defaultValue": null, "active": false},
                {"id": "a01", "name": "a", "label": "A", "display": "KeyValue", "type": "Text", "style": "color: red", "format": "{{a}}", "defaultValue": "unk", "active": true},
                {"id": null, "name": "c", "label": "C \"quoted\"", "display": "KeyValue", "type": "Text", "style": null, "format": null, "defaultValue": null, "active": true},
            ],
        })
    );
}

/// The editor's input limits are the lengths of the `CtiAttribute__c` fields (Name is Text(80)).
#[test]
fn field_lengths_are_the_objects() {
    let fields = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../visualforce/force-app/main/default/objects/CtiAttribute__c/fields"
    );
    for (field, file) in [
        (Field::Label, "Label__c"),
        (Field::Style, "Style__c"),
        (Field::Format, "Format__c"),
        (Field::DefaultValue, "DefaultValue__c"),
    ] {
        let xml = std::fs::read_to_string(format!("{fields}/{file}.field-meta.xml")).unwrap();
        let length = xml
            .split("<length>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap();
        assert_eq!(field.max_length().to_string(), length, "{file}");
    }
    assert_eq!(Field::Name.max_length(), 80);
}
