//! What a flow asks of the browser: a closed set of Open CTI and Streams calls, and their answers.

use super::data::Data;

/// One call a running flow needs the host to make; the run waits for its `Answer`. Closed on
/// purpose (not `non_exhaustive`): a new call must fail to compile in every host until handled.
#[derive(Clone, Debug, PartialEq)]
pub enum HostCall {
    /// `sforce.opencti.searchAndScreenPop`.
    SearchAndScreenPop {
        search_params: String,
        query_params: Data,
        default_field_values: Data,
        call_type: String,
        deferred: bool,
    },
    /// `sforce.opencti.screenPop` with type `sobject`.
    ScreenPopObject { record_id: String },
    /// `sforce.opencti.screenPop` with type `newRecord`.
    ScreenPopNewRecord {
        entity_name: String,
        default_field_values: Data,
    },
    /// `sforce.opencti.saveLog`: creates (no `Id`) or updates a record; answers its Id.
    SaveLog { value: Data },
    /// `sforce.opencti.runApex`; the answer's `runApex` is the method's JSON text.
    RunApex {
        apex_class: &'static str,
        method_name: &'static str,
        method_params: String,
    },
    /// `sforce.opencti.hvs.completeWork`.
    CompleteHvsWork { work_id: String, attributes: Data },
    /// Streams `agent.connect(Endpoint.byPhoneNumber(number), {queueARN})`.
    Dial {
        phone_number: String,
        queue_arn: Option<String>,
    },
    /// The Connect API's UpdateContactAttributes for the current contact.
    UpdateContactAttributes {
        contact_id: String,
        attributes: Data,
    },
}

/// Every `<api>.<method>` name a `HostCall` can have, for `ctictl flow run --host`.
pub const HOST_METHODS: &[&str] = &[
    "opencti.searchAndScreenPop",
    "opencti.screenPop",
    "opencti.saveLog",
    "opencti.runApex",
    "opencti.hvs.completeWork",
    "streams.agent.connect",
    "streams.contact.updateAttributes",
];

impl HostCall {
    /// The stable `<api>.<method>` name.
    pub fn name(&self) -> &'static str {
        match self {
            HostCall::SearchAndScreenPop { .. } => "opencti.searchAndScreenPop",
            HostCall::ScreenPopObject { .. } | HostCall::ScreenPopNewRecord { .. } => {
                "opencti.screenPop"
            }
            HostCall::SaveLog { .. } => "opencti.saveLog",
            HostCall::RunApex { .. } => "opencti.runApex",
            HostCall::CompleteHvsWork { .. } => "opencti.hvs.completeWork",
            HostCall::Dial { .. } => "streams.agent.connect",
            HostCall::UpdateContactAttributes { .. } => "streams.contact.updateAttributes",
        }
    }

    /// The arguments as the API takes them (callbacks aside).
    pub fn args(&self) -> Data {
        match self {
            HostCall::SearchAndScreenPop {
                search_params,
                query_params,
                default_field_values,
                call_type,
                deferred,
            } => Data::object([
                ("searchParams", Data::text(search_params)),
                ("queryParams", query_params.clone()),
                ("defaultFieldValues", default_field_values.clone()),
                ("callType", Data::text(call_type)),
                ("deferred", Data::Bool(*deferred)),
            ]),
            HostCall::ScreenPopObject { record_id } => Data::object([
                ("type", Data::text("sobject")),
                (
                    "params",
                    Data::object([("recordId", Data::text(record_id))]),
                ),
            ]),
            HostCall::ScreenPopNewRecord {
                entity_name,
                default_field_values,
            } => Data::object([
                ("type", Data::text("newRecord")),
                (
                    "params",
                    Data::object([
                        ("entityName", Data::text(entity_name)),
                        ("defaultFieldValues", default_field_values.clone()),
                    ]),
                ),
            ]),
            HostCall::SaveLog { value } => Data::object([("value", value.clone())]),
            HostCall::RunApex {
                apex_class,
                method_name,
                method_params,
            } => Data::object([
                ("apexClass", Data::text(*apex_class)),
                ("methodName", Data::text(*method_name)),
                ("methodParams", Data::text(method_params)),
            ]),
            HostCall::CompleteHvsWork {
                work_id,
                attributes,
            } => Data::object([
                ("workId", Data::text(work_id)),
                ("attributes", attributes.clone()),
            ]),
            HostCall::Dial {
                phone_number,
                queue_arn,
            } => Data::object([
                (
                    "endpoint",
                    Data::object([
                        ("type", Data::text("phone_number")),
                        ("phoneNumber", Data::text(phone_number)),
                    ]),
                ),
                ("queueARN", Data::from(queue_arn.clone())),
            ]),
            HostCall::UpdateContactAttributes {
                contact_id,
                attributes,
            } => Data::object([
                ("contactId", Data::text(contact_id)),
                ("attributes", attributes.clone()),
            ]),
        }
    }
}

/// The host's answer to a call, as Open CTI shapes its callbacks: `success`, then the
/// `returnValue` (or, on failure, the `errors`).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub success: bool,
    pub value: Data,
}

impl Answer {
    pub fn ok(value: Data) -> Answer {
        Answer {
            success: true,
            value,
        }
    }

    pub fn failed(errors: Data) -> Answer {
        Answer {
            success: false,
            value: errors,
        }
    }
}
