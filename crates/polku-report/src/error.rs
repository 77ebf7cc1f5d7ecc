/// What can go wrong while rendering a report. Only the PDF can fail: CSV goes to memory.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The embedded font could not be parsed; a broken build, not a user error.
    #[error("the embedded font {name} could not be read")]
    Font { name: &'static str },
    /// The PDF writer reported a problem that would leave the document incomplete.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

pub type Result<T, E = ReportError> = std::result::Result<T, E>;
