//! Printable A4 PDFs.
//!
//! Built on `printpdf` without its HTML engine (only its `text_layout` feature, which subsets
//! the embedded fonts to the glyphs used: about 30 kB a review): this module lays out the page itself
//! (greedy word wrap measured with the embedded font's glyph widths, page breaks line by
//! line, the table header repeated on each new page, "Page n / N" in the footer). The font is
//! DejaVu Sans, embedded as a subset with a Unicode map, so text extracted from the PDF
//! (copy-paste, `pdftotext`, screen readers) gives back ä, ö and å.

use crate::error::{ReportError, Result};
use crate::labels::{format_date, Labels};
use crate::model::{OutcomeReport, ReviewReport, TeamOutcomeReport};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rgb, TextItem,
};

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points, and the printable area inside the margins.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_W - 50.0;
const TOP: f32 = PAGE_H - 50.0;
const BOTTOM: f32 = 60.0;
const FOOTER_Y: f32 = 32.0;
const CONTENT_W: f32 = RIGHT - LEFT;
const LINE: f32 = 1.3;

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const HEADING: f32 = 12.5;
const TITLE: f32 = 16.0;

/// A fidelity review: heading, total and band, section subtotals, every item with its score,
/// suggestion and evidence, then the action plan.
pub fn review(report: &ReviewReport) -> Result<Vec<u8>> {
    let l = Labels::for_language(report.language);
    let mut doc = PdfDocument::new(&report.title);
    let fonts = Fonts::load(&mut doc)?;
    let mut page = Layout::new(&fonts);

    page.paragraph(Face::Bold, TITLE, LEFT, CONTENT_W, &report.title);
    page.gap(4.0);
    let period = format!(
        "{} – {}",
        format_date(report.period_from, report.language),
        format_date(report.period_to, report.language)
    );
    for (label, value) in [
        (
            l.scale,
            format!("{}, {}", report.scale_name, report.scale_version),
        ),
        (l.subject, report.subject.clone()),
        (l.review_kind, report.kind.clone()),
        (l.period, period),
        (l.raters, report.raters.join(", ")),
    ] {
        page.paragraph(
            Face::Regular,
            BODY,
            LEFT,
            CONTENT_W,
            &format!("{label}: {value}"),
        );
    }
    page.gap(8.0);
    let total = report
        .total
        .map_or_else(|| "–".to_owned(), |t| t.to_string());
    let band = report.band_name.as_deref().unwrap_or("–");
    page.paragraph(
        Face::Bold,
        HEADING,
        LEFT,
        CONTENT_W,
        &format!("{}: {total} / {}", l.total, report.max_total),
    );
    page.paragraph(
        Face::Bold,
        HEADING,
        LEFT,
        CONTENT_W,
        &format!("{}: {band}", l.band),
    );
    if report.unverified_note {
        page.gap(2.0);
        page.paragraph(Face::Regular, SMALL, LEFT, CONTENT_W, l.unverified_note);
    }

    if !report.sections.is_empty() {
        page.gap(10.0);
        page.heading(l.sections);
        let cols = [
            Col::left(LEFT, 35.0),
            Col::left(LEFT + 38.0, 300.0),
            Col::right(RIGHT - 80.0, 80.0),
        ];
        for s in &report.sections {
            page.row(
                &cols,
                Face::Regular,
                [
                    s.code.clone(),
                    s.name.clone(),
                    format!("{} / {}", s.subtotal, s.max),
                ],
            );
        }
    }

    page.gap(10.0);
    let item_cols = [
        Col::left(LEFT, 35.0),
        Col::left(LEFT + 38.0, 300.0),
        Col::right(RIGHT - 125.0, 55.0),
        Col::right(RIGHT - 60.0, 60.0),
    ];
    let item_header = [l.item, "", l.score, l.suggested].map(str::to_owned);
    page.table_header(&item_cols, item_header);
    let evidence_x = LEFT + 38.0;
    let evidence_w = RIGHT - evidence_x;
    for item in &report.items {
        page.gap(3.0);
        // Keep an item's row with the first lines of its evidence.
        page.need(BODY * LINE * 3.0);
        page.row(
            &item_cols,
            Face::Bold,
            [
                item.code.clone(),
                item.name.clone(),
                item.answer
                    .clone()
                    .unwrap_or_else(|| score_text(item.score)),
                score_text(item.suggested),
            ],
        );
        let notes = item.evidence_notes.trim();
        if !notes.is_empty() {
            page.paragraph(
                Face::Regular,
                BODY,
                evidence_x,
                evidence_w,
                &format!("{}: {notes}", l.evidence),
            );
        }
        if item.evidence_missing {
            page.paragraph(Face::Bold, BODY, evidence_x, evidence_w, l.evidence_missing);
        }
    }
    page.end_table();

    if !report.actions.is_empty() {
        page.gap(14.0);
        page.need(HEADING * LINE + BODY * LINE * 3.0);
        page.heading(l.action_plan);
        let cols = [
            Col::left(LEFT, 35.0),
            Col::left(LEFT + 38.0, 270.0),
            Col::left(LEFT + 315.0, 100.0),
            Col::right(RIGHT - 70.0, 70.0),
        ];
        page.table_header(&cols, [l.item, l.action, l.who, l.due].map(str::to_owned));
        for action in &report.actions {
            page.gap(2.0);
            page.row(
                &cols,
                Face::Regular,
                [
                    action.item.clone(),
                    action.what.clone(),
                    action.who.clone(),
                    action
                        .due
                        .map(|d| format_date(d, report.language))
                        .unwrap_or_default(),
                ],
            );
        }
        page.end_table();
    }

    page.finish(&mut doc, &report.title, l)
}

/// A quarter's outcomes: coach, quarter, and a table of measures with their benchmarks.
pub fn outcomes(report: &OutcomeReport) -> Result<Vec<u8>> {
    let l = Labels::for_language(report.language);
    let title = format!("{} {}", l.outcomes_title, report.quarter);
    let mut doc = PdfDocument::new(&title);
    let fonts = Fonts::load(&mut doc)?;
    let mut page = Layout::new(&fonts);

    let coach = if report.coach.trim().is_empty() {
        l.unnamed.to_owned()
    } else {
        report.coach.clone()
    };
    page.title_block(&title, &[(l.coach, &coach), (l.quarter, &report.quarter)]);
    let cols = [
        Col::left(LEFT, 240.0),
        Col::right(LEFT + 245.0, 80.0),
        Col::right(RIGHT - 165.0, 165.0),
    ];
    page.table_header(&cols, [l.measure, l.value, l.benchmark].map(str::to_owned));
    for row in &report.rows {
        page.gap(2.0);
        page.row(
            &cols,
            Face::Regular,
            [
                row.label.clone(),
                row.value.clone(),
                row.benchmark.clone().unwrap_or_default(),
            ],
        );
    }
    page.end_table();

    page.finish(&mut doc, &title, l)
}

/// A team's quarter for leadership: a row per coach and the team's, then the team's employment
/// rate over the last quarters drawn against the benchmarks.
pub fn team_outcomes(report: &TeamOutcomeReport) -> Result<Vec<u8>> {
    let l = Labels::for_language(report.language);
    let title = format!("{} {}", l.team_outcomes_title, report.quarter);
    let mut doc = PdfDocument::new(&title);
    let fonts = Fonts::load(&mut doc)?;
    let mut page = Layout::new(&fonts);

    page.title_block(
        &title,
        &[(l.team, &report.team), (l.quarter, &report.quarter)],
    );
    // Right-aligned figures under headings that need their width (at least 12 points apart).
    let cols = [
        Col::left(LEFT, 120.0),
        Col::right(LEFT + 120.0, 50.0),
        Col::right(LEFT + 170.0, 45.0),
        Col::right(LEFT + 215.0, 95.0),
        Col::right(LEFT + 320.0, 50.0),
        Col::right(LEFT + 375.0, 45.0),
        Col::right(RIGHT - 60.0, 60.0),
    ];
    page.table_header(&cols, l.team_columns().map(str::to_owned));
    for row in &report.coaches {
        page.gap(2.0);
        page.row(&cols, Face::Regular, row.cells());
    }
    page.gap(2.0);
    page.row(&cols, Face::Bold, report.total.cells());
    page.end_table();
    page.gap(6.0);
    page.paragraph(Face::Regular, SMALL, LEFT, CONTENT_W, l.benchmarks_note);

    page.gap(14.0);
    page.heading(l.trend);
    page.trend_chart(&report.trend, &report.benchmarks);

    page.finish(&mut doc, &title, l)
}

fn score_text(score: Option<u8>) -> String {
    score.map_or_else(|| "–".to_owned(), |s| s.to_string())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

/// The embedded faces: measured with `ttf-parser`, registered with the document for drawing
/// (printpdf subsets each to the glyphs used when it saves).
struct Fonts {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    regular_id: FontId,
    bold_id: FontId,
}

impl Fonts {
    fn load(doc: &mut PdfDocument) -> Result<Fonts> {
        let mut load = |bytes: &'static [u8], name: &'static str| {
            let error = ReportError::Font { name };
            let metrics = ttf_parser::Face::parse(bytes, 0).map_err(|_| error.clone())?;
            let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(error)?;
            Ok::<_, ReportError>((metrics, doc.add_font(&parsed)))
        };
        let (regular, regular_id) = load(REGULAR_TTF, "DejaVuSans.ttf")?;
        let (bold, bold_id) = load(BOLD_TTF, "DejaVuSans-Bold.ttf")?;
        Ok(Fonts {
            regular,
            bold,
            regular_id,
            bold_id,
        })
    }

    fn metrics(&self, face: Face) -> &ttf_parser::Face<'static> {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    fn handle(&self, face: Face) -> PdfFontHandle {
        PdfFontHandle::External(match face {
            Face::Regular => self.regular_id.clone(),
            Face::Bold => self.bold_id.clone(),
        })
    }

    /// The advance width of `text` in points (no kerning: a wrapped line may end a hair
    /// short, never past the margin).
    fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let font = self.metrics(face);
        let em = f32::from(font.units_per_em().max(1));
        let units: f32 = text
            .chars()
            .map(|c| {
                font.glyph_index(c)
                    .and_then(|gid| font.glyph_hor_advance(gid))
                    .map_or(em / 2.0, f32::from)
            })
            .sum();
        units / em * size
    }

    /// Greedy word wrap to `max` points. Line breaks in the text are kept; a word longer than
    /// a line (a URL, a long compound) is broken between characters.
    fn wrap(&self, face: Face, size: f32, text: &str, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in clean(text).split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(face, size, &candidate) <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // The word alone: break it if it is wider than a line.
                for c in word.chars() {
                    let mut longer = line.clone();
                    longer.push(c);
                    if !line.is_empty() && self.width(face, size, &longer) > max {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = longer;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// Tabs become spaces, carriage returns and other control characters go: they have no glyph.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A table column: its left edge and width, and whether its text aligns right (numbers).
#[derive(Clone, Copy, Debug)]
struct Col {
    x: f32,
    width: f32,
    right: bool,
}

impl Col {
    fn left(x: f32, width: f32) -> Col {
        Col {
            x,
            width,
            right: false,
        }
    }

    fn right(x: f32, width: f32) -> Col {
        Col {
            x,
            width,
            right: true,
        }
    }
}

/// Pages being filled top to bottom; `y` is the top of the next line.
struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    y: f32,
    /// Repeated at the top of each new page while a table runs.
    header: Option<(Vec<Col>, Vec<String>)>,
}

impl<'a> Layout<'a> {
    fn new(fonts: &'a Fonts) -> Layout<'a> {
        Layout {
            fonts,
            pages: Vec::new(),
            ops: Vec::new(),
            y: TOP,
            header: None,
        }
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// Starts a new page unless `height` points still fit on this one.
    fn need(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = TOP;
        if let Some((cols, texts)) = self.header.clone() {
            self.draw_header(&cols, &texts);
        }
    }

    /// Draws one line of text with its top at `self.y` (the caller advances `y`).
    fn text(&mut self, face: Face, size: f32, x: f32, text: &str) {
        // DejaVu's ascent is about 0.93 em: put the baseline that far below the line's top.
        let baseline = self.y - size * 0.93;
        self.text_at(face, size, x, baseline, text);
    }

    fn text_at(&mut self, face: Face, size: f32, x: f32, baseline: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: self.fonts.handle(face),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    fn rule(&mut self, y: f32) {
        let point = |x: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineColor { col: grey(0.6) },
            Op::SetOutlineThickness { pt: Pt(0.5) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(LEFT), point(RIGHT)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// Wrapped text, breaking to a new page between lines when needed.
    fn paragraph(&mut self, face: Face, size: f32, x: f32, width: f32, text: &str) {
        for line in self.fonts.wrap(face, size, text, width) {
            self.need(size * LINE);
            self.text(face, size, x, &line);
            self.y -= size * LINE;
        }
    }

    /// A report's title and its "label: value" lines, then room before the table.
    fn title_block(&mut self, title: &str, lines: &[(&str, &String)]) {
        self.paragraph(Face::Bold, TITLE, LEFT, CONTENT_W, title);
        self.gap(4.0);
        for (label, value) in lines {
            let line = format!("{label}: {value}");
            self.paragraph(Face::Regular, BODY, LEFT, CONTENT_W, &line);
        }
        self.gap(12.0);
    }

    fn heading(&mut self, text: &str) {
        self.need(HEADING * LINE * 2.0);
        self.paragraph(Face::Bold, HEADING, LEFT, CONTENT_W, text);
        self.gap(2.0);
    }

    /// One table row, each cell wrapped in its column. A row that fits on a page is kept
    /// together; a longer one breaks between lines.
    fn row<const N: usize>(&mut self, cols: &[Col; N], face: Face, cells: [String; N]) {
        let wrapped: Vec<Vec<String>> = cols
            .iter()
            .zip(&cells)
            .map(|(col, cell)| self.fonts.wrap(face, BODY, cell, col.width))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(0);
        let line_h = BODY * LINE;
        if (lines as f32) * line_h <= TOP - BOTTOM {
            self.need(lines as f32 * line_h);
        }
        for i in 0..lines {
            self.need(line_h);
            for (col, cell) in cols.iter().zip(&wrapped) {
                if let Some(text) = cell.get(i) {
                    let x = if col.right {
                        col.x + col.width - self.fonts.width(face, BODY, text)
                    } else {
                        col.x
                    };
                    self.text(face, BODY, x, text);
                }
            }
            self.y -= line_h;
        }
    }

    /// Starts a table: draws its header now and on each page the table continues on.
    fn table_header<const N: usize>(&mut self, cols: &[Col; N], texts: [String; N]) {
        self.need(BODY * LINE * 4.0);
        self.draw_header(cols, &texts);
        self.header = Some((cols.to_vec(), texts.to_vec()));
    }

    fn draw_header(&mut self, cols: &[Col], texts: &[String]) {
        for (col, text) in cols.iter().zip(texts) {
            let x = if col.right {
                col.x + col.width - self.fonts.width(Face::Bold, SMALL, text)
            } else {
                col.x
            };
            self.text(Face::Bold, SMALL, x, text);
        }
        self.y -= SMALL * LINE + 1.0;
        let y = self.y;
        self.rule(y);
        self.y -= 3.0;
    }

    /// A line chart of percentages by quarter with the benchmarks as grey lines, its labels as
    /// text (so `pdftotext` and screen readers read them too).
    fn trend_chart(&mut self, points: &[(String, Option<f64>)], benchmarks: &[f64]) {
        const HEIGHT: f32 = 150.0;
        self.need(HEIGHT + 30.0);
        let (left, right) = (LEFT + 30.0, RIGHT - 10.0);
        let (top, bottom) = (self.y - 6.0, self.y - HEIGHT);
        let highest = points
            .iter()
            .filter_map(|(_, v)| *v)
            .chain(benchmarks.iter().copied())
            .fold(0.0_f64, f64::max);
        let max = ((highest / 10.0).ceil() * 10.0 + 10.0).min(100.0) as f32;
        let y_of = |v: f64| bottom + (v as f32 / max) * (top - bottom);
        let step = (right - left) / points.len().max(1) as f32;
        let x_of = |i: usize| left + step * (i as f32 + 0.5);
        let at = |x: f32, y: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        // Axes.
        self.ops.extend([
            Op::SetOutlineColor { col: grey(0.2) },
            Op::SetOutlineThickness { pt: Pt(0.8) },
            Op::DrawLine {
                line: Line {
                    points: vec![at(left, top), at(left, bottom), at(right, bottom)],
                    is_closed: false,
                },
            },
            Op::SetFillColor { col: grey(0.35) },
        ]);
        for b in benchmarks {
            let y = y_of(*b);
            self.ops.extend([
                Op::SetOutlineColor { col: grey(0.7) },
                Op::SetOutlineThickness { pt: Pt(0.5) },
                Op::DrawLine {
                    line: Line {
                        points: vec![at(left, y), at(right, y)],
                        is_closed: false,
                    },
                },
            ]);
            self.text_at(
                Face::Regular,
                SMALL,
                LEFT,
                y - SMALL * 0.35,
                &format!("{b:.0} %"),
            );
        }
        // The team's rate: a line through the quarters that have one, a dot on each.
        let line: Vec<LinePoint> = points
            .iter()
            .enumerate()
            .filter_map(|(i, (_, v))| v.map(|v| at(x_of(i), y_of(v))))
            .collect();
        let blue = Color::Rgb(Rgb {
            r: 0.08,
            g: 0.33,
            b: 0.65,
            icc_profile: None,
        });
        self.ops.extend([
            Op::SetOutlineColor { col: blue.clone() },
            Op::SetOutlineThickness { pt: Pt(1.8) },
        ]);
        if line.len() > 1 {
            self.ops.push(Op::DrawLine {
                line: Line {
                    points: line.clone(),
                    is_closed: false,
                },
            });
        }
        for p in &line {
            let (x, y) = (p.p.x.0, p.p.y.0);
            self.ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        at(x - 2.0, y - 2.0),
                        at(x + 2.0, y - 2.0),
                        at(x + 2.0, y + 2.0),
                        at(x - 2.0, y + 2.0),
                    ],
                    is_closed: true,
                },
            });
        }
        self.ops.push(Op::SetFillColor { col: grey(0.1) });
        for (i, (quarter, value)) in points.iter().enumerate() {
            let label = quarter.as_str();
            let x = x_of(i) - self.fonts.width(Face::Regular, SMALL, label) / 2.0;
            self.text_at(Face::Regular, SMALL, x, bottom - SMALL * 1.3, label);
            if let Some(v) = value {
                let text = format!("{v:.0} %");
                let x = x_of(i) - self.fonts.width(Face::Bold, SMALL, &text) / 2.0;
                self.text_at(Face::Bold, SMALL, x, y_of(*v) + 5.0, &text);
            }
        }
        self.y = bottom - SMALL * 2.5;
    }

    fn end_table(&mut self) {
        self.header = None;
    }

    /// Adds the footer ("title · Page n / N") to every page and serializes the document.
    fn finish(mut self, doc: &mut PdfDocument, title: &str, l: &Labels) -> Result<Vec<u8>> {
        self.pages.push(std::mem::take(&mut self.ops));
        let count = self.pages.len();
        let fonts = self.fonts;
        let footer_title = fonts
            .wrap(Face::Regular, SMALL, title, CONTENT_W - 90.0)
            .into_iter()
            .next()
            .unwrap_or_default();
        let pages = std::mem::take(&mut self.pages)
            .into_iter()
            .enumerate()
            .map(|(i, ops)| {
                self.ops = ops;
                self.ops.push(Op::SetFillColor { col: grey(0.35) });
                self.text_at(Face::Regular, SMALL, LEFT, FOOTER_Y, &footer_title);
                let number = format!("{} {} / {count}", l.page, i + 1);
                let x = RIGHT - fonts.width(Face::Regular, SMALL, &number);
                self.text_at(Face::Regular, SMALL, x, FOOTER_Y, &number);
                PdfPage::new(Mm(210.0), Mm(297.0), std::mem::take(&mut self.ops))
            })
            .collect();
        let mut warnings = Vec::new();
        let bytes = doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut warnings);
        let errors: Vec<String> = warnings
            .into_iter()
            .filter(|w| matches!(w.severity, PdfParseErrorSeverity::Error))
            .map(|w| w.msg)
            .collect();
        if !errors.is_empty() {
            return Err(ReportError::Pdf(errors.join("; ")));
        }
        if bytes.is_empty() {
            return Err(ReportError::Pdf("no output".to_owned()));
        }
        Ok(bytes)
    }
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}
