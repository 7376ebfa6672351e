//! The statuses the presence tests and the presence bench (`bench/presence/`) give the agent: one catalog, so the bench times the world the property test checks.

use engine::presence::{Catalog, ConnectStatus, ConnectStatusKind, SalesforceStatus};

pub const OMNI_STATUSES: &[&str] = &["Available", "Lunch", "Busy", "Break", "Away"];
pub const CONNECT_STATUSES: &[(&str, ConnectStatusKind)] = &[
    ("Available", ConnectStatusKind::Routable),
    ("Lunch", ConnectStatusKind::NotRoutable),
    ("Break", ConnectStatusKind::NotRoutable),
    ("Offline", ConnectStatusKind::Offline),
];

pub fn catalog() -> Catalog {
    Catalog {
        salesforce_statuses: OMNI_STATUSES
            .iter()
            .map(|name| SalesforceStatus {
                id: format!("0N5{name}"),
                label: name.to_string(),
                developer_name: name.to_string(),
            })
            .collect(),
        connect_statuses: CONNECT_STATUSES
            .iter()
            .map(|(name, kind)| ConnectStatus {
                name: name.to_string(),
                kind: *kind,
            })
            .collect(),
        routing_profile: Some("Basic Sales Profile".into()),
    }
}
