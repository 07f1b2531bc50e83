//! Exit codes and the typed failures that select them. Everything else is an `anyhow` error
//! and exits 1.

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Success = 0,
    Failure = 1,
    BadInput = 2,
    ResourceFailed = 3,
    TimedOut = 4,
    Interrupted = 130,
}

/// A failure whose kind decides the exit code. Raise with `anyhow::Error::from` (or `?`).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Usage, config, template or validation errors: nothing was sent to AWS.
    #[error("{0}")]
    BadInput(String),
    /// A change set or task ended FAILED or CANCELLED.
    #[error("{0}")]
    ResourceFailed(String),
    /// A wait passed its deadline.
    #[error("{0}")]
    TimedOut(String),
    /// Ctrl-C.
    #[error("{0}")]
    Interrupted(String),
}

impl Failure {
    pub fn code(&self) -> ExitCode {
        match self {
            Failure::BadInput(_) => ExitCode::BadInput,
            Failure::ResourceFailed(_) => ExitCode::ResourceFailed,
            Failure::TimedOut(_) => ExitCode::TimedOut,
            Failure::Interrupted(_) => ExitCode::Interrupted,
        }
    }
}

/// Shorthand for a bad-input error.
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    Failure::BadInput(message.into()).into()
}

/// The exit code for an error: the first typed failure in its chain, else 1.
pub fn code_for(err: &anyhow::Error) -> ExitCode {
    err.chain()
        .find_map(|e| e.downcast_ref::<Failure>())
        .map(Failure::code)
        .unwrap_or(ExitCode::Failure)
}
