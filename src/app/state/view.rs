//! The state as a shareable view and back: what a link or saved session holds
//! ([`AppState::view`]), the state a view opens ([`AppState::open`]), and the state the
//! page starts in ([`AppState::at_start`]).

use std::rc::Rc;

use crate::app::domain::classroom::PageMode;
use crate::app::domain::lang::{lang_from_query, starting_lang, Lang};
use crate::app::domain::link::{parse_fragment, parse_stored, ViewState};
use crate::app::domain::presets::Preset;
use crate::model::CaseParameters;

use super::app_state::AppState;
use super::fields::Field;
use super::notice::{Notice, OpenError};

/// What the page knows when it starts, read from the browser once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageStart {
    /// The address's query (`?lang=ko`), with its `?`.
    pub query: String,
    /// The address's fragment (`v1=…`), without `#`.
    pub fragment: String,
    /// The stored last session.
    pub last_session: Option<String>,
    /// The stored session before it (one backup).
    pub previous_session: Option<String>,
    /// The stored language choice.
    pub remembered_lang: Option<String>,
    /// The browser's language tag.
    pub browser_lang: Option<String>,
}

impl AppState {
    /// The view this state shows, as a link carries it. Imported weights in use travel
    /// along while they are small enough ([`ViewState::with_imported`]).
    ///
    /// While a control holds a message (the draft is invalid, too large, or its input
    /// unusable), the view is the computed session's, so what is saved always opens.
    #[must_use]
    pub fn view(&self) -> ViewState {
        let last_good = self
            .session
            .as_ref()
            .filter(|_| !self.errors.is_empty() || !self.raw_numbers.is_empty());
        let (model, scheme, seed, input) = match last_good {
            Some(session) => {
                let (scheme, seed) = match &session.case.parameters {
                    CaseParameters::Init(init) => (init.scheme, init.seed),
                    CaseParameters::Weights(_) => (self.scheme, self.seed),
                };
                (
                    session.model.clone(),
                    scheme,
                    seed,
                    self.computed_input.clone(),
                )
            }
            None => (
                self.draft.clone(),
                self.scheme,
                self.seed,
                self.input.clone(),
            ),
        };
        let view = ViewState {
            lang: self.lang,
            // A link names the preset only while it opens as the preset (its model and
            // input), so what is saved opens as the same view.
            preset: self
                .preset
                .filter(|p| p.setup().model == model && p.setup().input == input),
            model,
            scheme,
            seed,
            input,
            selection: self.selection,
            hidden: self.hidden.clone(),
            weights: None,
            weights_left_out: false,
        };
        match self.imported.as_ref().filter(|i| i.0 == view.model) {
            Some(imported) => view.with_imported(&imported.1),
            None => view,
        }
    }

    /// The state showing `view`; the preset keeps its chapter names only when the model
    /// is still the preset's.
    ///
    /// # Errors
    /// [`OpenError::Unusable`] when the page cannot compute the view.
    pub fn open(view: &ViewState) -> Result<AppState, OpenError> {
        let mut state = AppState::with_preset(view.lang, Preset::NumpyLoop);
        state.preset = view.preset.filter(|p| {
            view.weights.is_none() && p.setup().model == view.model && p.setup().input == view.input
        });
        state.draft = view.model.clone();
        state.imported = view
            .weights
            .clone()
            .map(|w| Rc::new((view.model.clone(), w)));
        state.scheme = view.scheme;
        state.seed = view.seed;
        state.input = view.input.clone();
        state.selection = view.selection;
        state.session = None;
        state.recompute(Field::Layers);
        if let Some((_, message)) = state.errors.first() {
            return Err(OpenError::Unusable(message.clone()));
        }
        state.hidden.clone_from(&view.hidden);
        Ok(state)
    }

    /// The state a page opens with: the link's view; else the stored last session; else
    /// the default. A broken link or stored session gives the default view with a notice
    /// (and the stored session is left for the user to get back). An explicit `?lang=`
    /// beats the language a link or the last session carries.
    #[must_use]
    pub fn at_start(start: &PageStart) -> AppState {
        let lang = starting_lang(
            &start.query,
            start.remembered_lang.as_deref(),
            start.browser_lang.as_deref(),
        );
        let mut state = initial_state(lang, &start.fragment, start.last_session.as_deref());
        // A broken link or last session keeps what it pushed aside one click away: the
        // last session, else its backup.
        let none = None;
        let candidates = match state.notice {
            Some(Notice::BadLink(_)) => [&start.last_session, &start.previous_session],
            // The last session is what failed: only its backup can help.
            Some(Notice::BadStored(_)) => [&none, &start.previous_session],
            _ => [&none, &none],
        };
        state.restorable = candidates
            .into_iter()
            .flatten()
            .find(|text| parse_stored(text).is_ok())
            .map(|text| Rc::from(text.as_str()));
        if let Some(lang) = lang_from_query(&start.query) {
            state.lang = lang;
        }
        state.mode = PageMode::from_fragment(&start.fragment);
        state
    }
}

/// The state a page opens with in `lang`: the view of `fragment`; else the `stored` last
/// session; else the default. A broken link or stored session gives the default view
/// with a notice.
#[must_use]
pub fn initial_state(lang: Lang, fragment: &str, stored: Option<&str>) -> AppState {
    let default = || AppState::with_preset(lang, Preset::NumpyLoop);
    let from_link = parse_fragment(fragment)
        .map_err(OpenError::from)
        .and_then(|v| v.map(|v| AppState::open(&v)).transpose());
    match from_link {
        Ok(Some(state)) => state,
        Err(error) => AppState {
            notice: Some(Notice::BadLink(error)),
            ..default()
        },
        Ok(None) => match stored.filter(|s| !s.is_empty()) {
            None => default(),
            Some(stored) => match parse_stored(stored)
                .map_err(OpenError::from)
                .and_then(|v| AppState::open(&v))
            {
                Ok(state) => state,
                Err(error) => AppState {
                    notice: Some(Notice::BadStored(error)),
                    ..default()
                },
            },
        },
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::domain::inputs::InputSource;
    use crate::app::domain::layers::recurrent_layers;
    use crate::app::domain::link::{base64_encode, LinkError, MAX_LINK_BYTES, MAX_LINK_WEIGHTS};
    use crate::app::domain::panel::Panel;
    use crate::app::domain::selection::Selection;
    use crate::app::state::Action;
    use crate::model::{weight_count, InitScheme, LayerWeights, ModelSpec};
    use crate::rnn::Direction;

    fn view(preset: Preset) -> ViewState {
        AppState::with_preset(Lang::Ko, preset).view()
    }

    #[test]
    fn every_preset_round_trips() {
        for preset in Preset::ALL {
            let v = view(preset);
            let fragment = v.to_fragment();
            assert!(fragment.len() < 2_000, "{preset:?}: {}", fragment.len());
            let back = parse_fragment(&format!("#{fragment}")).unwrap().unwrap();
            assert_eq!(back, v, "{preset:?}");
            let state = AppState::open(&back).unwrap();
            assert_eq!(state.preset, Some(preset));
            assert_eq!(state.lang, Lang::Ko);
        }
    }

    #[test]
    fn edits_and_selection_round_trip() {
        let mut v = view(Preset::Bidirectional);
        v.preset = None;
        v.seed = 7;
        v.scheme = InitScheme::PyTorch;
        v.input = InputSource::Manual("1 2 3 4 5\n0.5 0 0 0 -1 # é".into());
        v.selection = Selection {
            layer: 0,
            direction: Direction::Backward,
            timestep: 1,
            example: 0,
        };
        v.hidden = vec![Panel::Controls, Panel::Charts];
        let back = parse_fragment(&v.to_fragment()).unwrap().unwrap();
        assert_eq!(back, v);
    }

    /// `state` using imported weights: its initializer's weights, scaled so they differ.
    fn with_imported(mut state: AppState) -> AppState {
        let case = state.session.as_ref().unwrap().case.clone();
        let mut weights = case.run(false).unwrap().weights;
        for layer in &mut weights {
            if let LayerWeights::SimpleRnn(w) = layer {
                w.kernel.mapv_inplace(|v| v * 0.5 + 0.01);
                w.recurrent_kernel.mapv_inplace(|v| v * -0.75);
            }
        }
        state.imported = Some(Rc::new((state.draft.clone(), weights)));
        state.preset = None;
        state.recompute(Field::Layers);
        assert!(state.errors.is_empty(), "{:?}", state.errors);
        state
    }

    fn all_hidden_states(state: &AppState) -> Vec<ndarray::Array2<f32>> {
        let session = state.session.as_ref().unwrap();
        let (batch, _) = session.dims();
        recurrent_layers(&session.model)
            .iter()
            .flat_map(|l| (0..batch).map(move |b| (l.stack_index, b)))
            .map(|(i, b)| session.states(i, Direction::Forward, b).unwrap().to_owned())
            .collect()
    }

    #[test]
    fn small_imported_weights_travel_in_the_link() {
        let state = with_imported(AppState::with_preset(Lang::En, Preset::NumpyLoop));
        let imported = state.imported.clone().unwrap();
        assert!(weight_count(&imported.1) <= MAX_LINK_WEIGHTS);
        let view = state.view();
        assert!(!view.weights_left_out);
        let fragment = view.to_fragment();
        assert!(fragment.len() <= MAX_LINK_BYTES);
        let back = parse_fragment(&fragment).unwrap().unwrap();
        assert_eq!(back, view);
        let opened = AppState::open(&back).unwrap();
        assert_eq!(opened.imported, Some(imported));
        assert_eq!(all_hidden_states(&opened), all_hidden_states(&state));
        // Not the initializer's hidden states.
        let plain = AppState::with_preset(Lang::En, Preset::NumpyLoop);
        assert_ne!(all_hidden_states(&opened), all_hidden_states(&plain));
        // A link whose weights do not fit its model is refused with a clear error.
        let mut json: serde_json::Value = serde_json::from_str(&view.to_json()).unwrap();
        json["w"][0]["kernel"] = serde_json::json!([[1.0]]);
        let f = format!("v1={}", base64_encode(json.to_string().as_bytes()));
        assert!(matches!(
            parse_fragment(&f),
            Err(LinkError::InvalidWeights(_))
        ));
    }

    #[test]
    fn large_imported_weights_are_left_out_with_a_notice() {
        let plain = AppState::with_preset(Lang::En, Preset::NumpyLoop);
        let mut json = serde_json::to_value(&plain.draft).unwrap();
        json["layers"][0]["units"] = serde_json::json!(80);
        let mut state = plain.clone();
        state.draft = ModelSpec::from_json(&json.to_string()).unwrap();
        state.recompute(Field::Layers);
        let state = with_imported(state);
        assert!(weight_count(&state.imported.as_ref().unwrap().1) > MAX_LINK_WEIGHTS);
        let view = state.view();
        assert!(view.weights_left_out);
        assert_eq!(view.weights, None);
        let back = parse_fragment(&view.to_fragment()).unwrap().unwrap();
        let opened = AppState::open(&back).unwrap();
        assert_eq!(opened.imported, None);
        assert_eq!(opened.draft, state.draft);
    }

    #[test]
    fn classroom_hide_list() {
        let v = view(Preset::NumpyLoop);
        let f = format!("{}&hide=controls,summary%2Ccharts", v.to_fragment());
        let back = parse_fragment(&f).unwrap().unwrap();
        assert_eq!(
            back.hidden,
            vec![Panel::Controls, Panel::Summary, Panel::Charts]
        );
        assert!(matches!(
            parse_fragment(&format!("{}&hide=everything", v.to_fragment())),
            Err(LinkError::Unknown {
                what: crate::app::domain::link::LinkPart::Panel,
                ..
            })
        ));
    }

    #[test]
    fn broken_links_are_typed_errors() {
        let good = view(Preset::NumpyLoop).to_fragment();
        // Truncated.
        let cut = &good[..good.len() / 2];
        assert!(matches!(
            parse_fragment(cut),
            Err(LinkError::Json { .. } | LinkError::Base64(_))
        ));
        let cut1 = &good[..good.len() - 1];
        assert!(parse_fragment(cut1).is_err());
        // Tampered characters.
        let tampered = good.replacen('A', "!", 1);
        if tampered != good {
            assert!(matches!(
                parse_fragment(&tampered),
                Err(LinkError::Base64(_))
            ));
        }
        // Valid base64 of other JSON.
        let other = format!("v1={}", base64_encode(b"{\"hello\":1}"));
        assert!(matches!(
            parse_fragment(&other),
            Err(LinkError::Json { .. })
        ));
        // Oversized.
        let big = format!("v1={}", "A".repeat(MAX_LINK_BYTES));
        assert!(matches!(
            parse_fragment(&big),
            Err(LinkError::Oversized { .. })
        ));
        // Unknown version.
        assert_eq!(
            parse_fragment("v9=abc"),
            Err(LinkError::UnknownVersion("v9".into()))
        );
        // No view: not an error.
        assert_eq!(parse_fragment(""), Ok(None));
        assert_eq!(parse_fragment("#section"), Ok(None));
    }

    #[test]
    fn invalid_model_and_unusable_views() {
        let mut json: serde_json::Value =
            serde_json::from_str(&view(Preset::NumpyLoop).to_json()).unwrap();
        json["m"]["layers"] = serde_json::json!([]);
        let f = format!("v1={}", base64_encode(json.to_string().as_bytes()));
        assert!(matches!(
            parse_fragment(&f),
            Err(LinkError::InvalidModel(_))
        ));

        json = serde_json::from_str(&view(Preset::NumpyLoop).to_json()).unwrap();
        json["m"]["layers"][0]["units"] = serde_json::json!(100_000);
        let f = format!("v1={}", base64_encode(json.to_string().as_bytes()));
        let error = parse_fragment(&f)
            .map_err(OpenError::from)
            .and_then(|v| AppState::open(&v.unwrap()).map(|_| ()));
        assert!(
            matches!(
                error,
                Err(OpenError::Link(LinkError::InvalidModel(_)) | OpenError::Unusable(_))
            ),
            "{error:?}"
        );

        json = serde_json::from_str(&view(Preset::NumpyLoop).to_json()).unwrap();
        json["x"] = serde_json::json!({"k": "manual", "t": "not numbers"});
        let v = parse_fragment(&format!(
            "v1={}",
            base64_encode(json.to_string().as_bytes())
        ))
        .unwrap()
        .unwrap();
        assert!(matches!(AppState::open(&v), Err(OpenError::Unusable(_))));
    }

    #[test]
    fn initial_state_falls_back_with_a_notice() {
        let good = view(Preset::Quiz).to_fragment();
        let s = initial_state(Lang::En, &format!("#{good}"), None);
        assert_eq!(s.preset, Some(Preset::Quiz));
        assert_eq!(s.lang, Lang::Ko);
        let s = initial_state(Lang::En, "#v1=%%%", Some(&good));
        assert_eq!(s.preset, Some(Preset::NumpyLoop));
        assert!(matches!(s.notice, Some(Notice::BadLink(_))));
        let s = initial_state(Lang::En, "", Some(&good));
        assert_eq!(s.preset, Some(Preset::Quiz));
        let s = initial_state(Lang::En, "", Some("garbage"));
        assert!(matches!(s.notice, Some(Notice::BadStored(_))));
    }

    #[test]
    fn a_panel_toggles_in_and_out_of_the_hidden_list() {
        let mut share = AppState::default();
        share.apply(Action::TogglePanel(Panel::Charts));
        assert_eq!(share.hidden, vec![Panel::Charts]);
        share.apply(Action::TogglePanel(Panel::Charts));
        assert!(share.hidden.is_empty());
    }

    #[test]
    fn the_start_takes_the_query_language_over_the_links() {
        let link = AppState::with_preset(Lang::Ko, Preset::Quiz)
            .view()
            .to_fragment();
        let start = PageStart {
            query: "?lang=en".into(),
            fragment: link.clone(),
            ..PageStart::default()
        };
        let s = AppState::at_start(&start);
        assert_eq!((s.preset, s.lang), (Some(Preset::Quiz), Lang::En));
        let s = AppState::at_start(&PageStart {
            fragment: link,
            ..PageStart::default()
        });
        assert_eq!(s.lang, Lang::Ko);
        let s = AppState::at_start(&PageStart {
            remembered_lang: Some("ko".into()),
            browser_lang: Some("en-US".into()),
            ..PageStart::default()
        });
        assert_eq!(s.lang, Lang::Ko);
        let s = AppState::at_start(&PageStart {
            browser_lang: Some("ko-KR".into()),
            ..PageStart::default()
        });
        assert_eq!(s.lang, Lang::Ko);
    }
}
