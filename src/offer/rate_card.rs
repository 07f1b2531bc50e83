//! Usage prices from a CSV rate card (`create-offer --rate-card FILE.csv`).
//!
//! The file has a header row and either the columns `DimensionKey,Price` or
//! `DimensionKey,OriginalPrice,DiscountPercent` (the price is then original × (1 − discount/100),
//! rounded to 4 decimals). Header names are case-insensitive and `_` is ignored, so
//! `original_price` works too. Every key must be one of the product's metered dimensions and
//! every metered dimension needs a price; errors name `file:line`.

use std::path::Path;

use serde_json::{json, Value};

use crate::exit::bad_input;

/// One priced dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub key: String,
    /// Decimal string, e.g. `0.12`.
    pub price: String,
    /// 1-based line in the CSV file.
    pub line: usize,
}

fn norm(h: &str) -> String {
    h.trim().replace(['_', ' '], "").to_ascii_lowercase()
}

/// [I] The most decimals a usage price may carry. AWS documents no figure for rate cards; the
/// console shows prices to 4 decimals, and a discount is rounded to the same 4 here, so a price
/// finer than that would be listed as something other than what the seller wrote.
const MAX_DECIMALS: usize = 4;

fn too_fine(s: &str) -> bool {
    s.trim()
        .split_once('.')
        .is_some_and(|(_, frac)| frac.len() > MAX_DECIMALS)
}

fn decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && s.matches('.').count() <= 1;
    ok.then(|| s.parse().ok()).flatten()
}

fn format_price(p: f64) -> String {
    let s = format!("{p:.4}");
    let s = s.trim_end_matches('0');
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.contains('.') {
        s.to_string()
    } else {
        format!("{s}.0")
    }
}

/// Parses a rate card; `path` only names the file in errors.
pub fn parse(path: &Path, text: &str) -> anyhow::Result<Vec<Rate>> {
    let at = |line: usize, msg: String| bad_input(format!("{}:{line}: {msg}", path.display()));
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| at(1, format!("cannot read the header row: {e}")))?
        .iter()
        .map(norm)
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let key_col = col("dimensionkey").ok_or_else(|| {
        at(1, "no DimensionKey column\n  hint: the header row is `DimensionKey,Price` or `DimensionKey,OriginalPrice,DiscountPercent`".into())
    })?;
    let (price_col, original_col, discount_col) =
        (col("price"), col("originalprice"), col("discountpercent"));
    if price_col.is_none() && (original_col.is_none() || discount_col.is_none()) {
        return Err(at(1, "no Price column (or OriginalPrice and DiscountPercent columns)\n  hint: the header row is `DimensionKey,Price` or `DimensionKey,OriginalPrice,DiscountPercent`".into()));
    }
    let mut rates: Vec<Rate> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            at(line, format!("not valid CSV: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        let key = cell(Some(key_col));
        if key.is_empty() {
            return Err(at(line, "empty DimensionKey".into()));
        }
        if rates.iter().any(|r| r.key == key) {
            return Err(at(
                line,
                format!("dimension {key} is listed twice\n  hint: keep one line per dimension"),
            ));
        }
        let price = match price_col.map(|i| cell(Some(i))).filter(|s| !s.is_empty()) {
            Some(p) => {
                decimal(&p).ok_or_else(|| at(line, format!("price {p:?} is not a decimal amount\n  hint: write e.g. 0.12 (no currency sign, not negative)")))?;
                if too_fine(&p) {
                    return Err(at(line, format!("price {p:?} has more than {MAX_DECIMALS} decimals\n  hint: round it, e.g. {}", format_price(p.trim().parse().unwrap_or(0.0)))));
                }
                p
            }
            None => {
                let (o, d) = (cell(original_col), cell(discount_col));
                let original = decimal(&o).ok_or_else(|| at(line, format!("original price {o:?} is not a decimal amount\n  hint: fill Price, or OriginalPrice and DiscountPercent")))?;
                let discount = decimal(&d).filter(|d| *d <= 100.0).ok_or_else(|| {
                    at(
                        line,
                        format!("discount {d:?} is not a percentage between 0 and 100"),
                    )
                })?;
                format_price(original * (1.0 - discount / 100.0))
            }
        };
        rates.push(Rate { key, price, line });
    }
    if rates.is_empty() {
        return Err(at(
            1,
            "the rate card has no rows\n  hint: add one line per metered dimension".into(),
        ));
    }
    Ok(rates)
}

/// Checks the rates against the product's metered dimensions.
pub fn check(path: &Path, rates: &[Rate], metered: &[String], product: &str) -> anyhow::Result<()> {
    for r in rates {
        if !metered.contains(&r.key) {
            return Err(bad_input(format!(
                "{}:{}: {} is not a metered dimension of product {product}\n  hint: metered dimensions: {}",
                path.display(),
                r.line,
                r.key,
                metered.join(", ")
            )));
        }
    }
    let missing: Vec<&String> = metered
        .iter()
        .filter(|m| !rates.iter().any(|r| &r.key == *m))
        .collect();
    if !missing.is_empty() {
        return Err(bad_input(format!(
            "{}: no price for metered dimension(s) {} of product {product}\n  hint: add a line per metered dimension",
            path.display(),
            missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
    Ok(())
}

/// The UsageBasedPricingTerm for these rates.
pub fn usage_term(rates: &[Rate], currency: &str) -> Value {
    let card: Vec<Value> = rates
        .iter()
        .map(|r| json!({"DimensionKey": r.key, "Price": r.price}))
        .collect();
    json!({"Type": "UsageBasedPricingTerm", "CurrencyCode": currency, "RateCards": [{"RateCard": card}]})
}

/// Puts the rate card into the request's UpdatePricingTerms change, replacing any
/// UsageBasedPricingTerm there (its currency is kept). Errors if the request has no
/// UpdatePricingTerms change.
pub fn apply(request: &mut Value, rates: &[Rate]) -> anyhow::Result<()> {
    let change = request
        .get_mut("ChangeSet")
        .and_then(Value::as_array_mut)
        .and_then(|cs| {
            cs.iter_mut()
                .find(|c| c.get("ChangeType").and_then(Value::as_str) == Some("UpdatePricingTerms"))
        })
        .ok_or_else(|| {
            bad_input("the offer template has no UpdatePricingTerms change to put the rate card in")
        })?;
    let terms = change
        .pointer_mut("/DetailsDocument/Terms")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| {
            bad_input("the offer template's UpdatePricingTerms has no DetailsDocument.Terms list")
        })?;
    let currency = terms
        .iter()
        .find(|t| t.get("Type").and_then(Value::as_str) == Some("UsageBasedPricingTerm"))
        .and_then(|t| t.get("CurrencyCode"))
        .and_then(Value::as_str)
        .unwrap_or("USD")
        .to_string();
    terms.retain(|t| t.get("Type").and_then(Value::as_str) != Some("UsageBasedPricingTerm"));
    terms.push(usage_term(rates, &currency));
    Ok(())
}

/// The product's metered dimension keys from its DescribeEntity document.
pub fn metered_dimensions(product_document: &Value) -> Vec<String> {
    let items = product_document
        .get("Dimensions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    mpctl_changeset::dimension_list(&items)
        .into_iter()
        .filter(|(_, types)| mpctl_changeset::is_metered(types))
        .map(|(k, _)| k)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("rates.csv")
    }

    #[test]
    fn parses_prices_and_discounts() {
        let r = parse(p(), "DimensionKey,Price\nSmall,0.12\nLarge, 0.30\n").expect("ok");
        assert_eq!(
            r[1],
            Rate {
                key: "Large".into(),
                price: "0.30".into(),
                line: 3
            }
        );
        let r = parse(
            p(),
            "dimension_key,original_price,discount_percent\nSmall,0.20,25\n",
        )
        .expect("ok");
        assert_eq!(r[0].price, "0.15");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse(p(), "DimensionKey,Price\nSmall,0.12\nLarge,$3\n").expect_err("bad");
        assert!(e.to_string().starts_with("rates.csv:3: "), "{e}");
        let e = parse(p(), "Key,Price\nSmall,1\n").expect_err("bad");
        assert!(e.to_string().starts_with("rates.csv:1: "), "{e}");
        let e =
            parse(p(), "DimensionKey,OriginalPrice,DiscountPercent\nA,1,150\n").expect_err("bad");
        assert!(e.to_string().starts_with("rates.csv:2: "), "{e}");
    }

    #[test]
    fn checks_against_metered_dimensions() {
        let rates = parse(p(), "DimensionKey,Price\nSmall,1\nHuge,2\n").expect("ok");
        let metered = vec![
            "Small".to_string(),
            "Huge".to_string(),
            "Medium".to_string(),
        ];
        let e = check(p(), &rates, &metered, "prod-x").expect_err("missing");
        assert!(e.to_string().contains("Medium"), "{e}");
        let e = check(p(), &rates, &metered[..1], "prod-x").expect_err("unknown");
        assert!(e.to_string().starts_with("rates.csv:3: Huge"), "{e}");
    }
}
