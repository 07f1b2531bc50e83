//! Names for seeded records: product titles, company names, industries, places — varied enough
//! that lists and searches over a seeded world look like a seller's, never `Product 1..n`.

const PRODUCT_FIRST: &[&str] = &[
    "Nimbus", "Cobalt", "Vertex", "Aurora", "Helix", "Quasar", "Summit", "Beacon", "Lumen",
    "Orbit", "Pioneer", "Sentinel", "Harbor", "Atlas", "Cascade", "Zenith",
];
const PRODUCT_SECOND: &[&str] = &[
    "Data Catalog",
    "Log Analytics",
    "Backup",
    "Identity Gateway",
    "Cost Insights",
    "Threat Detection",
    "Feature Store",
    "API Monitor",
    "Billing Engine",
    "Search",
    "Workflow Automation",
    "Document AI",
    "Edge CDN",
    "Secrets Vault",
    "Observability",
    "Data Pipeline",
];
const COMPANY_FIRST: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Aperture",
    "Wonka",
    "Oscorp",
    "Massive",
    "Gringotts",
    "Pied Piper",
    "Monarch",
    "Dunder",
    "Bluth",
];
const COMPANY_SECOND: &[&str] = &[
    "Corp",
    "Industries",
    "Labs",
    "Holdings",
    "Health",
    "Bank",
    "Logistics",
    "Retail",
    "Energy",
    "Media",
    "Insurance",
    "Foods",
];
/// Values of Partner Central's `Industry` enum.
pub const INDUSTRIES: &[&str] = &[
    "Software and Internet",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Media and Entertainment",
    "Manufacturing",
    "Energy - Power and Utilities",
    "Transportation and Logistics",
];
/// (city, state or region, postal code) in the US.
pub const PLACES: &[(&str, &str, &str)] = &[
    ("Seattle", "Washington", "98101"),
    ("Austin", "Texas", "73301"),
    ("Chicago", "Illinois", "60601"),
    ("Boston", "Massachusetts", "02108"),
    ("Denver", "Colorado", "80202"),
    ("New York", "New York", "10001"),
    ("San Jose", "California", "95113"),
    ("Atlanta", "Georgia", "30303"),
];

/// The `i`-th product's title (distinct for the first 256, numbered beyond).
pub fn product_title(i: usize) -> String {
    let first = PRODUCT_FIRST[i % PRODUCT_FIRST.len()];
    let second = PRODUCT_SECOND[(i / PRODUCT_FIRST.len()) % PRODUCT_SECOND.len()];
    match i / (PRODUCT_FIRST.len() * PRODUCT_SECOND.len()) {
        0 => format!("{first} {second}"),
        n => format!("{first} {second} {}", n + 1),
    }
}

/// The `i`-th buyer company's name.
pub fn company(i: usize) -> String {
    let first = COMPANY_FIRST[i % COMPANY_FIRST.len()];
    let second = COMPANY_SECOND[(i / COMPANY_FIRST.len()) % COMPANY_SECOND.len()];
    match i / (COMPANY_FIRST.len() * COMPANY_SECOND.len()) {
        0 => format!("{first} {second}"),
        n => format!("{first} {second} {}", n + 1),
    }
}

/// A web site for a company name.
pub fn website(company: &str) -> String {
    let slug: String = company
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("https://www.{}.example.com", slug.to_lowercase())
}
