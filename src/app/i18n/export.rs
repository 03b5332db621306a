//! The words of the export panel and the import control, and of export errors.

use crate::app::domain::export::ExportError;

use super::Lang;

/// A word of the export panel or the import control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum ExportText {
    Export,
    DownloadCase,
    DownloadCaseHelp,
    TimeConvention,
    DownloadCsv,
    DownloadJson,
    DownloadTrace,
    DownloadPng,
    DownloadPlotsSvg,
    DownloadSvg,
    DownloadDiagramPng,
    DownloadNumpy,
    DownloadKeras,
    DownloadPytorch,
    ExportFailed,
    ImportWeights,
    ImportHelp,
}

impl ExportText {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (ExportText::Export, En) => "Export",
            (ExportText::Export, Ko) => "내보내기",
            (ExportText::DownloadCase, En) => "Download case",
            (ExportText::DownloadCase, Ko) => "모델과 입력 내려받기 (JSON)",
            (ExportText::DownloadCaseHelp, En) => "the model, initializer and inputs as JSON: unrolled-cli run computes the same numbers",
            (ExportText::DownloadCaseHelp, Ko) => "모델, 초기화, 입력을 담은 JSON입니다. unrolled-cli run으로 같은 값을 계산합니다",
            (ExportText::TimeConvention, En) => "The files count timesteps from 0, as Python does (the CSV's timestep column, the JSON's arrays and its \"timestep\"); the page counts from 1, so the page's t = 1 is the files' timestep 0.",
            (ExportText::TimeConvention, Ko) => "파일은 파이썬처럼 시점을 0부터 셉니다 (CSV의 시점 열, JSON의 배열과 시점 번호). 화면은 1부터 세므로 화면의 t = 1이 파일의 시점 0입니다.",
            (ExportText::DownloadCsv, En) => "Download hidden states (CSV)",
            (ExportText::DownloadCsv, Ko) => "은닉 상태 내려받기 (CSV)",
            (ExportText::DownloadJson, En) => "Download all hidden states (JSON)",
            (ExportText::DownloadJson, Ko) => "모든 은닉 상태 내려받기 (JSON)",
            (ExportText::DownloadTrace, En) => "Download this step (JSON)",
            (ExportText::DownloadTrace, Ko) => "이 시점 내려받기 (JSON)",
            (ExportText::DownloadPng, En) => "Download plots (PNG)",
            (ExportText::DownloadPng, Ko) => "그래프 내려받기 (PNG)",
            (ExportText::DownloadPlotsSvg, En) => "Download plots (SVG)",
            (ExportText::DownloadPlotsSvg, Ko) => "그래프 내려받기 (SVG)",
            (ExportText::DownloadSvg, En) => "Download diagram (SVG)",
            (ExportText::DownloadSvg, Ko) => "다이어그램 내려받기 (SVG)",
            (ExportText::DownloadDiagramPng, En) => "Download diagram (PNG)",
            (ExportText::DownloadDiagramPng, Ko) => "다이어그램 내려받기 (PNG)",
            (ExportText::DownloadNumpy, En) => "Download numpy code",
            (ExportText::DownloadNumpy, Ko) => "numpy 코드 내려받기",
            (ExportText::DownloadKeras, En) => "Download Keras code",
            (ExportText::DownloadKeras, Ko) => "Keras 코드 내려받기",
            (ExportText::DownloadPytorch, En) => "Download PyTorch code",
            (ExportText::DownloadPytorch, Ko) => "PyTorch 코드 내려받기",
            (ExportText::ExportFailed, En) => "The download could not be made",
            (ExportText::ExportFailed, Ko) => "내려받을 파일을 만들 수 없습니다",
            (ExportText::ImportWeights, En) => "Import weights",
            (ExportText::ImportWeights, Ko) => "가중치 가져오기",
            (ExportText::ImportHelp, En) => {
                "A case or model document (JSON), Keras get_weights() as JSON or .npz, or a PyTorch nn.RNN state_dict as .npz."
            }
            (ExportText::ImportHelp, Ko) => {
                "케이스·모델 문서(JSON), Keras get_weights()의 JSON 또는 .npz, PyTorch nn.RNN state_dict의 .npz를 읽습니다."
            }
        }
    }
}

/// An export error in `lang`.
#[must_use]
pub fn export_error_text(err: &ExportError, lang: Lang) -> String {
    match (lang, err) {
        (Lang::En, _) => err.to_string(),
        (Lang::Ko, ExportError::Json(detail)) => {
            format!("케이스를 JSON으로 쓰지 못했습니다: {detail}")
        }
        (Lang::Ko, ExportError::Browser) => "브라우저가 내려받기 파일을 만들지 못했습니다.".into(),
        (Lang::Ko, ExportError::NoPlots) => {
            "내보낼 그래프가 없습니다. 계산된 층이 없습니다.".into()
        }
        (Lang::Ko, ExportError::Chart(detail)) => {
            format!("그래프를 그리지 못했습니다: {detail}")
        }
        (Lang::Ko, ExportError::TooLarge(e)) => super::model_errors::cost_ko(e),
    }
}
