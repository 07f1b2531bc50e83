//! The page frame (navigation, styles, refresh link) and the sortable, filterable table every
//! list page uses. Sorting and filtering happen on the server from the query string
//! (`sort`, `desc`, `q`), so the pages work without scripts and links can be shared.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Deserialize;

use super::data::Snapshot;
use super::fills::{self, Shown};

const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
nav{background:#232f3e;padding:.6em 1em}nav a{color:#fff;margin-right:1.2em;text-decoration:none}
nav .ro{color:#ff9900;float:right}main{padding:1em 1.5em}
table{border-collapse:collapse;background:#fff;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;font-size:.9em}
th a{color:inherit}tr:nth-child(even) td{background:#f6f8fa}
.cards{display:flex;flex-wrap:wrap;gap:1em}.card{background:#fff;border:1px solid #d0d7de;padding:.8em 1.2em;min-width:9em}
.card b{display:block;font-size:1.8em}.charts{display:flex;flex-wrap:wrap;gap:2em}
.meta{color:#57606a;font-size:.85em}pre{background:#fff;border:1px solid #d0d7de;padding:.8em;overflow:auto}
.error{color:#b42318;font-weight:bold}.ok{color:#1a7f37;font-weight:bold}
button,.button{background:#ff9900;border:0;padding:.4em .9em;color:#000;cursor:pointer;text-decoration:none;font-size:.9em}
form.inline{display:inline;margin-right:.5em}
";

/// Fills `td[data-fill]` cells from `/fills.json` (same origin, the token cookie) while the
/// background task reads them; a table sorted or filtered before they were all read
/// (`data-reload`) is reloaded once they are, so the server sorts and filters on them.
const SCRIPT: &str = "(function(){
var cells=[].slice.call(document.querySelectorAll('td[data-fill]'));
var reload=document.querySelector('table[data-reload]'),changed=false;
if(!cells.length&&!reload)return;
var keys=cells.map(function(td){return td.getAttribute('data-fill');}).join(',');
function poll(){fetch('/fills.json?keys='+encodeURIComponent(keys),{credentials:'same-origin',cache:'no-store'})
.then(function(r){return r.json();}).then(function(d){
cells=cells.filter(function(td){var k=td.getAttribute('data-fill'),i=k.indexOf(':');
var m=d[k.slice(0,i)]||{},id=k.slice(i+1);if(!(id in m))return true;
td.textContent=m[id]===null?'n/a':m[id];td.removeAttribute('data-fill');changed=true;return false;});
if(d.pending>0&&(cells.length||reload)){changed=true;setTimeout(poll,250);}
else if(reload&&changed){location.reload();}})
.catch(function(){setTimeout(poll,1000);});}
poll();})();";

/// A whole page: navigation, title, body, and when the data was read.
pub fn page(title: &str, read_only: bool, snapshot: Option<&Snapshot>, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { (title) " · mpctl dashboard" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                nav {
                    a href="/" { "Overview" }
                    a href="/offers" { "Offers" }
                    a href="/agreements" { "Agreements" }
                    a href="/renewals" { "Renewals" }
                    a href="/opportunities" { "Opportunities" }
                    a href="/cosell" { "Co-sell" }
                    a href="/changesets" { "Change sets" }
                    @if read_only { span.ro { "read-only" } }
                }
                main {
                    h1 { (title) }
                    @if let Some(s) = snapshot {
                        p.meta id="read-at" data-source=(if s.from_cache { "cache" } else { "aws" }) {
                            @if s.from_cache {
                                "Data from the cache on disk, read at " (s.taken.format("%Y-%m-%d %H:%M:%S UTC")) " · "
                            } @else {
                                "Data read at " (s.taken.format("%H:%M:%S UTC")) " in " (s.millis) " ms · "
                            }
                            a href="?refresh=1" id="refresh" { "Refresh" }
                        }
                    }
                    (body)
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

/// An error page body.
pub fn error(err: &anyhow::Error) -> Markup {
    html! { p.error id="error" { (format!("{err:#}")) } }
}

/// `sort`, `desc`, `q` and `refresh` from the query string.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub sort: Option<String>,
    #[serde(default)]
    pub desc: bool,
    pub q: Option<String>,
    #[serde(default)]
    pub refresh: Option<u8>,
    /// Renewals horizon in days.
    pub days: Option<i64>,
    /// Which page of the table (from 1), and how many rows a page holds.
    pub page: Option<usize>,
    pub per: Option<usize>,
}

/// Rows a page holds unless `per=` says otherwise, and the most it may say.
pub const PER_PAGE: usize = 50;
pub const MAX_PER_PAGE: usize = 500;

impl ListQuery {
    /// `(first row index, rows per page, page number)` for `total` rows.
    pub fn window(&self, total: usize) -> (usize, usize, usize) {
        let per = self.per.unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE);
        let pages = total.div_ceil(per).max(1);
        let page = self.page.unwrap_or(1).clamp(1, pages);
        ((page - 1) * per, per, page)
    }

    /// The query string of this view at page `page` (sort, order, filter, horizon kept).
    pub fn at_page(&self, page: usize) -> String {
        let mut out = format!("?page={page}");
        if let Some(per) = self.per {
            out.push_str(&format!("&per={per}"));
        }
        if let Some(sort) = &self.sort {
            out.push_str(&format!("&sort={}&desc={}", encode(sort), self.desc));
        }
        if let Some(q) = self.q.as_deref().filter(|q| !q.is_empty()) {
            out.push_str(&format!("&q={}", encode(q)));
        }
        if let Some(d) = self.days {
            out.push_str(&format!("&days={d}"));
        }
        out
    }
}

/// The links to the other pages of a `total`-row table (`id-pages`): previous, next, first,
/// last, and where this page is.
pub fn pager(id: &str, q: &ListQuery, total: usize) -> Markup {
    let (first, per, page) = q.window(total);
    let pages = total.div_ceil(per).max(1);
    let last_row = (first + per).min(total);
    html! {
        p.meta.pager id=(format!("{id}-pages")) {
            @if total == 0 { "no rows" } @else { "rows " (first + 1) "–" (last_row) " of " (total) }
            @if page > 1 {
                " · " a href=(q.at_page(1)) { "first" }
                " · " a href=(q.at_page(page - 1)) rel="prev" class="prev" { "previous" }
            }
            " · page " (page) " of " (pages)
            @if page < pages {
                " · " a href=(q.at_page(page + 1)) rel="next" class="next" { "next" }
                " · " a href=(q.at_page(pages)) { "last" }
            }
        }
    }
}

/// One table cell: text shown, key sorted by, optional link, and for a value still being read
/// in the background, its `/fills.json` key (`agreements:ID`), which the page's script fills.
pub struct Cell {
    pub text: String,
    pub sort: String,
    pub link: Option<String>,
    pub fill: Option<String>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let text = s.into();
        Cell {
            sort: text.clone(),
            text,
            link: None,
            fill: None,
        }
    }

    /// Sorted by number (zero-padded so text order is numeric order).
    pub fn number(n: Option<i64>) -> Cell {
        Cell {
            text: n.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
            sort: n.map_or("~".into(), |n| format!("{:020}", n + 1_000_000_000)),
            link: None,
            fill: None,
        }
    }

    /// A background-filled value: shown and sorted (by amount when it starts with a number)
    /// once read, "…" and sorted last until then.
    pub fn filled(shown: Shown, key: String) -> Cell {
        match shown {
            Shown::Ready(text) => Cell {
                sort: fills::amount(&text).map_or(text.clone(), |n| format!("{:025.4}", n + 1e15)),
                text,
                link: None,
                fill: None,
            },
            Shown::Failed => Cell::text("n/a"),
            Shown::Waiting => Cell {
                text: "…".into(),
                sort: "~".into(),
                link: None,
                fill: Some(key),
            },
        }
    }

    pub fn link(s: impl Into<String>, href: String) -> Cell {
        Cell {
            link: Some(href),
            ..Cell::text(s)
        }
    }
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A table of `rows` under `columns` (`(key, label)`), filtered by `q` (any cell contains it,
/// ignoring case), sorted by the `sort` column, and cut to the page `q` asks for: the HTML
/// holds one page of rows (50 unless `per=`), with links to the others.
pub fn table(
    id: &str,
    columns: &[(&str, &str)],
    mut rows: Vec<Vec<Cell>>,
    q: &ListQuery,
    background_pending: bool,
) -> Markup {
    let needle = q.q.clone().unwrap_or_default().to_lowercase();
    if !needle.is_empty() {
        rows.retain(|r| r.iter().any(|c| c.text.to_lowercase().contains(&needle)));
    }
    if let Some(i) = columns
        .iter()
        .position(|(k, _)| Some(*k) == q.sort.as_deref())
    {
        rows.sort_by(|a, b| a[i].sort.cmp(&b[i].sort));
        if q.desc {
            rows.reverse();
        }
    }
    let filter = encode(q.q.as_deref().unwrap_or_default());
    let total = rows.len();
    let (first, per, _) = q.window(total);
    let rows: Vec<Vec<Cell>> = rows.into_iter().skip(first).take(per).collect();
    let waiting = rows.iter().flatten().any(|c| c.fill.is_some());
    // Sorted or filtered while values are still being read: the script reloads once all are.
    let reload = (background_pending || waiting) && (q.sort.is_some() || !needle.is_empty());
    html! {
        form method="get" {
            input type="search" name="q" value=(q.q.clone().unwrap_or_default()) placeholder="filter" id=(format!("{id}-filter"));
            @if let Some(s) = &q.sort { input type="hidden" name="sort" value=(s); }
            " " button type="submit" { "Filter" }
            span.meta { " " (total) " rows" }
        }
        (pager(id, q, total))
        table id=(id) data-reload[reload] {
            thead { tr {
                @for (key, label) in columns {
                    @let desc = q.sort.as_deref() == Some(*key) && !q.desc;
                    th { a href=(format!("?sort={key}&desc={desc}&q={filter}")) { (label) } }
                }
            } }
            tbody {
                @for row in &rows {
                    tr { @for c in row { td data-fill=[&c.fill] { @if let Some(l) = &c.link { a href=(l) { (c.text) } } @else { (c.text) } } } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(q: ListQuery, values: &[&str]) -> String {
        let rows = values
            .iter()
            .map(|v| vec![Cell::filled(Shown::Ready(v.to_string()), String::new())])
            .collect();
        table("t", &[("value", "Value")], rows, &q, false).into_string()
    }

    #[test]
    fn filled_values_sort_by_amount_and_filter_by_text() {
        let sort = |desc| ListQuery {
            sort: Some("value".into()),
            desc,
            ..ListQuery::default()
        };
        let page = rendered(sort(false), &["1200.00 USD", "300.00 USD", "45.50 USD"]);
        let at = |s: &str| page.find(s).expect(s);
        assert!(
            at("45.50") < at("300.00") && at("300.00") < at("1200.00"),
            "{page}"
        );
        let page = rendered(sort(true), &["300.00 USD", "1200.00 USD"]);
        assert!(page.find("1200.00") < page.find("300.00"), "{page}");
        let filter = ListQuery {
            q: Some("1200".into()),
            ..ListQuery::default()
        };
        let page = rendered(filter, &["300.00 USD", "1200.00 USD"]);
        assert!(
            page.contains("1200.00") && !page.contains("300.00 USD"),
            "{page}"
        );
    }

    #[test]
    fn a_table_holds_one_page_with_links_that_keep_the_sort_and_filter() {
        let rows = (0..120)
            .map(|i| vec![Cell::text(format!("row-{i:03}"))])
            .collect();
        let q = ListQuery {
            sort: Some("v".into()),
            q: Some("row".into()),
            page: Some(2),
            ..ListQuery::default()
        };
        let page = table("t", &[("v", "V")], rows, &q, false).into_string();
        assert_eq!(page.matches("<td>").count(), 50, "{page}");
        assert!(page.contains("row-050") && page.contains("row-099") && !page.contains("row-100"));
        assert!(
            page.contains("rows 51–100 of 120") && page.contains("page 2 of 3"),
            "{page}"
        );
        assert!(
            page.contains("href=\"?page=3&amp;sort=v&amp;desc=false&amp;q=row\""),
            "{page}"
        );
        let last = ListQuery {
            page: Some(99),
            per: Some(100),
            ..ListQuery::default()
        };
        assert_eq!(
            last.window(120),
            (100, 100, 2),
            "a page past the end shows the last"
        );
    }

    #[test]
    fn a_value_still_being_read_is_marked_for_the_script_and_sorts_last() {
        let rows = vec![
            vec![Cell::filled(Shown::Waiting, "agreements:agmt-1".into())],
            vec![Cell::filled(Shown::Ready("5 USD".into()), String::new())],
        ];
        let q = ListQuery {
            sort: Some("value".into()),
            ..ListQuery::default()
        };
        let page = table("t", &[("value", "Value")], rows, &q, false).into_string();
        assert!(page.contains("data-fill=\"agreements:agmt-1\""), "{page}");
        assert!(
            page.contains("data-reload"),
            "sorted on a value not read yet: {page}"
        );
        assert!(page.find("5 USD") < page.find("…"), "{page}");
    }
}
