//! Taking things out of the page: the case document of the current view as a download.

use wasm_bindgen::JsCast;

/// Why a download could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The document could not be written as JSON.
    #[error("the case could not be written as JSON: {0}")]
    Json(String),
    /// The browser refused to create the file.
    #[error("the browser could not create the download")]
    Browser,
}

/// The case document of `case`, pretty-printed.
///
/// # Errors
/// [`ExportError::Json`] if serialization fails.
pub fn case_json(case: &crate::model::CaseSpec) -> Result<String, ExportError> {
    serde_json::to_string_pretty(case).map_err(|e| ExportError::Json(e.to_string()))
}

/// Offers `text` to the user as a file named `name`.
///
/// # Errors
/// [`ExportError::Browser`] when the browser refuses a step.
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), ExportError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| ExportError::Browser)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ExportError::Browser)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ExportError::Browser)?;
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(ExportError::Browser)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The click has started the download; the URL can go.
    web_sys::Url::revoke_object_url(&url).map_err(|_| ExportError::Browser)
}
