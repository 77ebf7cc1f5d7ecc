//! Polku's exports: a fidelity review, a quarterly outcome report and a team's quarterly report
//! for leadership (with its trend chart), rendered as a printable
//! A4 PDF ([`pdf`]) and as a spreadsheet-friendly CSV ([`csv`]).
//!
//! What belongs here: the plain report structs ([`ReviewReport`], [`OutcomeReport`]) that a
//! caller fills in with texts already in the reader's language, the few fixed labels the
//! renderers print themselves (headings such as "Total" or "Action plan", in Finnish, Swedish
//! and English, see [`Labels`]), date formatting per language, and the rendering itself.
//! What does not: reading the store, scoring, choosing band names, or writing files. The
//! caller (the app shell) computes a review's [`polku_domain::fidelity`] summary, localizes
//! the scale's names, and saves the bytes or text this crate returns wherever the coach chose.
//!
//! The PDF embeds its own font (DejaVu Sans, `assets/fonts/`), so ä, ö and å render and
//! extract correctly on any machine and the app never depends on system fonts.

pub mod csv;
mod error;
mod labels;
mod model;
pub mod pdf;

pub use error::{ReportError, Result};
pub use labels::{format_date, Labels};
pub use model::{
    ActionRow, ItemRow, OutcomeReport, OutcomeRow, ReviewReport, SectionRow, TeamOutcomeReport,
    TeamOutcomeRow,
};
