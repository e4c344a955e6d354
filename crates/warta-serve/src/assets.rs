//! The page and the API description, compiled into the binary: the
//! explorer works offline, with no files beside it.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::api::ApiError;

/// The page's files under `/assets/`, with their media types.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "index.html",
        "text/html; charset=utf-8",
        include_bytes!("../assets/index.html"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/style.css"),
    ),
    (
        "strings.json",
        "application/json; charset=utf-8",
        include_bytes!("../assets/strings.json"),
    ),
    // Natural Earth 1:110m countries (public domain) from the world-atlas
    // npm package: see world-110m.NOTICE.
    (
        "world-110m.json",
        "application/json; charset=utf-8",
        include_bytes!("../assets/world-110m.json"),
    ),
];

/// The OpenAPI 3.0 description of every route.
pub(crate) const OPENAPI: &str = include_str!("../openapi.json");

fn file(content_type: &'static str, body: &'static [u8]) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

pub(crate) async fn index() -> Response {
    asset(Path("index.html".to_owned())).await
}

pub(crate) async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(file_name, _, _)| *file_name == name) {
        Some((_, content_type, body)) => file(content_type, body),
        None => ApiError::new(StatusCode::NOT_FOUND, format!("no asset {name:?}")).into_response(),
    }
}

pub(crate) async fn openapi() -> Response {
    file("application/json; charset=utf-8", OPENAPI.as_bytes())
}
