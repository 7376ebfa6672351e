//! Salesforce blocks: screen pops, records written through `saveLog`, queries through `runApex`, HVS.

use super::super::Port;
use super::super::data::Data;
use super::super::host::{Answer, HostCall};
use super::{ControlType as T, Kind, Outcome};

/// The Apex class the query blocks call over `runApex` (shipped with this softphone's package):
/// each method answers JSON text.
pub const QUERY_CLASS: &str = "CtiFlowQueries";

/// Search And Screenpop: its results are the search's records. A search that finds nothing still
/// succeeds, as in the adapter.
pub const SEARCH_AND_SCREENPOP: Kind = Kind {
    type_id: "SE_SFSearchAndScreenpop",
    controls: &[
        ("searchParams", T::Text),
        ("queryParams", T::Any),
        ("defaultFieldValues", T::Object),
        ("callType", T::Text),
        ("deferred", T::Bool),
    ],
    ports: &["success", "failure"],
    exec: |ctx| {
        let call_type = ctx
            .text("callType")
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "inbound".to_owned());
        Outcome::Call {
            call: HostCall::SearchAndScreenPop {
                search_params: ctx.text_or_empty("searchParams"),
                query_params: ctx.value("queryParams"),
                default_field_values: ctx.value("defaultFieldValues"),
                call_type,
                deferred: ctx.flag("deferred", false),
            },
            then: |answer| answered(answer, |value| value),
        }
    },
};

/// Screenpop Object; with `noPopOnEmpty`, an empty record id succeeds without a pop.
pub const SCREENPOP_OBJECT: Kind = Kind {
    type_id: "SE_SFScreenpopObject",
    controls: &[("recordId", T::Text), ("noPopOnEmpty", T::Bool)],
    ports: &["success", "failure"],
    exec: |ctx| {
        let record_id = ctx.text_or_empty("recordId");
        if record_id.trim().is_empty() && ctx.flag("noPopOnEmpty", false) {
            return Outcome::Next {
                port: Port::Success,
                results: Data::Null,
            };
        }
        Outcome::Call {
            call: HostCall::ScreenPopObject { record_id },
            then: |answer| answered(answer, |value| value),
        }
    },
};

pub const SCREENPOP_NEW_RECORD: Kind = Kind {
    type_id: "SE_SFScreenpopNewRecord",
    controls: &[("entityName", T::Text), ("defaultFieldValues", T::Object)],
    ports: &["success", "failure"],
    exec: |ctx| Outcome::Call {
        call: HostCall::ScreenPopNewRecord {
            entity_name: ctx.text_or_empty("entityName"),
            default_field_values: ctx.value("defaultFieldValues"),
        },
        then: |answer| answered(answer, |value| value),
    },
};

/// Create a Task: a `saveLog` of a Task whose Subject joins up to three fields with spaces.
/// Every other control is a Task field; empty ones are left out, so Salesforce keeps its
/// defaults. Results: `{id}`, the new Task's Id.
pub const CREATE_TASK: Kind = Kind {
    type_id: "SE_SFCreateTask",
    controls: &[
        ("subject1", T::Text),
        ("subject2", T::Text),
        ("subject3", T::Text),
        ("otherTaskFields", T::Object),
        ("IsClosed", T::Bool),
    ],
    ports: &["success", "failure"],
    exec: |ctx| {
        let subject: Vec<String> = ["subject1", "subject2", "subject3"]
            .iter()
            .filter_map(|name| ctx.non_empty_text(name))
            .collect();
        let mut value = Data::object([("entityApiName", Data::text("Task"))]);
        for (name, control) in &ctx.block.controls {
            if name.starts_with("subject") || name == "otherTaskFields" {
                continue;
            }
            put_field(&mut value, name, ctx.eval(control));
        }
        if let Data::Object(members) = ctx.value("otherTaskFields") {
            for (name, field) in members {
                put_field(&mut value, &name, field);
            }
        }
        value.set("Subject".to_owned(), Data::text(subject.join(" ")));
        Outcome::Call {
            call: HostCall::SaveLog { value },
            then: saved,
        }
    },
};

/// Save (or Create) a Record: a `saveLog` of `fieldValues` on `entityType`; with a `recordId`
/// (other than empty or the text "null" the editor writes) the record is updated.
pub const SAVE_LOG: Kind = Kind {
    type_id: "SE_SFSaveLog",
    controls: &[
        ("recordId", T::Text),
        ("entityType", T::Text),
        ("fieldValues", T::Object),
    ],
    ports: &["success", "failure"],
    exec: |ctx| {
        let mut value =
            Data::object([("entityApiName", Data::text(ctx.text_or_empty("entityType")))]);
        if let Some(id) = ctx.non_empty_text("recordId").filter(|id| id != "null") {
            value.set("Id".to_owned(), Data::text(id));
        }
        if let Data::Object(members) = ctx.value("fieldValues") {
            for (name, field) in members {
                put_field(&mut value, &name, field);
            }
        }
        Outcome::Call {
            call: HostCall::SaveLog { value },
            then: saved,
        }
    },
};

/// Retrieve Salesforce Record: `{record}`, the fields asked for.
pub const RETRIEVE: Kind = Kind {
    type_id: "SE_SFRetrieve",
    controls: &[("fields", T::Text), ("type", T::Text), ("id", T::Text)],
    ports: &["success", "failure"],
    exec: |ctx| {
        let params = query_string(&[
            ("type", ctx.text_or_empty("type")),
            ("id", ctx.text_or_empty("id")),
            ("fields", ctx.text_or_empty("fields")),
        ]);
        apex("retrieveRecord", params, |answer| {
            apex_answer(answer, |value| match value {
                Data::Object(_) => Some(Data::object([("record", value.clone())])),
                _ => None,
            })
        })
    },
};

/// Get Salesforce Contact Id: `{sfContactId}`; no match fails the block.
pub const GET_CONTACT_ID: Kind = Kind {
    type_id: "SE_SFGetContactId",
    controls: &[("formattedPhoneNumber", T::Text), ("fieldName", T::Text)],
    ports: &["success", "failure"],
    exec: |ctx| {
        let params = query_string(&[
            ("phone", ctx.text_or_empty("formattedPhoneNumber")),
            ("fieldName", ctx.text_or_empty("fieldName")),
        ]);
        apex("getContactId", params, |answer| {
            apex_answer(answer, |value| {
                let id = value.non_empty_text()?;
                Some(Data::object([("sfContactId", Data::text(id))]))
            })
        })
    },
};

/// Get Salesforce Lead Id: `{sfLeadId}`; no match fails the block.
pub const GET_LEAD_ID: Kind = Kind {
    type_id: "SE_SFGetLeadId",
    controls: &[("formattedPhoneNumber", T::Text)],
    ports: &["success", "failure"],
    exec: |ctx| {
        let params = query_string(&[("phone", ctx.text_or_empty("formattedPhoneNumber"))]);
        apex("getLeadId", params, |answer| {
            apex_answer(answer, |value| {
                let id = value.non_empty_text()?;
                Some(Data::object([("sfLeadId", Data::text(id))]))
            })
        })
    },
};

/// Complete High Velocity Sales Work With Task Saved: `hvs.completeWork` for `workId` with the
/// saved task and its disposition.
pub const COMPLETE_HVS_WORK: Kind = Kind {
    type_id: "SE_SFCompleteHvsWorkWithTaskSaved",
    controls: &[
        ("workId", T::Text),
        ("disposition", T::Text),
        ("taskId", T::Text),
    ],
    ports: &["success", "failure"],
    exec: |ctx| {
        let Some(work_id) = ctx.non_empty_text("workId") else {
            return Outcome::fail("workId is empty");
        };
        let attributes = Data::object([
            ("disposition", ctx.value("disposition")),
            ("taskId", ctx.value("taskId")),
        ]);
        Outcome::Call {
            call: HostCall::CompleteHvsWork {
                work_id,
                attributes,
            },
            then: |answer| answered(answer, |value| value),
        }
    },
};

/// Success leaves by `success` with `results(returnValue)`; failure fails the block.
fn answered(answer: Answer, results: fn(Data) -> Data) -> Outcome {
    if answer.success {
        Outcome::Next {
            port: Port::Success,
            results: results(answer.value),
        }
    } else {
        Outcome::Fail {
            exception: answer.value,
        }
    }
}

/// `saveLog` answers the record's Id (a string; some hosts wrap it as `{recordId}`).
fn saved(answer: Answer) -> Outcome {
    answered(answer, |value| {
        let id = match value {
            Data::Object(_) => value.get("recordId").clone(),
            _ => value,
        };
        Data::object([("id", id)])
    })
}

/// A `runApex` call to a method of `QUERY_CLASS`.
fn apex(method: &'static str, params: String, then: fn(Answer) -> Outcome) -> Outcome {
    Outcome::Call {
        call: HostCall::RunApex {
            apex_class: QUERY_CLASS,
            method_name: method,
            method_params: params,
        },
        then,
    }
}

/// Reads a `runApex` answer; `read` turns the method's parsed answer into results, or `None`
/// when it found nothing (the block fails).
fn apex_answer(answer: Answer, read: fn(&Data) -> Option<Data>) -> Outcome {
    if !answer.success {
        return Outcome::Fail {
            exception: answer.value,
        };
    }
    // Open CTI answers `{runApex: "<JSON text>"}`; a host may also give the value itself.
    let value = match answer.value.get("runApex") {
        Data::String(text) => crate::json::parse(text)
            .map(|v| Data::from_json(&v))
            .unwrap_or_else(|_| Data::text(text)),
        other => other.clone(),
    };
    match read(&value) {
        Some(results) => Outcome::Next {
            port: Port::Success,
            results,
        },
        None => Outcome::fail("not found"),
    }
}

/// Adds a field unless it is empty: Salesforce refuses `""` for ids and dates.
fn put_field(value: &mut Data, name: &str, field: Data) {
    let empty = match &field {
        Data::Null => true,
        Data::String(text) => text.is_empty(),
        _ => false,
    };
    if !empty {
        value.set(name.to_owned(), field);
    }
}

/// `a=1&b=2`, as Open CTI's `methodParams` takes it (the Apex side decodes `%`, `&` and `=`).
pub(crate) fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", escape(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn escape(text: &str) -> String {
    text.replace('%', "%25")
        .replace('&', "%26")
        .replace('=', "%3D")
        .replace('+', "%2B")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apex_answers() {
        let json = |text: &str| Answer::ok(Data::object([("runApex", Data::text(text))]));
        assert!(matches!(
            apex_answer(json("\"003\""), |v| v.non_empty_text().map(Data::text)),
            Outcome::Next { .. }
        ));
        assert!(matches!(
            apex_answer(json("null"), |v| v.non_empty_text().map(Data::text)),
            Outcome::Fail { .. }
        ));
        assert_eq!(query_string(&[("a", "x&y=1".into())]), "a=x%26y%3D1");
    }
}
