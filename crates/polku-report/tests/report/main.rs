//! Reports rendered from an IPS-25 review built on the shipped scale file, read back with the
//! tools a reader would use: `pdftotext`/`pdfinfo` (poppler-utils) for the PDF, the `csv`
//! crate for the CSV.

mod csv;
mod fixtures;
mod pdf;
