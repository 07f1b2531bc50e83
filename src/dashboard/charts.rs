//! Server-side SVG charts (no script, nothing fetched): agreements ending by month and the
//! co-sell pipeline funnel. Each is plain shapes sized from the counts.

use chrono::{Datelike, NaiveDate, Utc};
use maud::{html, Markup};

use crate::agreement::view::Summary;
use crate::cosell::views::OpportunityRow;

/// Partner Central's stages, in pipeline order.
pub const STAGES: &[&str] = &[
    "Prospect",
    "Qualified",
    "Technical Validation",
    "Business Validation",
    "Committed",
    "Launched",
    "Closed Lost",
];

/// `(YYYY-MM, count)` of active agreements ending in this month and each of the next 12.
pub fn ending_by_month(agreements: &[Summary]) -> Vec<(String, usize)> {
    let today = Utc::now().date_naive();
    let mut months: Vec<(String, usize)> = (0..13)
        .map(|i| {
            let m0 = today.month0() + i;
            let first = NaiveDate::from_ymd_opt(today.year() + (m0 / 12) as i32, m0 % 12 + 1, 1);
            (
                first
                    .map(|d| d.format("%Y-%m").to_string())
                    .unwrap_or_default(),
                0,
            )
        })
        .collect();
    for a in agreements.iter().filter(|a| a.status == "ACTIVE") {
        if let Some(m) = months
            .iter_mut()
            .find(|(m, _)| a.end.starts_with(m.as_str()))
        {
            m.1 += 1;
        }
    }
    months
}

/// A vertical bar chart of `(label, count)`.
pub fn bars(id: &str, title: &str, data: &[(String, usize)]) -> Markup {
    let max = data.iter().map(|d| d.1).max().unwrap_or(0).max(1);
    let (w, h, bar) = (40 * data.len() + 20, 200, 30);
    html! {
        figure {
            figcaption { (title) }
            svg id=(id) xmlns="http://www.w3.org/2000/svg" width=(w) height=(h + 50) role="img" aria-label=(title) {
                @for (i, (label, n)) in data.iter().enumerate() {
                    @let bh = n * h / max;
                    @let x = 10 + i * 40;
                    rect x=(x) y=(h - bh + 20) width=(bar) height=(bh) fill="#ff9900" { title { (label) ": " (n) } }
                    text x=(x + bar / 2) y=(h + 15 - bh) font-size="11" text-anchor="middle" { (n) }
                    text x=(x + bar / 2) y=(h + 35) font-size="9" text-anchor="middle" { (label.get(2..).unwrap_or(label)) }
                }
            }
        }
    }
}

/// `(stage, count)` of opportunities in every stage, pipeline order.
pub fn stage_counts(opportunities: &[OpportunityRow]) -> Vec<(String, usize)> {
    STAGES
        .iter()
        .map(|s| {
            let n = opportunities
                .iter()
                .filter(|o| o.stage.as_deref() == Some(s))
                .count();
            (s.to_string(), n)
        })
        .collect()
}

/// A funnel: one centered bar per stage, width by count.
pub fn funnel(id: &str, data: &[(String, usize)]) -> Markup {
    let max = data.iter().map(|d| d.1).max().unwrap_or(0).max(1);
    let (w, row) = (420, 28);
    html! {
        figure {
            figcaption { "Co-sell pipeline" }
            svg id=(id) xmlns="http://www.w3.org/2000/svg" width=(w) height=(row * data.len() + 10) role="img" aria-label="Co-sell pipeline" {
                @for (i, (stage, n)) in data.iter().enumerate() {
                    @let bw = 40 + n * 220 / max;
                    @let y = 5 + i * row;
                    rect x=(140 + (260 - bw) / 2) y=(y) width=(bw) height=(row - 4) fill="#232f3e" { title { (stage) ": " (n) } }
                    text x="0" y=(y + 17) font-size="12" { (stage) }
                    text x="270" y=(y + 17) font-size="12" fill="#fff" text-anchor="middle" { (n) }
                }
            }
        }
    }
}
