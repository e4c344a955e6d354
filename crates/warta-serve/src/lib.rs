//! Serve: the explorer. A read-only JSON API over the event store
//! (`docs/explorer-api.md`, described for machines in `openapi.json`), the
//! web page embedded from `assets/`, and a coder for pasted text that
//! stores nothing. Queries run on blocking threads over a small pool of
//! read-only SQLite connections, so an ingest may write while it serves.

mod api;
mod assets;
mod cache;
mod highlight;
mod readers;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use warta_code::Coder;
use warta_lexicon::Lexicon;

pub use highlight::{document_spans, sentence_highlights, DocumentSpan, Highlight};

/// The largest request body accepted (a pasted article); larger gets 413.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The largest page of events one request may ask for.
pub const MAX_LIMIT: usize = 500;

/// What every response carries: the page may load only its own script,
/// style and data, and never be framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/// Every route: path (axum and OpenAPI share the `{name}` syntax), method,
/// handler. `openapi.json` must list exactly these (a test checks it).
fn routes() -> Vec<(&'static str, &'static str, MethodRouter<Arc<Explorer>>)> {
    vec![
        ("/", "get", get(assets::index)),
        ("/assets/{file}", "get", get(assets::asset)),
        ("/api/openapi.json", "get", get(assets::openapi)),
        ("/api/stats", "get", get(api::stats)),
        ("/api/events", "get", get(api::events)),
        ("/api/events/{event_id}", "get", get(api::event)),
        ("/api/actors", "get", get(api::actors)),
        ("/api/dyads", "get", get(api::dyads)),
        ("/api/timeline", "get", get(api::timeline)),
        ("/api/places", "get", get(api::places)),
        ("/api/countries", "get", get(api::countries)),
        ("/api/download/{file}", "get", get(api::download)),
        ("/api/documents/{doc_id}", "get", get(api::document)),
        ("/api/code", "post", post(api::code)),
    ]
}

/// The routes the router serves, as (path, method) pairs: for checking the
/// OpenAPI description against.
pub fn route_list() -> Vec<(&'static str, &'static str)> {
    routes()
        .into_iter()
        .map(|(path, method, _)| (path, method))
        .collect()
}

/// Why the explorer could not start.
#[derive(Debug)]
pub struct ServeError(pub String);

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServeError {}

/// Everything the handlers share: the store's readers, the coder for
/// pasted text, and what the lexicon says about names and types.
pub struct Explorer {
    readers: Arc<readers::Readers>,
    coder: Arc<Coder>,
    /// Country (or CAMEO group) code to its English name.
    country_names: HashMap<String, String>,
    /// Every state of the lexicon with its ISO numeric code (the map's
    /// outlines are keyed by it), as `/api/countries` serves it.
    countries: Vec<api::CountryRow>,
    /// The PLOVER event types, upper case, for checking `type`.
    event_types: Vec<String>,
    /// Answer requests for any host name, not only loopback ones.
    any_host: bool,
    /// Listing answers, valid while the store is unchanged.
    cache: cache::AnswerCache,
}

/// CAMEO's codes for parties that are not states (see
/// `shared/spec/event-record.md`); the lexicon names only states.
const GROUP_NAMES: &[(&str, &str)] = &[
    ("IGO", "Intergovernmental organisation"),
    ("UNO", "United Nations"),
    ("EUR", "European Union"),
    ("NGO", "Non-governmental organisation"),
    ("MNC", "Multinational corporation"),
    ("IMG", "International militant group"),
];

impl Explorer {
    /// Opens the database at `db` (which must exist and be at the current
    /// schema version; nothing is created or upgraded) and builds the
    /// coder from `lexicon`. `any_host` turns off the check that requests
    /// name a loopback host (DNS rebinding protection): for `--public`.
    pub fn open(db: &Path, lexicon: Lexicon, any_host: bool) -> Result<Explorer, ServeError> {
        let readers = Arc::new(readers::Readers::open(db).map_err(|e| ServeError(e.to_string()))?);
        let mut country_names: HashMap<String, String> = lexicon
            .countries
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect();
        for (code, name) in GROUP_NAMES {
            country_names
                .entry((*code).to_owned())
                .or_insert_with(|| (*name).to_owned());
        }
        let countries = lexicon
            .countries
            .iter()
            .map(|c| api::CountryRow {
                code: c.code.clone(),
                name: c.name.clone(),
                numeric: c.numeric.clone(),
            })
            .collect();
        let event_types = lexicon
            .plover
            .types
            .iter()
            .map(|t| t.name.to_uppercase())
            .collect();
        Ok(Explorer {
            readers,
            coder: Arc::new(Coder::new(lexicon)),
            country_names,
            countries,
            event_types,
            any_host,
            cache: cache::AnswerCache::default(),
        })
    }

    /// The HTTP application: every route, bounded bodies, JSON errors for
    /// unknown paths and methods, security headers on every response.
    pub fn router(self) -> Router {
        let state = Arc::new(self);
        let mut router = Router::new();
        for (path, _, handler) in routes() {
            router = router.route(path, handler);
        }
        router
            .fallback(api::no_such_endpoint)
            .method_not_allowed_fallback(api::method_not_allowed)
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .layer(middleware::from_fn_with_state(state.clone(), check_host))
            .layer(middleware::map_response(security_headers))
            .with_state(state)
    }
}

/// The requests the page makes when it opens, as it makes them.
pub const OPENING_REQUESTS: &[&str] = &[
    "/api/stats",
    "/api/timeline?by=week",
    "/api/dyads",
    "/api/actors",
    "/api/places",
    "/api/events?limit=50&offset=0",
];

/// Answers the page's opening requests once, so that the first visitor of
/// a large store finds them in the cache. Runs beside the server.
pub async fn warm(router: Router) {
    use tower::ServiceExt;
    for uri in OPENING_REQUESTS {
        let request = axum::http::Request::get(*uri)
            .header(header::HOST, "127.0.0.1")
            .body(axum::body::Body::empty());
        if let Ok(request) = request {
            // A failure here is the first visitor's to see, with its reason.
            let _ = router.clone().oneshot(request).await;
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, warming the
/// answer cache beside it.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    tokio::spawn(warm(router.clone()));
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Binds `addr`, calls `listening` with the address actually bound (the
/// port the system chose for port 0), and serves until Ctrl-C. Runs its
/// own runtime, so callers need none.
pub fn run(
    explorer: Explorer,
    addr: SocketAddr,
    listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError(format!("cannot start the server runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ServeError(format!("cannot listen on {addr}: {e}")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| ServeError(format!("cannot read the bound address: {e}")))?;
        listening(bound);
        let ctrl_c = async {
            // If no signal handler can be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        serve(listener, explorer.router(), ctrl_c)
            .await
            .map_err(|e| ServeError(format!("serving on {bound}: {e}")))
    })
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Whether a `Host` header names this machine: `localhost`, an IPv4
/// loopback address or `[::1]`, with or without a port.
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inside, _)) => inside,
            None => return false,
        }
    } else {
        host.split(':').next().unwrap_or("")
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A web page elsewhere could point its own host name at 127.0.0.1 (DNS
/// rebinding) and read the API as same-origin; refusing other host names
/// stops that. Requests without `Host` (not from a browser) pass.
async fn check_host(
    State(explorer): State<Arc<Explorer>>,
    request: Request,
    next: Next,
) -> Response {
    if !explorer.any_host {
        if let Some(host) = request.headers().get(header::HOST) {
            let allowed = host.to_str().is_ok_and(is_loopback_host);
            if !allowed {
                return api::ApiError::new(
                    StatusCode::FORBIDDEN,
                    "this explorer answers only to localhost, 127.0.0.1 or [::1] \
                     (start it with --public to serve other host names)",
                )
                .into_response();
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:1",
            "127.9.9.9",
            "[::1]:80",
            "[::1]",
            "LOCALHOST",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8080",
            "10.0.0.1",
            "localhost.evil.example",
            "[::2]:80",
            "[::1",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
