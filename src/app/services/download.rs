//! Offering files to the user: text, `data:` URLs, the page's canvases as PNG, and an SVG
//! drawing of the page as SVG or PNG.

use wasm_bindgen::JsCast;

use super::Refused;

fn anchor() -> Result<web_sys::HtmlAnchorElement, Refused> {
    super::document()
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(Refused)
}

/// A `blob:` URL holding `text` with type `mime`; the caller revokes it.
fn object_url(mime: &str, text: &str) -> Result<String, Refused> {
    super::window().ok_or(Refused)?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| Refused)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Refused)
}

/// Offers `text` as a file named `name`.
///
/// # Errors
/// [`Refused`] when the browser refuses a step.
pub fn text(name: &str, mime: &str, text: &str) -> Result<(), Refused> {
    let url = object_url(mime, text)?;
    let anchor = anchor()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The click has started the download; the URL can go.
    web_sys::Url::revoke_object_url(&url).map_err(|_| Refused)
}

/// Offers a `data:` or `blob:` URL as a file named `name`.
///
/// # Errors
/// [`Refused`] when the browser refuses a step.
pub fn url(name: &str, url: &str) -> Result<(), Refused> {
    let anchor = anchor()?;
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
    Ok(())
}

/// Offers every canvas under `selector` as a PNG named `{prefix}{n}.png` (n from 1).
///
/// # Errors
/// [`Refused`] when there is no canvas or one cannot be read.
pub fn canvases_png(selector: &str, prefix: &str) -> Result<(), Refused> {
    let document = super::document().ok_or(Refused)?;
    let list = document.query_selector_all(selector).map_err(|_| Refused)?;
    if list.length() == 0 {
        return Err(Refused);
    }
    for i in 0..list.length() {
        let canvas = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlCanvasElement>().ok())
            .ok_or(Refused)?;
        let data = canvas
            .to_data_url_with_type("image/png")
            .map_err(|_| Refused)?;
        url(&format!("{prefix}{}.png", i + 1), &data)?;
    }
    Ok(())
}

/// The first `<svg>` under `selector`, serialized as it is drawn (with an `xmlns`), and
/// its size on screen in CSS pixels.
///
/// # Errors
/// [`Refused`] when there is no such element.
pub fn svg_markup(selector: &str) -> Result<(String, (f64, f64)), Refused> {
    let element = super::document()
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .ok_or(Refused)?;
    if !element.has_attribute("xmlns") {
        drop(element.set_attribute("xmlns", "http://www.w3.org/2000/svg"));
    }
    let markup = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&element))
        .map_err(|_| Refused)?;
    let rect = element.get_bounding_client_rect();
    Ok((markup, (rect.width(), rect.height())))
}

/// Offers the SVG markup `svg`, drawn `size` CSS pixels on screen, as a PNG named `name`
/// at twice that size: the markup is loaded as an image and painted on a white canvas.
/// The download starts when the image has loaded.
///
/// # Errors
/// [`Refused`] when the browser refuses a step.
pub fn svg_as_png(svg: &str, size: (f64, f64), name: &str) -> Result<(), Refused> {
    const SCALE: f64 = 2.0;
    let document = super::document().ok_or(Refused)?;
    let (width, height) = (size.0.max(1.0) * SCALE, size.1.max(1.0) * SCALE);
    let source = object_url("image/svg+xml", svg)?;
    let canvas = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or(Refused)?;
    canvas.set_width(whole_pixels(width));
    canvas.set_height(whole_pixels(height));
    let image = web_sys::HtmlImageElement::new().map_err(|_| Refused)?;
    let (loaded, revoke, name) = (image.clone(), source.clone(), name.to_owned());
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let painted = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            .and_then(|context| {
                context.set_fill_style_str("#ffffff");
                context.fill_rect(0.0, 0.0, width, height);
                context
                    .draw_image_with_html_image_element_and_dw_and_dh(
                        &loaded, 0.0, 0.0, width, height,
                    )
                    .ok()
            })
            .and_then(|()| canvas.to_data_url_with_type("image/png").ok());
        drop(web_sys::Url::revoke_object_url(&revoke));
        if let Some(data) = painted {
            // A refused download has no one left to tell: the click is long over.
            let _ = url(&name, &data);
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&source);
    Ok(())
}

/// `css` pixels rounded up to whole pixels, at least 1.
fn whole_pixels(css: f64) -> u32 {
    let pixels = css.ceil();
    if pixels.is_finite() && pixels >= 1.0 && pixels <= f64::from(u32::MAX) {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked to be a whole number in u32's range"
        )]
        let whole = pixels as u32;
        whole
    } else {
        1
    }
}
