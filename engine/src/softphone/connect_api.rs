//! Amazon Connect API calls Streams cannot make, made by the package's Apex over `runApex`.

use crate::contact::ContactSnapshot;
use crate::flow::{Data, HostCall, query_string};

/// The Apex class that calls Connect's UpdateContactAttributes through a Named Credential
/// (`visualforce/force-app/main/default/classes/CtiContactAttributes.cls`).
const CONTACT_ATTRIBUTES_APEX: &str = "CtiContactAttributes";

/// Why an attribute update cannot even be asked for.
pub(super) const NO_INSTANCE: &str = "no queue ARN names the Amazon Connect instance";

/// Update Contact Attributes as the softphone makes it. Streams has no call that writes
/// attributes; Connect's UpdateContactAttributes API names the contact by its first leg and
/// the instance, which the contact's queue ARN (or else the agent's outbound queue's) holds.
pub(super) fn update_attributes(
    contact: &ContactSnapshot,
    agent_queue_arn: Option<&str>,
    attributes: &Data,
) -> Option<HostCall> {
    let instance = (contact.queue_arn.as_deref().and_then(instance_id))
        .or_else(|| agent_queue_arn.and_then(instance_id))?;
    let first_leg = contact.initial_contact_id.as_ref();
    let first_leg = first_leg
        .filter(|id| !id.is_empty())
        .unwrap_or(&contact.contact_id);
    Some(HostCall::RunApex {
        apex_class: CONTACT_ATTRIBUTES_APEX,
        method_name: "updateAttributes",
        method_params: query_string(&[
            ("instanceId", instance.to_owned()),
            ("initialContactId", first_leg.clone()),
            ("attributes", attributes.to_json()),
        ]),
    })
}

/// The instance id of an Amazon Connect ARN: `arn:<partition>:connect:<region>:<account>:instance/<id>[/…]`.
fn instance_id(arn: &str) -> Option<&str> {
    let (service, resource) = arn.strip_prefix("arn:")?.split_once(":instance/")?;
    let id = resource.split('/').next()?;
    (service.split(':').nth(1) == Some("connect") && !id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::instance_id;

    #[test]
    fn instance_ids() {
        let cases = [
            (
                "arn:aws:connect:us-west-2:123456789012:instance/abc-1/queue/q-2",
                Some("abc-1"),
            ),
            (
                "arn:aws-us-gov:connect:us-gov-west-1:1:instance/abc-1",
                Some("abc-1"),
            ),
            (
                "arn:aws:connect:us-west-2:123456789012:instance//queue/q",
                None,
            ),
            ("arn:aws:lambda:us-west-2:123456789012:instance/abc-1", None),
            ("arn:aws:connect:us-west-2:123456789012:agent/abc-1", None),
            ("arn:queue/out", None),
            ("", None),
        ];
        for (arn, expected) in cases {
            assert_eq!(instance_id(arn), expected, "{arn}");
        }
    }
}
