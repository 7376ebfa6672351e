//! Adapter settings read from the call center definition (`getCallCenterSettings`), validated
//! into a typed struct. Issue #4 adds the full adapter record loaded with `runApex`.

use std::collections::BTreeMap;

/// Keys in the call center's `reqConnect` section.
pub const KEY_CCP_URL: &str = "/reqConnect/reqCcpUrl";
pub const KEY_REGION: &str = "/reqConnect/reqRegion";
pub const KEY_DEFAULT_COUNTRY: &str = "/reqConnect/reqDefaultCountry";
pub const KEY_LOGIN_URL: &str = "/reqConnect/reqLoginUrl";
pub const KEY_INTERNAL_NAME: &str = "/reqGeneralInfo/reqInternalName";

/// What the softphone needs to start the CCP and handle contacts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub call_center: String,
    /// The CCP address when the call center carries one; the adapter record usually does.
    pub ccp_url: Option<String>,
    pub region: Option<String>,
    /// ISO 3166 alpha-2 country that national numbers are read in.
    pub default_country: String,
    /// Where the sign-in pop-up goes (SSO); the CCP URL when absent.
    pub login_url: Option<String>,
    /// The contact attribute that carries a record id to pop.
    pub record_attribute: String,
    /// The contact attribute that carries a search term to pop.
    pub search_attribute: String,
}

/// A problem with one setting: which key and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsProblem {
    pub key: &'static str,
    pub kind: SettingsProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SettingsProblemKind {
    Missing,
    /// Not an absolute http(s) URL.
    NotAUrl(String),
    /// Plain http to a host other than this machine.
    Insecure(String),
    UnknownCountry(String),
}

impl SettingsProblemKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            SettingsProblemKind::Missing => "missing",
            SettingsProblemKind::NotAUrl(_) => "not_a_url",
            SettingsProblemKind::Insecure(_) => "insecure_url",
            SettingsProblemKind::UnknownCountry(_) => "unknown_country",
        }
    }
}

/// Reads the settings and every problem found.
pub fn from_call_center(map: &BTreeMap<String, String>) -> (Settings, Vec<SettingsProblem>) {
    let mut problems = Vec::new();
    let value = |key: &str| map.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());

    let ccp_url = match value(KEY_CCP_URL) {
        None => None,
        Some(url) => match check_url(url) {
            Ok(()) => Some(url.to_owned()),
            Err(kind) => {
                problems.push(SettingsProblem {
                    key: KEY_CCP_URL,
                    kind,
                });
                None
            }
        },
    };
    let login_url = value(KEY_LOGIN_URL).and_then(|url| match check_url(url) {
        Ok(()) => Some(url.to_owned()),
        Err(kind) => {
            problems.push(SettingsProblem {
                key: KEY_LOGIN_URL,
                kind,
            });
            None
        }
    });
    let default_country = match value(KEY_DEFAULT_COUNTRY) {
        None => "US".to_owned(),
        Some(country) => match crate::phone::region_by_iso(country) {
            Some(region) => region.iso.to_owned(),
            None => {
                problems.push(SettingsProblem {
                    key: KEY_DEFAULT_COUNTRY,
                    kind: SettingsProblemKind::UnknownCountry(country.to_owned()),
                });
                "US".to_owned()
            }
        },
    };
    if value(KEY_INTERNAL_NAME).is_none() {
        problems.push(SettingsProblem {
            key: KEY_INTERNAL_NAME,
            kind: SettingsProblemKind::Missing,
        });
    }
    let settings = Settings {
        call_center: value(KEY_INTERNAL_NAME).unwrap_or_default().to_owned(),
        ccp_url,
        region: value(KEY_REGION).map(str::to_owned),
        default_country,
        login_url,
        record_attribute: "acsf-screenpop-record".to_owned(),
        search_attribute: "acsf-screenpop-search".to_owned(),
    };
    (settings, problems)
}

/// Checks a CCP or login address given outside the call center settings (the page's boot
/// metadata): absolute https, or http to this machine.
pub fn check_address(url: &str) -> Result<(), SettingsProblemKind> {
    check_url(url.trim())
}

/// The AWS region named by a label of the URL's host (`…connect.eu-west-2.amazonaws.com`), if
/// any. Instance aliases (`alias.my.connect.aws`) name none: then Streams gets no region, and
/// the caller says so, rather than guessing one.
pub fn region_from_url(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    host.split('.')
        .find(|label| is_region(label))
        .map(str::to_owned)
}

/// The shape of an AWS region code: `us-east-1`, `ap-northeast-2`, `us-gov-west-1`,
/// `ca-central-1`… (two letters, words, a number). Lenient on purpose: new regions keep it.
pub fn is_region_code(region: &str) -> bool {
    let parts: Vec<_> = region.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && parts[0].len() == 2
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// A host label that is a region code with a compass direction in it: host labels such as
/// `my-app-2` have the shape of a region code but name none.
fn is_region(label: &str) -> bool {
    let directions = ["east", "west", "north", "south", "central"];
    is_region_code(label)
        && label
            .split('-')
            .any(|part| directions.iter().any(|d| part.contains(d)))
}

/// Absolute https URL, or http to this machine (the playground and local development).
fn check_url(url: &str) -> Result<(), SettingsProblemKind> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| SettingsProblemKind::NotAUrl(url.to_owned()))?;
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => host_port,
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'[' | b']' | b':'));
    if !host_ok || url.contains(char::is_whitespace) {
        return Err(SettingsProblemKind::NotAUrl(url.to_owned()));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if is_loopback(host) => Ok(()),
        "http" => Err(SettingsProblemKind::Insecure(url.to_owned())),
        _ => Err(SettingsProblemKind::NotAUrl(url.to_owned())),
    }
}

/// `localhost`, `[::1]` or an address in 127.0.0.0/8.
fn is_loopback(host: &str) -> bool {
    let octets: Vec<_> = host.split('.').collect();
    host == "localhost"
        || host == "[::1]"
        || (octets.len() == 4
            && octets[0] == "127"
            && octets.iter().all(|o| o.parse::<u8>().is_ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (Settings, Vec<SettingsProblem>) {
        let map = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        from_call_center(&map)
    }

    #[test]
    fn complete_settings() {
        let (settings, problems) = read(&[
            (KEY_INTERNAL_NAME, "ACLightningAdapter"),
            (KEY_CCP_URL, "https://example.my.connect.aws/ccp-v2/"),
            (KEY_REGION, "eu-west-2"),
            (KEY_DEFAULT_COUNTRY, "gb"),
        ]);
        assert_eq!(problems, vec![]);
        assert_eq!(
            settings.ccp_url.as_deref(),
            Some("https://example.my.connect.aws/ccp-v2/")
        );
        assert_eq!(settings.region.as_deref(), Some("eu-west-2"));
        assert_eq!(settings.default_country, "GB");
        assert_eq!(settings.call_center, "ACLightningAdapter");
    }

    #[test]
    fn loopback_http_is_allowed_for_development() {
        let (settings, problems) = read(&[
            (KEY_INTERNAL_NAME, "X"),
            (KEY_CCP_URL, "http://127.0.0.2:8711/ccp-v2/"),
        ]);
        assert!(problems.is_empty());
        let (_, problems) = read(&[
            (KEY_INTERNAL_NAME, "X"),
            (KEY_CCP_URL, "http://127.0.0.999/ccp-v2/"),
        ]);
        assert_eq!(problems[0].kind.as_str(), "insecure_url");
        assert_eq!(settings.default_country, "US");
    }

    #[test]
    fn every_problem_is_reported() {
        let (settings, problems) = read(&[
            (KEY_INTERNAL_NAME, "X"),
            (KEY_CCP_URL, "http://example.com/ccp-v2/"),
            (KEY_LOGIN_URL, "javascript:alert(1)"),
            (KEY_DEFAULT_COUNTRY, "Narnia"),
        ]);
        assert!(settings.ccp_url.is_none());
        let kinds: Vec<_> = problems.iter().map(|p| (p.key, p.kind.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (KEY_CCP_URL, "insecure_url"),
                (KEY_LOGIN_URL, "not_a_url"),
                (KEY_DEFAULT_COUNTRY, "unknown_country"),
            ]
        );
        let (_, problems) = read(&[]);
        assert_eq!(
            problems,
            vec![SettingsProblem {
                key: KEY_INTERNAL_NAME,
                kind: SettingsProblemKind::Missing
            }]
        );
        let (_, problems) = read(&[
            (KEY_INTERNAL_NAME, "X"),
            (KEY_CCP_URL, "https:// bad host/"),
        ]);
        assert_eq!(problems[0].kind.as_str(), "not_a_url");
    }
}
