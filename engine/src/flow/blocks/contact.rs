//! Contact and agent blocks: they read `$.contact` (the contact that raised the event) or ask Streams.

use super::super::Port;
use super::super::data::Data;
use super::super::host::{Answer, HostCall};
use super::{ControlType as T, Kind, Outcome};

/// Get Contact Attribute: the attribute's value, or `defaultValue` when the contact has none.
pub const GET_ATTRIBUTE_VALUE: Kind = Kind {
    type_id: "SE_ContactGetAttributeValue",
    controls: &[("attributeName", T::Text), ("defaultValue", T::Any)],
    ports: &["done"],
    exec: |ctx| {
        let name = ctx.str_or_empty("attributeName");
        let value = match attribute(ctx.contact(), &name) {
            Data::Null => ctx.value("defaultValue"),
            value => value,
        };
        Outcome::Value(value)
    },
};

/// Get Contact Properties.
pub const PROPERTIES: Kind = Kind {
    type_id: "SE_ContactProperties",
    controls: &[],
    ports: &["done"],
    exec: |ctx| {
        let contact = ctx.contact();
        let call_type = if is_inbound(contact) {
            "inbound"
        } else {
            "outbound"
        };
        let phone = contact.get("phoneNumber").clone();
        Outcome::done(Data::object([
            ("contactId", contact.get("contactId").clone()),
            ("type", contact.get("type").clone()),
            ("initiationMethod", contact.get("initiationMethod").clone()),
            ("callType", Data::text(call_type)),
            ("queueName", contact.get("queueName").clone()),
            ("queueARN", contact.get("queueARN").clone()),
            (
                "formattedPhoneNumber",
                contact.get("parsedNumber").get("phone").clone(),
            ),
            ("phoneNumber", phone),
        ]))
    },
};

/// Get Customer Phone Number: `phone` (E.164 when it can be read, else as Connect gave it) and
/// `country`.
pub const CUSTOMER_PHONE_NUMBER: Kind = Kind {
    type_id: "SE_ContactCustomerPhoneNumber",
    controls: &[],
    ports: &["done"],
    exec: |ctx| {
        let contact = ctx.contact();
        let parsed = contact.get("parsedNumber");
        let phone = match parsed.get("phone") {
            Data::Null => contact.get("phoneNumber").clone(),
            phone => phone.clone(),
        };
        Outcome::done(Data::object([
            ("phone", phone),
            ("country", parsed.get("country").clone()),
        ]))
    },
};

pub const IS_VOICE: Kind = Kind {
    type_id: "SE_ContactIsVoice",
    controls: &[],
    ports: &["true", "false"],
    exec: |ctx| {
        let kind = ctx.contact().get("type").as_text().unwrap_or_default();
        Outcome::branch(kind == "voice" || kind == "queue_callback")
    },
};

pub const IS_CHAT: Kind = Kind {
    type_id: "SE_ContactIsChat",
    controls: &[],
    ports: &["true", "false"],
    exec: |ctx| Outcome::branch(ctx.contact().get("type").as_text().as_deref() == Some("chat")),
};

/// Is Contact Inbound?: the customer reached the agent (a call in, or a transfer of one).
pub const IS_INBOUND: Kind = Kind {
    type_id: "SE_ContactIsInbound",
    controls: &[],
    ports: &["true", "false"],
    exec: |ctx| Outcome::branch(is_inbound(ctx.contact())),
};

/// Is Callback?: a queue callback (Streams contact type `queue_callback`, or initiation
/// method `CALLBACK`).
pub const IS_CALLBACK: Kind = Kind {
    type_id: "SE_ContactIsCallback",
    controls: &[],
    ports: &["true", "false"],
    exec: |ctx| {
        let contact = ctx.contact();
        let callback = contact.get("type").as_text().as_deref() == Some("queue_callback")
            || contact.get("initiationMethod").as_text().as_deref() == Some("CALLBACK");
        Outcome::branch(callback)
    },
};

/// Dial Number: `agent.connect` to the number (and `queueARN` when given); an empty number
/// fails without a call.
pub const DIAL_NUMBER: Kind = Kind {
    type_id: "SE_AgentDialNumber",
    controls: &[("phoneNumber", T::Text), ("queueARN", T::Text)],
    ports: &["success", "failure"],
    exec: |ctx| {
        let Some(phone_number) = ctx.non_empty_text("phoneNumber") else {
            return Outcome::fail("phoneNumber is empty");
        };
        let queue_arn = ctx.non_empty_text("queueARN");
        Outcome::Call {
            call: HostCall::Dial {
                phone_number,
                queue_arn,
            },
            then: success_or_failure,
        }
    },
};

/// Update Contact Attributes: writes `attributes` (string values) onto the current contact.
pub const UPDATE_ATTRIBUTES: Kind = Kind {
    type_id: "SE_ContactUpdateAttributes",
    controls: &[("attributes", T::Object)],
    ports: &["success", "failure"],
    exec: |ctx| {
        let Some(contact_id) = ctx.contact().get("contactId").non_empty_text() else {
            return Outcome::fail("no current contact");
        };
        let Data::Object(members) = ctx.value("attributes") else {
            return Outcome::fail("attributes is not an object");
        };
        // Connect keeps attributes as strings; absent values are left out, not written "null".
        let attributes = Data::object(
            members
                .into_iter()
                .filter_map(|(key, value)| value.as_text().map(|text| (key, Data::text(text)))),
        );
        Outcome::Call {
            call: HostCall::UpdateContactAttributes {
                contact_id,
                attributes,
            },
            then: success_or_failure,
        }
    },
};

fn success_or_failure(answer: Answer) -> Outcome {
    if answer.success {
        Outcome::Next {
            port: Port::Success,
            results: answer.value,
        }
    } else {
        Outcome::Fail {
            exception: answer.value,
        }
    }
}

/// An attribute of the contact: `attributes.<name>` as text, or Streams' `{name, value}` form.
fn attribute(contact: &Data, name: &str) -> Data {
    match contact.get("attributes").get(name) {
        Data::Object(_) => contact.get("attributes").get(name).get("value").clone(),
        value => value.clone(),
    }
}

fn is_inbound(contact: &Data) -> bool {
    matches!(
        contact.get("initiationMethod").as_text().as_deref(),
        Some("INBOUND" | "TRANSFER" | "QUEUE_TRANSFER")
    )
}
