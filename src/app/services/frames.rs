//! Animation frames.

pub use gloo_render::AnimationFrame;

/// Calls `f` with the frame's time before the next repaint; dropping the returned handle
/// cancels it. `None` off the browser.
#[must_use]
pub fn next_frame(f: impl FnOnce(f64) + 'static) -> Option<AnimationFrame> {
    super::window()?;
    Some(gloo_render::request_animation_frame(f))
}
