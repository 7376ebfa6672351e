//! The adapter record: call center, CCP address and start options, sizes, default country.

use super::*;

pub(super) fn empty_adapter() -> Adapter {
    Adapter {
        id: String::new(),
        name: String::new(),
        call_center_name: String::new(),
        ccp: None,
        default_country: None,
        popout_enabled: false,
        softphone_height: None,
        softphone_width: None,
        presence_sync_enabled: false,
        presence_sync_wait_ms: PRESENCE_SYNC_WAIT_MS,
    }
}

const ADAPTER_FIELDS: &[&str] = &[
    "id",
    "name",
    "callCenterName",
    "connectInstance",
    "region",
    "ssoUrl",
    "ssoRelayState",
    "loginPopup",
    "medialess",
    "popoutEnabled",
    "softphoneHeight",
    "softphoneWidth",
    "ringtoneUrl",
    "presenceSyncEnabled",
    "presenceSyncWaitMs",
    "defaultCountry",
];

pub(super) fn adapter(
    object: &Map,
    call_center: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Adapter {
    let mut at = section_location(Section::Adapter, None, None);
    at.record_id = get(object, "id").and_then(Value::as_str).map(str::to_owned);
    at.record_name = get(object, "name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut r = Record::new(object, at, ADAPTER_FIELDS, problems);
    let id = r.text("id").unwrap_or_default();
    let name = r.text("name").unwrap_or_default();
    let call_center_name = r.required("callCenterName").unwrap_or_default();
    if let Some(expected) = call_center.filter(|c| !c.is_empty() && !call_center_name.is_empty())
        && expected != call_center_name
    {
        r.problem(
            Severity::Warning,
            "callCenterName",
            ProblemKind::CallCenterMismatch {
                expected: expected.to_owned(),
                found: call_center_name.clone(),
            },
        );
    }
    let ccp_url = r
        .required("connectInstance")
        .and_then(|instance| match ccp_url(&instance) {
            Ok(url) => {
                if instance.eq_ignore_ascii_case("default") {
                    r.problem(
                        Severity::Warning,
                        "connectInstance",
                        ProblemKind::DefaultAlias,
                    );
                }
                Some(url)
            }
            Err(kind) => {
                r.error("connectInstance", kind);
                None
            }
        });
    let region = r.text("region").and_then(|region| {
        if crate::settings::is_region_code(&region) {
            Some(region)
        } else {
            r.error("region", ProblemKind::InvalidRegion { value: region });
            None
        }
    });
    let sso_url = r
        .text("ssoUrl")
        .and_then(|url| checked_url(&mut r, "ssoUrl", url));
    let relay_state = r.text("ssoRelayState");
    let login_url = match (sso_url, relay_state) {
        (Some(sso), Some(relay)) => {
            let relay = relay.trim_start_matches(['?', '&']);
            let joiner = if sso.contains('?') { '&' } else { '?' };
            Some(format!("{sso}{joiner}{relay}"))
        }
        (Some(sso), None) => Some(sso),
        (None, Some(_)) => {
            r.problem(
                Severity::Warning,
                "ssoRelayState",
                ProblemKind::Ignored { needs: "ssoUrl" },
            );
            None
        }
        (None, None) => None,
    };
    let login_popup = r.boolean("loginPopup", false);
    let medialess = r.boolean("medialess", false);
    let popout_enabled = r.boolean("popoutEnabled", false);
    let softphone_height = r.ranged("softphoneHeight", 240, 2560);
    let softphone_width = r.ranged("softphoneWidth", 200, 1920);
    let ringtone_url = r
        .text("ringtoneUrl")
        .and_then(|url| checked_url(&mut r, "ringtoneUrl", url));
    let presence_sync_enabled = r.boolean("presenceSyncEnabled", false);
    let presence_sync_wait_ms = r
        .ranged("presenceSyncWaitMs", 0, 60_000)
        .unwrap_or(PRESENCE_SYNC_WAIT_MS);
    let default_country =
        r.text("defaultCountry")
            .and_then(|country| match crate::phone::region_by_iso(&country) {
                Some(region) => Some(region.iso.to_owned()),
                None => {
                    r.error(
                        "defaultCountry",
                        ProblemKind::UnknownCountry { value: country },
                    );
                    None
                }
            });
    Adapter {
        id,
        name,
        call_center_name,
        ccp: ccp_url.map(|ccp_url| CcpConfig {
            ccp_url,
            region,
            login_url,
            login_popup,
            medialess,
            ringtone_url,
        }),
        default_country,
        popout_enabled,
        softphone_height,
        softphone_width,
        presence_sync_enabled,
        presence_sync_wait_ms,
    }
}

pub(super) fn checked_url(r: &mut Record<'_, '_>, field: &str, url: String) -> Option<String> {
    match crate::settings::check_address(&url) {
        Ok(()) => Some(url),
        Err(crate::settings::SettingsProblemKind::Insecure(_)) => {
            r.error(field, ProblemKind::InsecureUrl { value: url });
            None
        }
        Err(_) => {
            r.error(field, ProblemKind::NotAUrl { value: url });
            None
        }
    }
}

/// The CCP address from what admins type as "Amazon Connect Instance": an alias (`mycompany`),
/// a host (`mycompany.my.connect.aws`, `mycompany.awsapps.com`) or an address. A bare host or
/// origin gets the CCP path; an address with a path is used as given. Queries, fragments and user
/// names are refused.
pub fn ccp_url(instance: &str) -> Result<String, ProblemKind> {
    let instance = instance.trim();
    let invalid = || ProblemKind::InvalidInstance {
        value: instance.to_owned(),
    };
    let is_label = |s: &str| {
        !s.is_empty()
            && s.len() <= 63
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
    };
    if instance.contains("://") {
        match crate::settings::check_address(instance) {
            Ok(()) => {}
            Err(crate::settings::SettingsProblemKind::Insecure(_)) => {
                return Err(ProblemKind::InsecureUrl {
                    value: instance.to_owned(),
                });
            }
            Err(_) => return Err(invalid()),
        }
        let (scheme, rest) = instance.split_once("://").unwrap_or_default();
        // A query or fragment would end up before the CCP path added below
        // (`…aws?x=1/ccp-v2/`), and a user name before `@` hides which host is meant.
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if rest.contains(['?', '#']) || authority.contains('@') {
            return Err(invalid());
        }
        let (host, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, ""),
        };
        return Ok(match path {
            "" | "/" => format!("{scheme}://{host}{}", ccp_path(host)),
            "/connect" | "/connect/" => format!("{scheme}://{host}/connect/ccp-v2/"),
            _ => instance.to_owned(),
        });
    }
    if is_label(instance) {
        return Ok(format!("https://{instance}.my.connect.aws/ccp-v2/"));
    }
    if instance.split('.').all(is_label) && instance.contains('.') {
        return Ok(format!("https://{instance}{}", ccp_path(instance)));
    }
    Err(invalid())
}

/// Instances on `awsapps.com` serve the CCP under `/connect`.
fn ccp_path(host: &str) -> &'static str {
    if host.to_ascii_lowercase().ends_with(".awsapps.com") {
        "/connect/ccp-v2/"
    } else {
        "/ccp-v2/"
    }
}
