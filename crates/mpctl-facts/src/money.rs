//! AWS's money strings as exact decimals: prices, charges, invoice amounts, refunds and payment
//! requests are decimal strings (`"0.15"`, `"200.00"`; the model's `PositiveAmountUpto8Decimals`)
//! and summing them as floats would print `0.30000000000000004`; and how many decimals each
//! currency takes. The emulator computes with them; the CLI checks a refund or a payment
//! request against the same rules before sending it.

use std::fmt;

/// The decimals `currency` takes (ISO 4217 minor units): USD/EUR 2, JPY/KRW 0, BHD/KWD/OMR 3,
/// others 2. [I] AWS publishes no list; its billing-adjustment sample reports that the backend
/// refuses more decimals than the currency's minor unit (aws-postsale.md §10 Q6).
pub fn minor_units(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" => 0,
        "BHD" | "KWD" | "OMR" => 3,
        _ => 2,
    }
}

/// A decimal amount: `units / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Money {
    units: i128,
    scale: u32,
}

const MAX_SCALE: u32 = 18;

impl Money {
    /// Parses `[-]digits[.digits]`; anything else (exponents, blanks) is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(frac)
            || frac.len() > MAX_SCALE as usize
        {
            return None;
        }
        let units: i128 = format!("{whole}{frac}").parse().ok()?;
        Some(Money {
            units: if negative { -units } else { units },
            scale: frac.len() as u32,
        })
    }

    fn rescaled(self, scale: u32) -> i128 {
        self.units * 10i128.pow(scale - self.scale)
    }

    pub fn plus(self, other: Money) -> Money {
        let scale = self.scale.max(other.scale);
        Money {
            units: self.rescaled(scale) + other.rescaled(scale),
            scale,
        }
    }

    pub fn minus(self, other: Money) -> Money {
        self.plus(Money {
            units: -other.units,
            scale: other.scale,
        })
    }

    /// Whether the amount is above zero.
    pub fn is_positive(self) -> bool {
        self.units > 0
    }

    /// Whether the amount is written with no more decimals than `currency`'s minor unit
    /// ([`minor_units`]). Trailing zeros count as written (`"5.000"` does not fit USD), as AWS
    /// checks the string.
    pub fn fits(self, currency: &str) -> bool {
        self.scale <= minor_units(currency)
    }

    /// How many decimals it is written with.
    pub fn decimals(self) -> u32 {
        self.scale
    }

    /// `a * n` for a whole quantity.
    pub fn times(self, n: u32) -> Money {
        Money {
            units: self.units * i128::from(n),
            scale: self.scale,
        }
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Money {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let scale = self.scale.max(other.scale);
        self.rescaled(scale).cmp(&other.rescaled(scale))
    }
}

/// At least two decimals (`"370.00"`), more when a price had more (`"0.150"`).
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = self.scale.max(2);
        let units = self.rescaled(scale);
        let pow = 10i128.pow(scale);
        let sign = if units < 0 { "-" } else { "" };
        let abs = units.abs();
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / pow,
            abs % pow,
            width = scale as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).expect("amount")
    }

    #[test]
    fn sums_exactly_and_formats_with_two_decimals() {
        assert_eq!(m("0.1").plus(m("0.2")).to_string(), "0.30");
        assert_eq!(m("200.00").plus(m("170.00")).to_string(), "370.00");
        assert_eq!(m("300").to_string(), "300.00");
        assert_eq!(m("0.015").plus(m("1")).to_string(), "1.015");
        assert_eq!(m("12.5").times(12).to_string(), "150.00");
        assert_eq!(Money::default().to_string(), "0.00");
        assert_eq!(m("-1.5").to_string(), "-1.50");
    }

    #[test]
    fn compares_subtracts_and_checks_currency_precision() {
        assert!(m("200.00") > m("199.999"));
        assert_eq!(m("200").cmp(&m("200.00")), std::cmp::Ordering::Equal);
        assert_eq!(m("200.00").minus(m("50.5")).to_string(), "149.50");
        assert!(m("0.01").is_positive() && !m("0.00").is_positive());
        assert!(m("1.25").fits("USD") && !m("1.255").fits("USD"));
        assert!(m("100").fits("JPY") && !m("100.0").fits("JPY"));
        assert!(m("1.255").fits("KWD"));
    }

    #[test]
    fn rejects_non_decimals() {
        for bad in ["", "abc", "1e3", "1.2.3", ".5", "1,000"] {
            assert_eq!(Money::parse(bad), None, "{bad}");
        }
    }
}
