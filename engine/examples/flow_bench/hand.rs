//! The reference flows written by hand: the same reads, phone parsing, host calls and branches as the interpreter's runs, without blocks, records or log lines.

use super::Host;
use engine::flow::{Data, HostCall, Properties};
use engine::{json, phone};

/// A hand-written flow: it takes the run's input, makes its calls through `host`, and answers
/// the id of the block where the interpreter's run ends.
pub type HandWritten = fn(Data, &mut Host, &mut Properties) -> &'static str;

/// Every reference flow, by file stem, and its hand-written twin.
pub const FLOWS: &[(&str, HandWritten)] = &[
    ("01-salesforceUiOnClickToDial", ui_click_to_dial),
    ("02-chat-contact-screenpop", chat_screenpop),
    ("02-voiceContactOnConnecting", voice_on_connecting),
    ("03-click-to-dial", click_to_dial),
    ("06-screenpop-on-customer", screenpop_on_customer),
    ("08-create-task", create_task),
    ("lightning-onConnecting", hvs_on_connecting),
];

/// Dial the clicked number; success and failure both lead to the end.
fn ui_click_to_dial(input: Data, host: &mut Host, _: &mut Properties) -> &'static str {
    let Some(phone_number) = input.get("payload").get("number").non_empty_text() else {
        return "2";
    };
    host.call(dial(phone_number));
    "2"
}

/// Pop the record attribute; when that fails, search the search attribute.
fn chat_screenpop(input: Data, host: &mut Host, _: &mut Properties) -> &'static str {
    let contact = input.get("contact");
    let record_id = text(attribute(contact, "acsf-screenpop-record"));
    if host.call(HostCall::ScreenPopObject { record_id }).success {
        return "uid-13";
    }
    let search_params = text(attribute(contact, "acsf-screenpop-search"));
    host.call(search(
        search_params,
        Data::text(""),
        Data::Object(Vec::new()),
    ));
    "uid-13"
}

/// Search the caller's number in E.164.
fn voice_on_connecting(input: Data, host: &mut Host, _: &mut Properties) -> &'static str {
    let phone = parsed_phone(input.get("contact")).unwrap_or_default();
    host.call(search(phone, Data::Null, Data::Null));
    "4"
}

/// Dial the number in E.164; a number that cannot be read stops the run.
fn click_to_dial(input: Data, host: &mut Host, _: &mut Properties) -> &'static str {
    let number = text(input.get("payload").get("number"));
    let Ok(e164) = phone::normalize(&number, "US") else {
        return "uid-16";
    };
    host.call(dial(e164.as_str().to_owned()));
    "uid-13"
}

/// The customer's number (parsed, else as given), formatted, then searched.
fn screenpop_on_customer(input: Data, host: &mut Host, _: &mut Properties) -> &'static str {
    let contact = input.get("contact");
    let phone = parsed_phone(contact).unwrap_or_else(|| text(contact.get("phoneNumber")));
    let Ok(e164) = phone::normalize(&phone, "US") else {
        return "uid-25";
    };
    let call = search(
        e164.as_str().to_owned(),
        Data::text(""),
        Data::Object(Vec::new()),
    );
    host.call(call);
    "uid-13"
}

/// Contact id by phone, its account, a Task on both, and a pop of the Task.
fn create_task(input: Data, host: &mut Host, _: &mut Properties) -> &'static str {
    let contact = input.get("contact");
    let phone = parsed_phone(contact).unwrap_or_default();
    let params = format!("phone={}&fieldName=Phone", escape(&phone));
    let who = apex(host, "getContactId", params).and_then(|id| id.non_empty_text());
    let mut what = Data::Null;
    if let Some(id) = &who {
        let params = format!("type=Contact&id={}&fields=AccountId", escape(id));
        match apex(host, "retrieveRecord", params) {
            Some(record @ Data::Object(_)) => what = record.get("AccountId").clone(),
            _ => return "uid-9",
        }
    }
    let value = task(
        vec![
            ("CallObject", contact.get("contactId").clone()),
            ("Type", Data::text("Call")),
            ("Status", Data::text("In Progress")),
            ("Priority", Data::text("High")),
            ("IsClosed", Data::Bool(false)),
            ("TaskSubType", Data::text("Call")),
            ("WhoId", Data::from(who)),
            ("WhatId", what),
            ("CallType", Data::text("inbound")),
            ("TaskSubtype", Data::text("Task")),
        ],
        &[contact.get("type"), contact.get("queueName")],
    );
    let Some(id) = saved_id(host.call(HostCall::SaveLog { value })) else {
        return "uid-9";
    };
    if id.truthy() {
        host.call(HostCall::ScreenPopObject {
            record_id: text(&id),
        });
    }
    "uid-9"
}

/// High Velocity Sales: the caller's lead, a Task for it kept as a property, popped.
fn hvs_on_connecting(input: Data, host: &mut Host, properties: &mut Properties) -> &'static str {
    let contact = input.get("contact");
    let phone = parsed_phone(contact).unwrap_or_default();
    let params = format!("phone={}", escape(&phone));
    let Some(lead) = apex(host, "getLeadId", params).and_then(|id| id.non_empty_text()) else {
        return "uid-3";
    };
    let value = task(
        vec![
            ("CallObject", contact.get("contactId").clone()),
            ("Type", Data::text("Call")),
            ("Status", Data::text("In Progress")),
            ("Priority", Data::text("High")),
            ("IsClosed", Data::Bool(false)),
            ("TaskSubtype", Data::text("Call")),
            ("WhoId", Data::text(lead)),
            ("CallType", Data::text("outbound")),
        ],
        &[&Data::text("HVS"), contact.get("type")],
    );
    let Some(id) = saved_id(host.call(HostCall::SaveLog { value })) else {
        return "uid-5";
    };
    properties.set("taskId".to_owned(), id.clone());
    let record_id = text(&id);
    match host.call(HostCall::ScreenPopObject { record_id }).success {
        true => "uid-11",
        false => "uid-9",
    }
}

/// `contact.parsedNumber.phone` as `Run::new` computes it: the customer's number in E.164.
fn parsed_phone(contact: &Data) -> Option<String> {
    let number = contact.get("phoneNumber").non_empty_text()?;
    let parsed = phone::parse(&number, "US").ok()?;
    Some(parsed.number.as_str().to_owned())
}

fn text(value: &Data) -> String {
    value.as_text().unwrap_or_default()
}

/// A contact attribute: plain text, or Streams' `{name, value}`.
fn attribute<'d>(contact: &'d Data, name: &str) -> &'d Data {
    match contact.get("attributes").get(name) {
        object @ Data::Object(_) => object.get("value"),
        value => value,
    }
}

fn dial(phone_number: String) -> HostCall {
    HostCall::Dial {
        phone_number,
        queue_arn: None,
    }
}

fn search(search_params: String, query_params: Data, default_field_values: Data) -> HostCall {
    HostCall::SearchAndScreenPop {
        search_params,
        query_params,
        default_field_values,
        call_type: "inbound".to_owned(),
        deferred: false,
    }
}

/// A `runApex` query: `None` when it fails, else the method's answer read as JSON.
fn apex(host: &mut Host, method_name: &'static str, method_params: String) -> Option<Data> {
    let answer = host.call(HostCall::RunApex {
        apex_class: "CtiFlowQueries",
        method_name,
        method_params,
    });
    if !answer.success {
        return None;
    }
    Some(match answer.value.get("runApex") {
        Data::String(text) => json::parse(text)
            .map(|value| Data::from_json(&value))
            .unwrap_or_else(|_| Data::text(text.as_str())),
        other => other.clone(),
    })
}

/// A Task for `saveLog`: the fields that are not empty, in order, then the Subject.
fn task(fields: Vec<(&str, Data)>, subject: &[&Data]) -> Data {
    let mut task = Data::object([("entityApiName", Data::text("Task"))]);
    for (name, value) in fields {
        let empty = match &value {
            Data::Null => true,
            Data::String(text) => text.is_empty(),
            _ => false,
        };
        if !empty {
            task.set(name.to_owned(), value);
        }
    }
    let subject: Vec<String> = subject.iter().filter_map(|v| v.non_empty_text()).collect();
    task.set("Subject".to_owned(), Data::text(subject.join(" ")));
    task
}

/// The new record's Id from a `saveLog` answer; `None` when it failed.
fn saved_id(answer: engine::flow::Answer) -> Option<Data> {
    if !answer.success {
        return None;
    }
    Some(match answer.value {
        object @ Data::Object(_) => object.get("recordId").clone(),
        id => id,
    })
}

fn escape(text: &str) -> String {
    text.replace('%', "%25")
        .replace('&', "%26")
        .replace('=', "%3D")
        .replace('+', "%2B")
}
