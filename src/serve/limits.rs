//! What keeps the server safe to leave running: bounds on what one request may ask
//! for and how long it may take, the check of the `Host` header that defeats DNS
//! rebinding, and the headers every response carries.
//!
//! The bounds on queries and pages are checked by the handlers ([`super::api`]); the
//! concurrency cap is a semaphore whose permit travels with the search into its
//! blocking thread, so a request that times out still holds its permit until its work
//! really ends, and a slow query cannot multiply.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::api::ApiError;

/// Bounds on requests.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest query (and speaker name), in bytes.
    pub max_query_bytes: usize,
    /// Largest `limit` of `/api/search` and `/api/quotes`.
    pub max_page: usize,
    /// Largest `limit` of `/api/top` and `/api/duplicates`.
    pub max_list: usize,
    /// Largest `offset`.
    pub max_offset: usize,
    /// Longest a request may wait for a search slot and run.
    pub timeout: Duration,
    /// Searches running at once; more wait their turn (within `timeout`).
    pub concurrency: usize,
    /// Largest request body: no endpoint takes one, so this only bounds what is read.
    pub body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_query_bytes: 1_000,
            max_page: 100,
            max_list: 1_000,
            max_offset: 10_000,
            timeout: Duration::from_secs(10),
            // Searches are CPU-bound: more at once than cores only adds waiting.
            concurrency: std::thread::available_parallelism().map_or(2, |n| n.get().max(2)),
            body_bytes: 16 * 1024,
        }
    }
}

/// Host names a loopback server answers to, besides those given with `--allow-host`.
const LOOPBACK_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// Which `Host` headers the server accepts.
#[derive(Debug, Clone)]
pub struct HostCheck {
    /// Accepted names, lowercase (IPv6 addresses in brackets); `None` accepts any.
    names: Option<Vec<String>>,
    port: u16,
}

impl HostCheck {
    /// On a loopback address, the loopback names and `allowed`; elsewhere any host,
    /// unless `allowed` names some, when the bound address is accepted too.
    pub fn new(addr: SocketAddr, allowed: &[String]) -> HostCheck {
        let given = !allowed.is_empty();
        let allowed = allowed.iter().map(|h| h.to_ascii_lowercase());
        let names = if addr.ip().is_loopback() {
            Some(
                LOOPBACK_NAMES
                    .iter()
                    .map(|n| n.to_string())
                    .chain(allowed)
                    .collect(),
            )
        } else if given {
            let own = match addr {
                SocketAddr::V4(a) => a.ip().to_string(),
                SocketAddr::V6(a) => format!("[{}]", a.ip()),
            };
            Some(
                LOOPBACK_NAMES
                    .iter()
                    .map(|n| n.to_string())
                    .chain([own])
                    .chain(allowed)
                    .collect(),
            )
        } else {
            None
        };
        HostCheck {
            names,
            port: addr.port(),
        }
    }

    /// Whether a request with this `Host` header may be answered: an accepted name,
    /// with the server's port or none.
    pub fn accepts(&self, host: Option<&str>) -> bool {
        let Some(names) = &self.names else {
            return true;
        };
        let Some((name, port)) = host.and_then(split_host) else {
            return false;
        };
        let name = name.to_ascii_lowercase();
        port.is_none_or(|p| p == self.port) && names.contains(&name)
    }
}

/// A `Host` header's name and port (`[::1]:7700` -> `[::1]`, 7700); `None` when the
/// port is not a number.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        (name, rest.strip_prefix(':'))
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    match port {
        Some(port) => Some((name, Some(port.parse().ok()?))),
        None => Some((name, None)),
    }
}

/// Middleware: 403 for a request whose `Host` the server does not answer to.
pub async fn check_host(State(check): State<HostCheck>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if check.accepts(host) {
        next.run(request).await
    } else {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "this server only answers to its loopback names (see --allow-host)",
        )
        .into_response()
    }
}

/// The page loads its script and style from the server only and runs no inline script;
/// nothing may frame it.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// Headers set on every response.
pub fn security_headers() -> [(HeaderName, HeaderValue); 4] {
    [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> HostCheck {
        HostCheck::new("127.0.0.1:7700".parse().unwrap(), &["News.Example".into()])
    }

    #[test]
    fn loopback_answers_its_own_names_only() {
        let check = loopback();
        let cases = [
            (Some("localhost:7700"), true),
            (Some("127.0.0.1:7700"), true),
            (Some("[::1]:7700"), true),
            (Some("LOCALHOST"), true),
            (Some("news.example:7700"), true),
            (Some("localhost:7701"), false),
            (Some("evil.example:7700"), false),
            (Some("localhost.evil.example"), false),
            (Some("127.0.0.1:x"), false),
            (Some("[::1"), false),
            (Some(""), false),
            (None, false),
        ];
        for (host, accepted) in cases {
            assert_eq!(check.accepts(host), accepted, "{host:?}");
        }
    }

    #[test]
    fn other_addresses_check_only_when_names_are_given() {
        let any = HostCheck::new("0.0.0.0:80".parse().unwrap(), &[]);
        assert!(any.accepts(Some("whatever.example")));
        let named = HostCheck::new("192.168.1.5:80".parse().unwrap(), &["news.lan".into()]);
        assert!(named.accepts(Some("news.lan")));
        assert!(named.accepts(Some("192.168.1.5:80")));
        assert!(!named.accepts(Some("evil.example")));
    }
}
