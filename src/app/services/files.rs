//! Reading a file the user chose.

use wasm_bindgen::JsCast;

use super::Refused;

/// Starts reading `file` into memory; `done` gets its bytes, or [`Refused`] when the
/// browser could not read it.
///
/// # Errors
/// [`Refused`] when the browser offers no file reader (then `done` is not called).
pub fn read_bytes(
    file: &web_sys::File,
    done: impl FnOnce(Result<Vec<u8>, Refused>) + 'static,
) -> Result<(), Refused> {
    super::window().ok_or(Refused)?;
    let reader = web_sys::FileReader::new().map_err(|_| Refused)?;
    let target = reader.clone();
    gloo_events::EventListener::once(&reader, "loadend", move |_| {
        let read = match target.result() {
            Ok(buffer) if !buffer.is_null() && buffer.is_instance_of::<js_sys::ArrayBuffer>() => {
                Ok(js_sys::Uint8Array::new(&buffer).to_vec())
            }
            _ => Err(Refused),
        };
        done(read);
    })
    .forget();
    // A failed start still fires `loadend`, whose handler reports it.
    drop(reader.read_as_array_buffer(file));
    Ok(())
}
