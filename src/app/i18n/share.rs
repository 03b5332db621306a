//! The words of sharing: the share panel, the notice at the top of the page, and every
//! link, saved-session and storage error.

use crate::app::domain::link::{LinkError, LinkPart};
use crate::app::domain::panel::Panel;
use crate::app::domain::sessions::{SessionListError, SessionsError};
use crate::app::services::storage::StorageError;
use crate::app::state::notice::{Notice, OpenError};

use super::errors::error_text;
use super::import::{import_error_text, import_kind_text};
use super::model_errors::model_ko;
use super::Lang;

/// A word of the share panel or the notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum ShareText {
    Share,
    CopyLink,
    LinkCopied,
    CopyFallback,
    LinkField,
    BadLink,
    BadStored,
    Opened,
    BadNamed,
    Dismiss,
    SaveAs,
    SessionName,
    Save,
    Open,
    Rename,
    Delete,
    Saved,
    NoSessions,
    StorageUnavailable,
    StorageFull,
    StoredListDamaged,
    HidePanels,
    Imported,
    ImportFailed,
    WeightsNotInLink,
    RestoreLast,
    Restored,
    ViewNotInLink,
    ViewNotKept,
}

impl ShareText {
    /// This text in `lang`.
    #[must_use]
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per text and language: a table"
    )]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (ShareText::Share, En) => "Share and save",
            (ShareText::Share, Ko) => "공유와 저장",
            (ShareText::CopyLink, En) => "Copy link",
            (ShareText::CopyLink, Ko) => "링크 복사",
            (ShareText::LinkCopied, En) => "The link is copied: it opens this exact view.",
            (ShareText::LinkCopied, Ko) => "링크를 복사했습니다. 이 화면 그대로 열립니다.",
            (ShareText::CopyFallback, En) => {
                "The clipboard is not available here: the link is selected in the field below; copy it with Ctrl+C (⌘C)."
            }
            (ShareText::CopyFallback, Ko) => {
                "이 환경에서는 클립보드를 쓸 수 없습니다. 아래 칸에 선택된 링크를 Ctrl+C(⌘C)로 복사하세요."
            }
            (ShareText::LinkField, En) => "Link to this view",
            (ShareText::LinkField, Ko) => "이 화면의 링크",
            (ShareText::BadLink, En) => "The link could not be opened, so the default view is shown",
            (ShareText::BadLink, Ko) => "링크를 열 수 없어 기본 화면을 보여 줍니다",
            (ShareText::BadStored, En) => {
                "The last session could not be restored, so the default view is shown"
            }
            (ShareText::BadStored, Ko) => "지난 세션을 복원할 수 없어 기본 화면을 보여 줍니다",
            (ShareText::Opened, En) => "Opened the saved session",
            (ShareText::Opened, Ko) => "저장한 세션을 열었습니다",
            (ShareText::BadNamed, En) => "The saved session could not be opened; nothing changed",
            (ShareText::BadNamed, Ko) => "저장한 세션을 열 수 없습니다. 바뀐 것은 없습니다",
            (ShareText::Dismiss, En) => "Dismiss",
            (ShareText::Dismiss, Ko) => "닫기",
            (ShareText::SaveAs, En) => "Saved sessions",
            (ShareText::SaveAs, Ko) => "저장한 세션",
            (ShareText::SessionName, En) => "Session name",
            (ShareText::SessionName, Ko) => "세션 이름",
            (ShareText::Save, En) => "Save session",
            (ShareText::Save, Ko) => "세션 저장",
            (ShareText::Open, En) => "Open",
            (ShareText::Open, Ko) => "열기",
            (ShareText::Rename, En) => "Rename",
            (ShareText::Rename, Ko) => "이름 바꾸기",
            (ShareText::Delete, En) => "Delete",
            (ShareText::Delete, Ko) => "삭제",
            (ShareText::Saved, En) => "Saved.",
            (ShareText::Saved, Ko) => "저장했습니다.",
            (ShareText::NoSessions, En) => "No saved sessions yet.",
            (ShareText::NoSessions, Ko) => "아직 저장한 세션이 없습니다.",
            (ShareText::StorageUnavailable, En) => {
                "This browser does not allow saving here (storage is unavailable); nothing was saved."
            }
            (ShareText::StorageUnavailable, Ko) => {
                "이 브라우저에서는 저장할 수 없습니다(저장소를 쓸 수 없음). 저장된 것은 없습니다."
            }
            (ShareText::StorageFull, En) => {
                "The browser's storage is full; nothing was changed. Delete a saved session and try again."
            }
            (ShareText::StorageFull, Ko) => {
                "브라우저 저장 공간이 가득 찼습니다. 바뀐 것은 없습니다. 저장한 세션을 지우고 다시 해 보세요."
            }
            (ShareText::StoredListDamaged, En) => {
                "The saved-session list is damaged and is left untouched"
            }
            (ShareText::StoredListDamaged, Ko) => "저장한 세션 목록이 손상되어 그대로 둡니다",
            (ShareText::HidePanels, En) => "Hide for a classroom link",
            (ShareText::HidePanels, Ko) => "수업용 링크에서 숨기기",
            (ShareText::Imported, En) => "Imported the weights",
            (ShareText::Imported, Ko) => "가중치를 가져왔습니다",
            (ShareText::ImportFailed, En) => "The file could not be imported; nothing changed",
            (ShareText::ImportFailed, Ko) => "파일을 가져올 수 없습니다. 바뀐 것은 없습니다",
            (ShareText::WeightsNotInLink, En) => {
                "The imported weights are too large for a link: this link and the saved session reproduce the model, initializer and seed, but not the imported weights. Use \"Download case\" to share them."
            }
            (ShareText::WeightsNotInLink, Ko) => {
                "가져온 가중치가 링크에 담기에는 너무 큽니다. 이 링크와 저장한 세션은 모델·초기화·시드는 재현하지만 가져온 가중치는 재현하지 않습니다. 가중치까지 공유하려면 \"모델과 입력 내려받기 (JSON)\"를 쓰세요."
            }
            (ShareText::RestoreLast, En) => "Restore your last session",
            (ShareText::RestoreLast, Ko) => "지난 세션 되살리기",
            (ShareText::Restored, En) => "Your last session is back",
            (ShareText::Restored, Ko) => "지난 세션을 되살렸습니다",
            (ShareText::ViewNotInLink, En) => {
                "This view is too large for a link (links hold 16 KB): it is kept in this browser as the last session and can be saved by name, but the address does not carry it. Use \"Download case\" to share it."
            }
            (ShareText::ViewNotInLink, Ko) => {
                "이 화면은 링크에 담기에는 너무 큽니다(링크는 16KB까지). 이 브라우저에 지난 세션으로 남고 이름을 붙여 저장할 수도 있지만, 주소에는 담기지 않습니다. 공유하려면 \"케이스 내려받기\"를 쓰세요."
            }
            (ShareText::ViewNotKept, En) => {
                "This view is too large to be kept (256 KB at most), so it will not come back after a reload: use fewer timesteps or shorter typed values."
            }
            (ShareText::ViewNotKept, Ko) => {
                "이 화면은 보관하기에는 너무 큽니다(최대 256KB). 새로 고치면 다시 나오지 않습니다. 시점 수를 줄이거나 입력한 값을 줄이세요."
            }
        }
    }
}

/// A panel's name on screen.
#[must_use]
pub fn panel_text(panel: Panel, lang: Lang) -> &'static str {
    match (panel, lang) {
        (Panel::Controls, Lang::En) => "controls",
        (Panel::Controls, Lang::Ko) => "설정",
        (Panel::Summary, Lang::En) => "summary",
        (Panel::Summary, Lang::Ko) => "요약",
        (Panel::Charts, Lang::En) => "plots",
        (Panel::Charts, Lang::Ko) => "그래프",
        (Panel::Equation, Lang::En) => "equation",
        (Panel::Equation, Lang::Ko) => "수식",
        (Panel::Diagram, Lang::En) => "diagram",
        (Panel::Diagram, Lang::Ko) => "다이어그램",
        (Panel::Concepts, Lang::En) => "concepts",
        (Panel::Concepts, Lang::Ko) => "개념",
    }
}

/// `detail` after `lead` and a colon, ending in one full stop (the Korean details end in
/// their own).
fn with_detail(lead: &str, detail: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{lead}: {detail}."),
        Lang::Ko => format!("{lead}: {}.", detail.trim_end_matches('.')),
    }
}

/// The notice's words.
#[must_use]
pub fn notice_text(notice: &Notice, lang: Lang) -> String {
    let t = |key: ShareText| key.text(lang);
    match notice {
        Notice::BadLink(e) => with_detail(t(ShareText::BadLink), &open_error_text(e, lang), lang),
        Notice::BadStored(e) => {
            with_detail(t(ShareText::BadStored), &open_error_text(e, lang), lang)
        }
        Notice::Opened(name) => format!("{}: {name}", t(ShareText::Opened)),
        Notice::Restored => format!("{}.", t(ShareText::Restored)),
        Notice::Imported(kind) => format!(
            "{} ({}).",
            t(ShareText::Imported),
            import_kind_text(*kind, lang)
        ),
        Notice::ImportFailed(e) => with_detail(
            t(ShareText::ImportFailed),
            &import_error_text(e, lang),
            lang,
        ),
        Notice::ImportUnusable(e) => {
            with_detail(t(ShareText::ImportFailed), &error_text(e, lang), lang)
        }
        Notice::BadNamed(name, e) => with_detail(
            &format!("{} ({name})", t(ShareText::BadNamed)),
            &open_error_text(e, lang),
            lang,
        ),
    }
}

/// Why a view could not be opened, in `lang`.
#[must_use]
pub fn open_error_text(error: &OpenError, lang: Lang) -> String {
    match (error, lang) {
        (OpenError::Link(e), _) => link_error_text(e, lang),
        (OpenError::Unusable(_), Lang::En) => error.to_string(),
        (OpenError::Unusable(e), Lang::Ko) => format!(
            "링크의 화면을 보여 줄 수 없습니다: {}",
            error_text(e, Lang::Ko)
        ),
    }
}

fn link_part_ko(part: LinkPart) -> &'static str {
    match part {
        LinkPart::Language => "언어",
        LinkPart::Preset => "예제",
        LinkPart::InputKind => "입력 종류",
        LinkPart::Direction => "방향",
        LinkPart::Panel => "패널",
    }
}

/// Why a link could not be read, in `lang`.
#[must_use]
pub fn link_error_text(error: &LinkError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        LinkError::Oversized { bytes, max } => {
            format!("링크가 {bytes}바이트로, 읽을 수 있는 {max}바이트보다 깁니다")
        }
        LinkError::UnknownVersion(version) => format!(
            "링크 형식 \"{version}\"은(는) 이 페이지가 모르는 형식입니다 (이 페이지는 \"v1\"을 읽습니다)"
        ),
        LinkError::Base64(at) => format!(
            "링크의 데이터가 손상되었습니다 ({at}번째 문자부터 올바른 base64가 아닙니다). 복사할 때 잘렸을 수 있습니다"
        ),
        LinkError::NotText => {
            "링크의 데이터가 손상되었거나 불완전합니다: 풀어 낸 데이터가 UTF-8 텍스트가 아닙니다".into()
        }
        LinkError::Json { line, column, .. } => {
            format!("링크의 데이터가 손상되었거나 불완전합니다 ({line}행 {column}열)")
        }
        LinkError::NoView => "저장된 텍스트에 세션이 없습니다".into(),
        LinkError::Unknown { what, value } => format!(
            "링크에 알 수 없는 {} \"{value}\"이(가) 있습니다",
            link_part_ko(*what)
        ),
        LinkError::InvalidModel(e) => format!("링크의 모델이 올바르지 않습니다: {}", model_ko(e)),
        LinkError::InvalidWeights(e) => {
            format!("링크의 가중치가 모델에 맞지 않습니다: {}", model_ko(e))
        }
    }
}

/// Why a named-session edit was refused, in `lang`.
#[must_use]
pub fn sessions_error_text(error: &SessionsError, lang: Lang) -> String {
    match (error, lang) {
        (_, Lang::En) => error.to_string(),
        (SessionsError::EmptyName, Lang::Ko) => "세션 이름을 입력하세요".into(),
        (SessionsError::Taken(name), Lang::Ko) => {
            format!("\"{name}\"이라는 이름의 세션이 이미 있습니다")
        }
        (SessionsError::Missing(name), Lang::Ko) => {
            format!("\"{name}\"이라는 이름의 세션이 없습니다")
        }
        (SessionsError::TooMany(max), Lang::Ko) => {
            format!("세션은 {max}개까지만 저장합니다. 먼저 하나를 지우세요")
        }
        (SessionsError::ViewTooLarge { bytes, max }, Lang::Ko) => format!(
            "이 화면은 {bytes}바이트로, 저장한 세션이 담는 최대 {max}바이트보다 커서 다시 열 수 없습니다. 시점 수를 줄이거나 입력한 값을 줄이세요"
        ),
    }
}

/// Why the stored session list cannot be read, in `lang`: the lead sentence and the
/// detail.
#[must_use]
pub fn session_list_error_text(error: &SessionListError, lang: Lang) -> String {
    let detail = match (error, lang) {
        (_, Lang::En) => error.to_string(),
        (SessionListError::TooLarge, Lang::Ko) => "목록이 너무 큽니다".into(),
        (SessionListError::Damaged { line, column, .. }, Lang::Ko) => {
            format!("{line}행 {column}열을 읽을 수 없습니다")
        }
    };
    format!("{}: {detail}", ShareText::StoredListDamaged.text(lang))
}

/// Why storage refused a write, as the share panel says it.
#[must_use]
pub fn storage_text(error: StorageError) -> ShareText {
    match error {
        StorageError::Unavailable => ShareText::StorageUnavailable,
        StorageError::Full => ShareText::StorageFull,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_left_out_weights_note_points_at_download_case() {
        for lang in [Lang::En, Lang::Ko] {
            assert!(!ShareText::WeightsNotInLink.text(lang).is_empty());
        }
        assert!(ShareText::WeightsNotInLink
            .text(Lang::En)
            .contains("Download case"));
    }
}
