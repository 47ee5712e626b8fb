//! `newsidx serve`: a local web page and a read-only JSON API over the index.
//!
//! This module binds the address, assembles the routes and the layers around them and
//! runs them on tokio until interrupted. [`api`] answers the JSON endpoints, [`assets`]
//! serves the page, [`live`] follows the index as other processes write it, and
//! [`limits`] holds the bounds and the checks every request passes. Printing what the
//! server is doing is left to the binary, apart from a line when a new generation of
//! the index cannot be opened.

pub mod api;
pub mod assets;
pub mod limits;
pub mod live;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::http::header::{self, HeaderValue};
use axum::http::Method;
use axum::Router;
use tokio::sync::Semaphore;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use limits::{HostCheck, Limits};
use live::Live;

/// The default address: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7700";

/// What to serve, where, and to whom.
#[derive(Debug, Clone)]
pub struct Config {
    pub index_dir: PathBuf,
    pub addr: SocketAddr,
    /// Host names accepted besides the loopback names (see [`HostCheck`]).
    pub allow_hosts: Vec<String>,
    /// Origins whose pages may call the API from a browser (CORS); none by default.
    pub cors_origins: Vec<String>,
    pub limits: Limits,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The index cannot be opened.
    #[error(transparent)]
    Index(#[from] crate::Error),
    /// The address cannot be bound (in use, not local, not permitted).
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// A `--cors` origin that is not a valid header value.
    #[error(
        "invalid CORS origin {0:?}: give a scheme, host and port, as in http://localhost:3000"
    )]
    Origin(String),
    /// The async runtime or the listening socket failed.
    #[error("the server stopped")]
    Runtime(#[source] std::io::Error),
}

/// A bound server, ready to run.
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    router: Router,
    limits: Limits,
}

impl Server {
    /// Open the index and bind the address (port 0 picks a free port).
    pub fn bind(config: Config) -> Result<Server, ServeError> {
        let live = Arc::new(Live::open(&config.index_dir)?);
        let bind_error = |source| ServeError::Bind {
            addr: config.addr,
            source,
        };
        let listener = std::net::TcpListener::bind(config.addr).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let router = router(live, &config, addr)?;
        Ok(Server {
            listener,
            addr,
            router,
            limits: config.limits,
        })
    }

    /// The address bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The page's address, as a browser on this machine reaches it.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serve until interrupted (Ctrl-C or SIGTERM), then let requests in flight finish.
    pub fn run(self) -> Result<(), ServeError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            // Searches run on blocking threads, one per permit; a few more for the
            // searches that timed out but still hold theirs.
            .max_blocking_threads(self.limits.concurrency * 2 + 2)
            .build()
            .map_err(ServeError::Runtime)?;
        runtime.block_on(async move {
            let listener =
                tokio::net::TcpListener::from_std(self.listener).map_err(ServeError::Runtime)?;
            axum::serve(listener, self.router)
                .with_graceful_shutdown(shutdown())
                .await
                .map_err(ServeError::Runtime)
        })
    }
}

/// The routes with their layers: host check, body limit, timeout, security headers and,
/// when asked for, CORS.
pub fn router(live: Arc<Live>, config: &Config, addr: SocketAddr) -> Result<Router, ServeError> {
    let limits = &config.limits;
    let state = api::AppState {
        live,
        permits: Arc::new(Semaphore::new(limits.concurrency.max(1))),
        limits: Arc::new(limits.clone()),
    };
    let api = api::routes().layer(SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ));
    let mut router = Router::new()
        .merge(api)
        .merge(assets::routes())
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        // A backstop for what the API's own timeout does not cover (reading a slow
        // request, writing to a slow client); the API answers its timeouts itself.
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            limits.timeout * 2,
        ));
    for (name, value) in limits::security_headers() {
        router = router.layer(SetResponseHeaderLayer::overriding(name, value));
    }
    if !config.cors_origins.is_empty() {
        let origins = config
            .cors_origins
            .iter()
            .map(|o| HeaderValue::from_str(o).map_err(|_| ServeError::Origin(o.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET]),
        );
    }
    // Outermost: a request for another host is refused before anything else runs.
    let check = HostCheck::new(addr, &config.allow_hosts);
    Ok(router.layer(axum::middleware::from_fn_with_state(
        check,
        limits::check_host,
    )))
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}
